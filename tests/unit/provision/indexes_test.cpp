#include "provision/indexes.hpp"

#include <gtest/gtest.h>

#include "profile_builder.hpp"
#include "util/error.hpp"

namespace gator::provision {
namespace {

[[nodiscard]] pep508::PackageName name(std::string_view text) {
  return *pep508::PackageName::parse(text);
}

TEST(IndexesTest, ParseOverride) {
  const auto parsed = parse_index_override("pypi=http://mirror.local:8080/simple");
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(parsed->name, "pypi");
  EXPECT_EQ(parsed->url, "http://mirror.local:8080/simple");
  EXPECT_EQ(parse_index_override("pypi").error(), "expected NAME=URL, got \"pypi\"");
  EXPECT_EQ(parse_index_override("=http://x/").error(), "expected NAME=URL, got \"=http://x/\"");
  EXPECT_EQ(parse_index_override("pypi=").error(), "expected NAME=URL, got \"pypi=\"");
  const auto bad = parse_index_override("pypi=not a url");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().starts_with("the URL for index \"pypi\" is malformed: ")) << bad.error();
}

TEST(IndexesTest, PolicyFromTheProfile) {
  const index::IndexPolicy policy = make_index_policy(testing::make_profile({}), {});
  ASSERT_EQ(policy.indexes().size(), 2u);
  EXPECT_EQ(policy.indexes()[0].name, "pytorch");
  EXPECT_TRUE(policy.indexes()[0].explicit_only);
  EXPECT_EQ(policy.indexes()[1].url.display(), "https://pypi.org/simple");
  ASSERT_NE(policy.pin(name("torch")), nullptr);
  EXPECT_EQ(policy.pin(name("torch"))->index, "pytorch");
  EXPECT_EQ(policy.pin(name("torch"))->origin, "profiles/x.toml:21");
  EXPECT_EQ(policy.pin(name("numpy")), nullptr);
  EXPECT_EQ(policy.lookup_order(name("numpy")), std::vector<std::size_t>{1});
  EXPECT_EQ(policy.lookup_order(name("Torch")), std::vector<std::size_t>{0});
}

TEST(IndexesTest, OverridesReplaceURLsAndKeepCredentialsOutOfTheFacts) {
  const std::vector<IndexOverride> overrides = {
      {"pypi", "http://first.example/simple"},
      {"pypi", "https://user:secret@mirror.example/simple"},
  };
  const index::IndexPolicy policy = make_index_policy(testing::make_profile({}), overrides);
  EXPECT_EQ(policy.indexes()[1].url.raw_for_request(), "https://user:secret@mirror.example/simple")
      << "the last override wins";
  const auto facts = index_facts(policy);
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[1].url, "https://mirror.example/simple");
  EXPECT_EQ(facts[0].url, "https://download.pytorch.org/whl/rocm5.7");
  EXPECT_TRUE(facts[0].explicit_only);
}

TEST(IndexesTest, OverrideOfAnUnknownIndexIsAUsageError) {
  const std::vector<IndexOverride> overrides = {{"pipy", "http://mirror.example/simple"}};
  try {
    static_cast<void>(make_index_policy(testing::make_profile({}), overrides));
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::usage);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: --index pipy=...: the profile has no index called "
              "\"pipy\"\nhint: the profile's indexes are: pytorch, pypi\n");
  }
}

}  // namespace
}  // namespace gator::provision

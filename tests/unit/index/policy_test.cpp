#include "index/policy.hpp"

#include <gtest/gtest.h>

namespace gator::index {
namespace {

[[nodiscard]] pep508::PackageName name(std::string_view text) {
  return *pep508::PackageName::parse(text);
}

[[nodiscard]] IndexPolicy mi25_policy() {
  std::vector<IndexSpec> indexes{
      {"pytorch-rocm5.7", http::RedactedUrl::from("https://download.pytorch.org/whl/rocm5.7"),
       true},
      {"internal", http::RedactedUrl::from("https://pypi.internal.example/simple"), false},
      {"pypi", http::RedactedUrl::from("https://pypi.org/simple"), false},
  };
  std::map<pep508::PackageName, Pin> pins{
      {name("torch"), {"pytorch-rocm5.7", "profiles/mi25.toml:14"}},
      {name("PyTorch_Triton_ROCm"), {"pytorch-rocm5.7", "profiles/mi25.toml:14"}},
  };
  auto policy = IndexPolicy::create(std::move(indexes), std::move(pins));
  EXPECT_TRUE(policy);
  return std::move(*policy);
}

TEST(IndexPolicy, PinnedProjectsAreLookedUpOnlyOnTheirIndex) {
  const IndexPolicy policy = mi25_policy();
  EXPECT_EQ(policy.lookup_order(name("torch")), std::vector<std::size_t>{0});
  EXPECT_EQ(policy.lookup_order(name("pytorch-triton-rocm")), std::vector<std::size_t>{0});
  ASSERT_NE(policy.pin(name("Torch")), nullptr);
  EXPECT_EQ(policy.pin(name("torch"))->origin, "profiles/mi25.toml:14");
}

TEST(IndexPolicy, UnpinnedProjectsSkipExplicitIndexesInDeclarationOrder) {
  const IndexPolicy policy = mi25_policy();
  EXPECT_EQ(policy.lookup_order(name("numpy")), (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(policy.pin(name("numpy")), nullptr);
}

TEST(IndexPolicy, DependencyConfusionTheFirstIndexThatHasItWins) {
  // "acme-utils" exists on the internal index and, with a "better" (higher) version, on PyPI:
  // the policy never looks past the first index that has the project.
  const IndexPolicy policy = mi25_policy();
  const bool both[] = {true, true};
  const auto selection = policy.select(name("acme-utils"), both);
  ASSERT_TRUE(selection);
  EXPECT_EQ(selection->index, 1U);
  EXPECT_EQ(selection->searched, std::vector<std::size_t>{1});
  EXPECT_EQ(selection->pin, nullptr);

  const bool only_later[] = {false, true};
  EXPECT_EQ(policy.select(name("requests"), only_later)->index, 2U);
  EXPECT_EQ(policy.select(name("requests"), only_later)->searched,
            (std::vector<std::size_t>{1, 2}));
}

TEST(IndexPolicy, APinnedProjectNeverFallsBackToAnotherIndex) {
  const IndexPolicy policy = mi25_policy();
  const bool missing[] = {false};
  const auto selection = policy.select(name("torch"), missing);
  ASSERT_FALSE(selection);
  EXPECT_EQ(selection.error().kind(), ErrorKind::resolution);
  EXPECT_EQ(selection.error().render("gator-provision"),
            "gator-provision: error: torch is not on the index \"pytorch-rocm5.7\" it is pinned "
            "to\n"
            "  caused by: https://download.pytorch.org/whl/rocm5.7 has no project torch\n"
            "  caused by: pinned at profiles/mi25.toml:14\n"
            "hint: check the project name and the index URL, or remove the pin to use the "
            "default indexes\n");
  const bool found[] = {true};
  const auto pinned = policy.select(name("torch"), found);
  ASSERT_TRUE(pinned);
  EXPECT_EQ(pinned->index, 0U);
  ASSERT_NE(pinned->pin, nullptr);
}

TEST(IndexPolicy, NoIndexHasTheProject) {
  const IndexPolicy policy = mi25_policy();
  const bool none[] = {false, false};
  const auto selection = policy.select(name("nonexistent"), none);
  ASSERT_TRUE(selection);
  EXPECT_FALSE(selection->index);
  EXPECT_EQ(selection->searched, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(policy.not_found_error(name("nonexistent")).render("gator-provision"),
            "gator-provision: error: no index has a project named nonexistent\n"
            "  caused by: searched \"internal\" (https://pypi.internal.example/simple), \"pypi\" "
            "(https://pypi.org/simple)\n"
            "hint: check the spelling, or pin the project to the index that has it in "
            "`sources`\n");
}

TEST(IndexPolicy, EveryIndexExplicit) {
  auto policy =
      IndexPolicy::create({{"only", http::RedactedUrl::from("https://a.example/simple"), true}});
  ASSERT_TRUE(policy);
  EXPECT_TRUE(policy->lookup_order(name("numpy")).empty());
  const auto selection = policy->select(name("numpy"), {});
  ASSERT_TRUE(selection);
  EXPECT_FALSE(selection->index);
  EXPECT_EQ(policy->not_found_error(name("numpy")).causes().front(),
            "every index is explicit, and numpy is pinned to none");
}

TEST(IndexPolicy, ConfigurationErrors) {
  EXPECT_EQ(IndexPolicy::create({}).error().what(), std::string("no package index is configured"));
  const auto url = http::RedactedUrl::from("https://a.example/simple");
  EXPECT_EQ(IndexPolicy::create({{"a", url}, {"a", url}}).error().what(),
            std::string("two package indexes are named \"a\""));
  const auto unknown = IndexPolicy::create({{"a", url}, {"b", url}},
                                           {{name("torch"), {"pytorch", "profiles/x.toml:3"}}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().render("gator-provision"),
            "gator-provision: error: torch is pinned to the unknown index \"pytorch\"\n"
            "  caused by: pinned at profiles/x.toml:3\n"
            "hint: the indexes are \"a\", \"b\"\n");
}

TEST(IndexPolicy, FindIndex) {
  const IndexPolicy policy = mi25_policy();
  EXPECT_EQ(policy.find_index("pypi"), 2U);
  EXPECT_FALSE(policy.find_index("PyPI"));
  EXPECT_EQ(policy.indexes().size(), 3U);
}

}  // namespace
}  // namespace gator::index

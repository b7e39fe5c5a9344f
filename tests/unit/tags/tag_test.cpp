#include "tags/tag.hpp"

#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"

namespace gator::tags {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const std::vector<Tag>& tags) {
  std::vector<std::string> out;
  for (const Tag& tag : tags)
    out.push_back(tag.to_string());
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// "InvalidTag: empty component" -> "empty component": the part our message must contain.
std::string error_fragment(const std::string& expected_error) {
  const auto colon = expected_error.find(": ");
  return colon == std::string::npos ? expected_error : expected_error.substr(colon + 2);
}

TEST(TagConformance, TagBasics) {
  test::for_each_record("tags.json", "tag_basics", [](const json& record) {
    const json& parts = record["construct"];
    const Tag tag(parts[0].get<std::string>(), parts[1].get<std::string>(),
                  parts[2].get<std::string>());
    const json& expected = record["expected"];
    EXPECT_EQ(tag.interpreter(), expected["interpreter"].get<std::string>());
    EXPECT_EQ(tag.abi(), expected["abi"].get<std::string>());
    EXPECT_EQ(tag.platform(), expected["platform"].get<std::string>());
    EXPECT_EQ(tag.to_string(), expected["str"].get<std::string>());
  });
}

TEST(TagConformance, ParseTag) {
  test::for_each_record("tags.json", "parse_tag", [](const json& record) {
    const std::string text = record["tag"];
    ParseTagOptions options;
    options.validate_order = record.value("validate_order", false);
    if (record.contains("limit")) {
      const long long limit = record["limit"];
      if (limit < 0) {
        // packaging raises ValueError for a negative limit; ours is unsigned, so a negative
        // limit cannot be written.
        static_assert(std::is_unsigned_v<decltype(options.limit)::value_type>);
        EXPECT_EQ(error_fragment(record["expected_error"]), "limit must be non-negative");
        return;
      }
      options.limit = static_cast<std::size_t>(limit);
    }
    const auto result = parse_tag(text, options);
    if (record.contains("expected_error")) {
      ASSERT_FALSE(result);
      EXPECT_NE(result.error().message.find(error_fragment(record["expected_error"])),
                std::string::npos)
          << result.error().message;
      EXPECT_LE(result.error().offset + result.error().length, text.size());
      return;
    }
    ASSERT_TRUE(result) << result.error().render();
    if (record.contains("expected_count")) {
      EXPECT_EQ(result->size(), record["expected_count"].get<std::size_t>());
    } else {
      EXPECT_EQ(strings(*result), sorted(record["expected"].get<std::vector<std::string>>()));
    }
  });
}

TEST(TagTest, EqualityIgnoresCaseAndOrderingIsLexicographic) {
  EXPECT_EQ(Tag("CP311", "CP311", "Manylinux_2_17_X86_64"),
            Tag("cp311", "cp311", "manylinux_2_17_x86_64"));
  EXPECT_LT(Tag("py2", "none", "any"), Tag("py3", "none", "any"));
  EXPECT_EQ(TagHash{}(Tag("PY3", "none", "any")), TagHash{}(Tag("py3", "none", "any")));
}

TEST(ParseTagTest, ExpandsCompressedSetsSortedAndDistinct) {
  const auto tags = parse_tag("py3.py2.py3-none-any.ANY");
  ASSERT_TRUE(tags);
  EXPECT_EQ(strings(*tags), (std::vector<std::string>{"py2-none-any", "py3-none-any"}));
}

TEST(ParseTagTest, ErrorsPointAtTheOffendingPart) {
  const auto empty = parse_tag("py3.-none-any");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().offset, 4u);
  EXPECT_EQ(empty.error().message, "invalid tag 'py3.-none-any': empty component in 'py3.'");

  const auto interpreter = parse_tag("py3.2-none-any");
  ASSERT_FALSE(interpreter);
  EXPECT_EQ(interpreter.error().offset, 4u);
  EXPECT_EQ(interpreter.error().length, 1u);
  EXPECT_EQ(interpreter.error().render(),
            "invalid interpreter '2' in tag 'py3.2-none-any': it must be a Python identifier "
            "such as 'py3' or 'cp311'\n    py3.2-none-any\n        ^");

  const auto unsorted =
      parse_tag("cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64", {.validate_order = true});
  ASSERT_FALSE(unsorted);
  EXPECT_EQ(unsorted.error().offset, 12u);
  EXPECT_EQ(unsorted.error().length, 42u);
  EXPECT_EQ(unsorted.error().message,
            "tag component 'manylinux_2_17_x86_64.manylinux2014_x86_64' is not in sorted order "
            "(PEP 425)");

  const auto count = parse_tag("py3-none");
  ASSERT_FALSE(count);
  EXPECT_EQ(count.error().message,
            "invalid tag 'py3-none': a tag must have exactly three components "
            "(interpreter-abi-platform), found 2");
}

TEST(ParseTagTest, LimitIsCheckedBeforeTheComponentCount) {
  // packaging counts the cartesian product first, even of a malformed tag.
  const auto result = parse_tag("a.b-c-d-e", {.limit = 1});
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("would generate 2 tags, exceeding the limit of 1"),
            std::string::npos);
}

TEST(ParseTagTest, HugeCompressedSetsAreRefusedWithoutALimit) {
  std::string text;
  for (const char* separator : {"-", "-", ""}) {
    for (int i = 0; i < 100; ++i)
      text += (i == 0 ? "a" : ".a");
    text += separator;
  }
  const auto result = parse_tag(text);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("would generate 1000000 tags, exceeding the supported "
                                        "maximum of 4096"),
            std::string::npos);
}

TEST(ParseTagTest, NonAsciiIdentifiersFollowPython) {
  EXPECT_TRUE(parse_tag("\xc3\xa9t\xc3\xa9-none-any"));  // "été" is an identifier
  EXPECT_FALSE(parse_tag("py\xc2\xa0-none-any"));        // NO-BREAK SPACE is not
  EXPECT_FALSE(parse_tag("py\xff-none-any"));            // not UTF-8
  EXPECT_FALSE(parse_tag("3py-none-any"));
  // ABI and platform are not validated beyond being non-empty, as in packaging.
  EXPECT_TRUE(parse_tag("py3-no ne-any/thing"));
}

TEST(CompressTagSetTest, JoinsSortedDistinctComponents) {
  const auto tags = parse_tag("py3.py2-none-manylinux_2_17_x86_64.manylinux2014_x86_64");
  ASSERT_TRUE(tags);
  EXPECT_EQ(compress_tag_set(*tags), "py2.py3-none-manylinux2014_x86_64.manylinux_2_17_x86_64");
}

}  // namespace
}  // namespace gator::tags

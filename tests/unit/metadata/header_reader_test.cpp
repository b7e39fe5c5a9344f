#include "metadata/header_reader.hpp"

#include <gtest/gtest.h>

#include "metadata/text_lines.hpp"

namespace gator::metadata {
namespace {

TEST(HeaderReaderTest, FieldsContinuationsAndBody) {
  const auto block = read_headers(
      "Name: torch\r\n"
      "Summary:   folded\r\n"
      "  across lines \r\n"
      "X-Odd-Name!: 1\n"
      "\n"
      "Body line\r\n\r\nmore\n");
  ASSERT_TRUE(block) << block.error().message;
  ASSERT_EQ(block->fields.size(), 3u);
  EXPECT_EQ(block->fields[0].name, "Name");
  EXPECT_EQ(block->fields[0].value, "torch");
  EXPECT_EQ(block->fields[0].value_offset, 6u);
  EXPECT_EQ(block->fields[1].value, "folded\n  across lines ");
  EXPECT_EQ(unfold_field_value(block->fields[1].value), "folded  across lines");
  EXPECT_EQ(block->fields[2].name, "X-Odd-Name!");
  ASSERT_TRUE(block->body);
  EXPECT_EQ(*block->body, "Body line\r\n\r\nmore\n");
}

TEST(HeaderReaderTest, NoBodyWithoutEmptyLine) {
  const auto block = read_headers("A: 1\nB:2");
  ASSERT_TRUE(block);
  EXPECT_FALSE(block->body);
  EXPECT_EQ(block->fields[1].value, "2");
}

TEST(HeaderReaderTest, EmptyInputHasNoFields) {
  const auto block = read_headers("");
  ASSERT_TRUE(block);
  EXPECT_TRUE(block->fields.empty());
}

struct BadHeader {
  const char* text;
  std::size_t line;
  std::size_t column;
  const char* message_part;
};

TEST(HeaderReaderTest, MalformedLinesAreErrorsWithLocation) {
  const BadHeader cases[] = {
      {" leading: continuation\n", 1, 1, "continuation line before the first field"},
      {"Name: a\nno colon here\n", 2, 1, "expected a `Name: value` field"},
      {"Name: a\n: empty\n", 2, 1, "empty field name"},
      {"Name: a\r\nVersion: 1\r\nBad Name: x\r\n", 3, 4, "invalid character in field name"},
      {"Name: a\rVer\x01sion: 1\r", 2, 4, "invalid character in field name"},
  };
  for (const BadHeader& bad : cases) {
    SCOPED_TRACE(bad.text);
    const auto block = read_headers(bad.text);
    ASSERT_FALSE(block);
    EXPECT_NE(block.error().message.find(bad.message_part), std::string::npos)
        << block.error().message;
    const SourceLocation where = source_location(block.error(), "METADATA");
    EXPECT_EQ(where.file, "METADATA");
    EXPECT_EQ(where.line, bad.line);
    EXPECT_EQ(where.column, bad.column);
  }
}

TEST(HeaderReaderTest, SourceLocationOfLastLine) {
  const util::ParseError error = util::ParseError::at("a\nbc\n", 5, 0, "end");
  const SourceLocation where = source_location(error, "f");
  EXPECT_EQ(where.line, 3u);
  EXPECT_EQ(where.column, 1u);
  const SourceLocation inside = source_location(util::ParseError::at("a\r\nbcd", 4, 2, "x"), "f");
  EXPECT_EQ(inside.line, 2u);
  EXPECT_EQ(inside.column, 2u);
  EXPECT_EQ(inside.line_text, "bcd");
  EXPECT_EQ(inside.span, 2u);
}

TEST(HeaderReaderTest, UnescapeEightSpaceConvention) {
  EXPECT_EQ(unescape_multiline_value("Title\n        =====\n        \n        text\n"
                                     "            code"),
            "Title\n=====\n\ntext\n    code");
  // A tab continues too, and a shorter indentation is removed entirely.
  EXPECT_EQ(unescape_multiline_value("a\n\tb\n   c"), "a\nb\nc");
}

TEST(HeaderReaderTest, UnescapePipeConvention) {
  // PEP 345's example uses 8 spaces and '|', the spec text says 7 spaces and '|'.
  EXPECT_EQ(unescape_multiline_value("first\n        |second\n       |\n       |    indented"),
            "first\nsecond\n\n    indented");
  // Not every line has a '|': the plain convention, so a Markdown table keeps its pipes.
  EXPECT_EQ(unescape_multiline_value("Table\n        | a | b |\n        text"),
            "Table\n| a | b |\ntext");
}

TEST(HeaderReaderTest, EscapeRoundTrips) {
  for (const std::string value : {"one line", "a\n  b\n\n| c |\n|", "x\n   \ny"}) {
    SCOPED_TRACE(value);
    const std::string escaped = escape_multiline_value(value);
    const auto block = read_headers("License: " + escaped + "\n");
    ASSERT_TRUE(block);
    EXPECT_EQ(unescape_multiline_value(block->fields[0].value), value);
  }
  EXPECT_EQ(escape_multiline_value("a\r\nb\rc"), "a\n       |b\n       |c");
}

}  // namespace
}  // namespace gator::metadata

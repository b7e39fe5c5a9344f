#include "util/parse_error.hpp"

#include <gtest/gtest.h>

namespace gator::util {
namespace {

TEST(ParseErrorTest, RendersCaretUnderSpan) {
  const ParseError error = ParseError::at("numpy>=1.x", 7, 3, "invalid version");
  EXPECT_EQ(error.render(), "invalid version\n    numpy>=1.x\n           ^~~");
}

TEST(ParseErrorTest, ClampsSpanToInput) {
  const ParseError error = ParseError::at("abc", 10, 5, "unexpected end");
  EXPECT_EQ(error.offset, 3u);
  EXPECT_EQ(error.length, 0u);
  EXPECT_EQ(error.render(), "unexpected end\n    abc\n       ^");
}

TEST(ParseErrorTest, ControlCharactersKeepCaretAligned) {
  const ParseError error = ParseError::at(std::string("a\tb\0c", 5), 4, 1, "bad");
  EXPECT_EQ(error.render(), "bad\n    a?b?c\n        ^");
}

}  // namespace
}  // namespace gator::util

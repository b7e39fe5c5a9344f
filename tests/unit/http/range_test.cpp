#include "http/range.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace gator::http {
namespace {

TEST(ByteRangeTest, Specs) {
  EXPECT_EQ(ByteRange::between(0, 99).spec(), "0-99");
  EXPECT_EQ(ByteRange::between(7, 7).header_value(), "bytes=7-7");
  EXPECT_EQ(ByteRange::starting_at(1024).spec(), "1024-");
  EXPECT_EQ(ByteRange::suffix(22).header_value(), "bytes=-22");
  EXPECT_TRUE(ByteRange::suffix(22).is_suffix());
  EXPECT_FALSE(ByteRange::starting_at(22).is_suffix());
  EXPECT_FALSE(ByteRange::suffix(5) == ByteRange::starting_at(5));
}

TEST(ByteRangeTest, InvalidRangesAreProgrammingErrors) {
  EXPECT_THROW((void)ByteRange::between(10, 9), Error);
  EXPECT_THROW((void)ByteRange::suffix(0), Error);
}

TEST(ContentRangeTest, Parses) {
  EXPECT_EQ(parse_content_range("bytes 0-99/1234"), (ContentRange{0, 99, 1234}));
  EXPECT_EQ(parse_content_range("bytes 100-199/*"), (ContentRange{100, 199, std::nullopt}));
  EXPECT_EQ(parse_content_range(" Bytes 5-5/6 "), (ContentRange{5, 5, 6}));
}

TEST(ContentRangeTest, RejectsMalformedValues) {
  for (const char* text :
       {"", "bytes", "bytes */1234", "items 0-1/2", "bytes 5-4/10", "bytes 0-9/9", "bytes 0-9/x",
        "bytes -1-9/20", "bytes 0-9", "bytes 0-99999999999999999999/*"}) {
    EXPECT_EQ(parse_content_range(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace gator::http

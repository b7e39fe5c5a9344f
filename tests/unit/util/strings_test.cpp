#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace gator::util {
namespace {

TEST(StringsTest, AsciiLowerLeavesNonAsciiBytesAlone) {
  EXPECT_EQ(ascii_lower("PyTorch-ROCm"), "pytorch-rocm");
  EXPECT_EQ(ascii_lower("\xC4\xB0X"), "\xC4\xB0x");
}

TEST(StringsTest, TrimAndCompare) {
  EXPECT_EQ(trim_ascii(" \t torch \r\n"), "torch");
  EXPECT_EQ(trim_ascii("   "), "");
  EXPECT_TRUE(iequals_ascii("ReadMe", "README"));
  EXPECT_FALSE(iequals_ascii("abc", "abcd"));
}

TEST(StringsTest, SplitKeepsEmptyFields) {
  const auto parts = split("a,,b,", ',');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "a");
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
  EXPECT_EQ(parts[3], "");
}

TEST(StringsTest, JoinPutsTheSeparatorBetweenEachTwoParts) {
  EXPECT_EQ(join(std::vector<std::string>{}, ", "), "");
  EXPECT_EQ(join(std::vector<std::string>{"a"}, ", "), "a");
  EXPECT_EQ(join(std::vector<std::string>{"a", "b", "c"}, " -> "), "a -> b -> c");
  EXPECT_EQ(join(std::vector<std::string>{"", "b"}, ","), ",b");
}

}  // namespace
}  // namespace gator::util

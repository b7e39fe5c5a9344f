#include "metadata/wheel_file.hpp"

#include <gtest/gtest.h>

#include "metadata/text_lines.hpp"

namespace gator::metadata {
namespace {

constexpr std::string_view k_torch_wheel =
    "Wheel-Version: 1.0\n"
    "Generator: bdist_wheel (0.43.0)\n"
    "Root-Is-Purelib: false\n"
    "Tag: cp311-cp311-linux_x86_64\n"
    "\n";

TEST(WheelFileTest, ParsesBdistWheelOutput) {
  const auto wheel = parse_wheel_file(k_torch_wheel);
  ASSERT_TRUE(wheel) << wheel.error().message;
  EXPECT_EQ(wheel->wheel_version, (WheelVersion{1, 0}));
  EXPECT_FALSE(wheel->is_newer_minor());
  EXPECT_EQ(wheel->generator, "bdist_wheel (0.43.0)");
  EXPECT_EQ(wheel->root_is_purelib, false);
  EXPECT_EQ(wheel->tags, std::vector<std::string>{"cp311-cp311-linux_x86_64"});
  EXPECT_FALSE(wheel->build);
}

TEST(WheelFileTest, MultipleTagsBuildAndUnknownFields) {
  const auto wheel = parse_wheel_file(
      "wheel-version: 1.0\r\n"
      "Root-Is-Purelib: True\r\n"
      "Tag: py2-none-any\r\n"
      "Tag: py3-none-any\r\n"
      "Build: 1a\r\n"
      "X-Custom: kept\r\n");
  ASSERT_TRUE(wheel) << wheel.error().message;
  EXPECT_EQ(wheel->root_is_purelib, true);
  EXPECT_EQ(wheel->tags, (std::vector<std::string>{"py2-none-any", "py3-none-any"}));
  EXPECT_EQ(wheel->build, "1a");
  EXPECT_EQ(wheel->other_fields, (std::vector<RawField>{{"X-Custom", "kept"}}));
  EXPECT_FALSE(wheel->generator);
  EXPECT_EQ(write_wheel_file(*wheel),
            "Wheel-Version: 1.0\n"
            "Root-Is-Purelib: true\n"
            "Tag: py2-none-any\n"
            "Tag: py3-none-any\n"
            "Build: 1a\n"
            "X-Custom: kept\n");
}

TEST(WheelFileTest, NewerMinorIsAcceptedAndFlagged) {
  // pypa/installer rule-0000: Wheel-Version 1.1 installs.
  const auto wheel = parse_wheel_file("Wheel-Version: 1.1\nRoot-Is-Purelib: true\n");
  ASSERT_TRUE(wheel);
  EXPECT_TRUE(wheel->is_newer_minor());
}

TEST(WheelFileTest, NewerMajorIsRejected) {
  // pypa/installer rule-0001: Wheel-Version 2.0 is refused.
  const std::string text = "Generator: future\nWheel-Version: 2.0\n";
  const auto wheel = parse_wheel_file(text);
  ASSERT_FALSE(wheel);
  EXPECT_EQ(wheel.error().message,
            "WHEEL: incompatible Wheel-Version 2.0: this installer supports 1.x wheels only");
  const SourceLocation where = source_location(wheel.error(), "WHEEL");
  EXPECT_EQ(where.line, 2u);
  EXPECT_EQ(where.column, 16u);
  EXPECT_EQ(where.span, 3u);
  EXPECT_FALSE(parse_wheel_file("Wheel-Version: 0.9\n"));
}

TEST(WheelFileTest, InvalidFiles) {
  const std::pair<const char*, const char*> cases[] = {
      {"Generator: x\n", "no Wheel-Version"},
      {"Wheel-Version: 1\n", "invalid Wheel-Version `1`"},
      {"Wheel-Version: one.zero\n", "invalid Wheel-Version"},
      {"Wheel-Version: 1.0\nWheel-Version: 1.0\n", "given more than once"},
      {"Wheel-Version: 1.0\nRoot-Is-Purelib: yes\n", "invalid Root-Is-Purelib `yes`"},
      {"Wheel-Version: 1.0\nTag: py3-none\n", "invalid Tag `py3-none`"},
      {"Wheel-Version: 1.0\nTag: py3--any\n", "invalid Tag"},
      {"Wheel-Version: 1.0\nBuild: abc\n", "invalid Build `abc`"},
      {"Wheel-Version: 1.0\nnot a field\n", "expected a `Name: value` field"},
  };
  for (const auto& [text, message] : cases) {
    SCOPED_TRACE(text);
    const auto wheel = parse_wheel_file(text);
    ASSERT_FALSE(wheel);
    EXPECT_NE(wheel.error().message.find(message), std::string::npos) << wheel.error().message;
  }
}

TEST(WheelFileTest, WriteReadsBack) {
  const auto wheel = parse_wheel_file(k_torch_wheel);
  ASSERT_TRUE(wheel);
  const std::string written = write_wheel_file(*wheel);
  EXPECT_EQ(written, k_torch_wheel.substr(0, k_torch_wheel.size() - 1));
  const auto again = parse_wheel_file(written);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *wheel);
}

}  // namespace
}  // namespace gator::metadata

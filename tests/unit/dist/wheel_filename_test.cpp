#include "dist/wheel_filename.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"

namespace gator::dist {
namespace {

using nlohmann::json;

std::vector<std::string> tag_strings(const WheelFilename& wheel) {
  std::vector<std::string> out;
  for (const tags::Tag& tag : wheel.tags())
    out.push_back(tag.to_string());
  return out;
}

TEST(WheelFilenameConformance, Valid) {
  test::for_each_record("wheel_filenames.json", "wheel_valid", [](const json& record) {
    const std::string filename = record["filename"];
    WheelFilenameOptions options;
    options.validate_order = record.value("validate_order", false);
    const auto wheel = WheelFilename::parse(filename, options);
    ASSERT_TRUE(wheel) << wheel.error().render();
    // Whatever parses must survive its own normalized spelling.
    const auto again = WheelFilename::parse(wheel->to_string(), {.validate_order = true});
    ASSERT_TRUE(again) << again.error().render();
    EXPECT_EQ(*again, *wheel);
    if (record["expected"] == "parses")
      return;
    const json& expected = record["expected"];
    EXPECT_EQ(wheel->name().canonical(), expected["name"].get<std::string>());
    EXPECT_EQ(wheel->version().to_string(), expected["version"].get<std::string>());
    if (expected["build"].is_null()) {
      EXPECT_FALSE(wheel->build());
    } else {
      ASSERT_TRUE(wheel->build());
      EXPECT_EQ(wheel->build()->number(), expected["build"][0].get<std::uint64_t>());
      EXPECT_EQ(wheel->build()->suffix(), expected["build"][1].get<std::string>());
    }
    EXPECT_EQ(tag_strings(*wheel), expected["tags"].get<std::vector<std::string>>());
  });
}

TEST(WheelFilenameConformance, Invalid) {
  test::for_each_record("wheel_filenames.json", "wheel_invalid", [](const json& record) {
    const std::string filename = record["filename"];
    WheelFilenameOptions options;
    options.validate_order = record.value("validate_order", false);
    const auto wheel = WheelFilename::parse(filename, options);
    ASSERT_FALSE(wheel) << wheel->to_string();
    EXPECT_LE(wheel.error().offset + wheel.error().length, filename.size());
    if (options.validate_order) {
      // Only the order makes these invalid.
      EXPECT_TRUE(WheelFilename::parse(filename));
    }
  });
}

TEST(WheelFilenameTest, KeepsTheSpellingAndTheProject) {
  const auto wheel =
      WheelFilename::parse("PyTorch_Triton_ROCm-2.3.1-0rocm-cp311-cp311-manylinux_2_17_x86_64.whl");
  ASSERT_TRUE(wheel) << wheel.error().render();
  EXPECT_EQ(wheel->name().spelling(), "PyTorch_Triton_ROCm");
  EXPECT_EQ(wheel->name().canonical(), "pytorch-triton-rocm");
  ASSERT_TRUE(wheel->name().package_name());
  EXPECT_TRUE(wheel->name().is(*pep508::PackageName::parse("pytorch.triton.rocm")));
  EXPECT_EQ(wheel->build()->digits(), "0");
  EXPECT_EQ(wheel->build()->suffix(), "rocm");
  EXPECT_EQ(wheel->to_string(),
            "pytorch_triton_rocm-2.3.1-0rocm-cp311-cp311-manylinux_2_17_x86_64.whl");
}

TEST(WheelFilenameTest, LocalVersionsAndNormalization) {
  const auto wheel = WheelFilename::parse("torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl");
  ASSERT_TRUE(wheel);
  EXPECT_EQ(wheel->version().to_string(), "2.3.1+rocm5.7");
  const auto spelled = WheelFilename::parse("Torch-2.3.1.0+ROCM5.7-CP311-cp311-LINUX_x86_64.whl");
  ASSERT_TRUE(spelled);
  EXPECT_EQ(*spelled, *wheel);
  EXPECT_EQ(spelled->filename(), "Torch-2.3.1.0+ROCM5.7-CP311-cp311-LINUX_x86_64.whl");
}

TEST(WheelFilenameTest, NamesPackagingAcceptsButPep508DoesNot) {
  const auto wheel = WheelFilename::parse("foo_b\xc3\xa1r-1.0-py3-none-any.whl");
  ASSERT_TRUE(wheel);
  EXPECT_EQ(wheel->name().canonical(), "foo-b\xc3\xa1r");
  EXPECT_FALSE(wheel->name().package_name());
  const auto leading = WheelFilename::parse("_foo-1.0-py3-none-any.whl");
  ASSERT_TRUE(leading);
  EXPECT_EQ(leading->name().canonical(), "-foo");
  EXPECT_EQ(leading->to_string(), "_foo-1.0-py3-none-any.whl");
}

TEST(WheelFilenameTest, ErrorsPointIntoTheFilename) {
  const auto version = WheelFilename::parse("foobar-1.x-py3-none-any.whl");
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error().offset, 7u + 1u);  // where pep440 stops: the "." before "x"
  EXPECT_NE(version.error().message.find("invalid version '1.x'"), std::string::npos);

  const auto name = WheelFilename::parse("foo__bar-1.0-py3-none-any.whl");
  ASSERT_FALSE(name);
  EXPECT_EQ(name.error().offset, 3u);
  EXPECT_EQ(name.error().length, 2u);

  const auto build = WheelFilename::parse("foo-1.0-abc-py3-none-any.whl");
  ASSERT_FALSE(build);
  EXPECT_EQ(build.error().offset, 8u);
  EXPECT_EQ(build.error().message,
            "invalid wheel filename 'foo-1.0-abc-py3-none-any.whl': invalid build tag: invalid "
            "build tag 'abc': it must start with a digit");

  const auto tag = WheelFilename::parse("playlyfe-0.1.1-2.7.6-none-any.whl");
  ASSERT_FALSE(tag);
  EXPECT_EQ(tag.error().offset, 15u);
  EXPECT_EQ(tag.error().length, 1u);

  const auto extension = WheelFilename::parse("foo-1.0-py3-none-any.wheel");
  ASSERT_FALSE(extension);
  EXPECT_EQ(extension.error().message,
            "invalid wheel filename 'foo-1.0-py3-none-any.wheel': the extension must be '.whl'");

  const auto dashes = WheelFilename::parse("foo-1.0.whl");
  ASSERT_FALSE(dashes);
  EXPECT_EQ(dashes.error().message,
            "invalid wheel filename 'foo-1.0.whl': expected "
            "name-version[-build]-python-abi-platform.whl (4 or 5 '-'), found 1 '-'");
}

TEST(BuildTagTest, SortsByNumberThenSuffix) {
  const auto tag = [](std::string_view text) { return BuildTag::parse(text).value(); };
  EXPECT_LT(tag("2"), tag("10"));
  EXPECT_LT(tag("10"), tag("10a"));
  EXPECT_LT(tag("10a"), tag("10b"));
  EXPECT_EQ(tag("007x"), tag("7x"));
  EXPECT_EQ(tag("007x").to_string(), "7x");
  EXPECT_EQ(tag("000").digits(), "0");
  const BuildTag huge = tag("123456789012345678901234567890");
  EXPECT_FALSE(huge.number());
  EXPECT_LT(tag("99999999999999999999"), huge);
  // packaging's `(\d+)(.*)` stops at a line feed.
  EXPECT_EQ(tag("12ab\ncd").suffix(), "ab");
  EXPECT_FALSE(BuildTag::parse(""));
  EXPECT_FALSE(BuildTag::parse("x1"));
}

}  // namespace
}  // namespace gator::dist

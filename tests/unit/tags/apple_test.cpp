#include "tags/apple.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"

namespace gator::tags {
namespace {

using nlohmann::json;

TEST(AppleConformance, MacArch) {
  test::for_each_record("tags.json", "mac_arch", [](const json& record) {
    EXPECT_EQ(mac_arch(record["arch"].get<std::string>(), record["is_32bit"].get<bool>()),
              record["expected"].get<std::string>());
  });
}

TEST(AppleConformance, MacBinaryFormats) {
  test::for_each_record("tags.json", "mac_binary_formats", [](const json& record) {
    const json& version = record["macos_version"];
    EXPECT_EQ(mac_binary_formats({version[0].get<unsigned>(), version[1].get<unsigned>()},
                                 record["arch"].get<std::string>()),
              record["expected"].get<std::vector<std::string>>());
  });
}

TEST(MacPlatformsTest, Arm64AcceptsOnlyUniversal2BeforeBigSur) {
  const std::vector<std::string> tags = mac_platforms({14, 2}, "arm64");
  ASSERT_EQ(tags.size(), 4u * 2u + 13u);  // 14..11 x {arm64, universal2}, 10.16..10.4
  EXPECT_EQ(tags.front(), "macosx_14_0_arm64");
  EXPECT_EQ(tags[1], "macosx_14_0_universal2");
  EXPECT_EQ(tags[8], "macosx_10_16_universal2");
  EXPECT_EQ(tags.back(), "macosx_10_4_universal2");
}

TEST(MacPlatformsTest, BeforeTenIsEmpty) {
  EXPECT_TRUE(mac_platforms({9, 9}, "x86_64").empty());
}

TEST(IosPlatformsTest, NormalizesMultiarch) {
  EXPECT_EQ(ios_platforms({12, 1}, "arm64-iphoneos"),
            (std::vector<std::string>{"ios_12_1_arm64_iphoneos", "ios_12_0_arm64_iphoneos"}));
}

}  // namespace
}  // namespace gator::tags

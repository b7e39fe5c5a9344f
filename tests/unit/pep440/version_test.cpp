#include "pep440/version.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace gator::pep440 {
namespace {

Version v(std::string_view text) {
  auto parsed = Version::parse(text);
  EXPECT_TRUE(parsed) << text;
  return parsed ? *parsed : *Version::parse("0");
}

TEST(VersionTest, NormalizesSpellings) {
  EXPECT_EQ(v("1.0").to_string(), "1.0");
  EXPECT_EQ(v(" V1!01.02.0-ALPHA_3.REV-4-dev5+Ubuntu-01_x ").to_string(),
            "1!1.2.0a3.post4.dev5+ubuntu.1.x");
  EXPECT_EQ(v("1.0-1").to_string(), "1.0.post1");
  EXPECT_EQ(v("1.0c1").to_string(), "1.0rc1");
  EXPECT_EQ(v("1.0preview").to_string(), "1.0rc0");
  EXPECT_EQ(v("1.0.dev").to_string(), "1.0.dev0");
  EXPECT_EQ(v("0.0").to_string(), "0.0");
}

TEST(VersionTest, EqualityIgnoresTrailingZeros) {
  EXPECT_EQ(v("1.0"), v("1.0.0"));
  EXPECT_EQ(v("1"), v("1.0.0.0"));
  EXPECT_NE(v("1.0"), v("1.0+local"));
  EXPECT_LT(v("1.0"), v("1.0+local"));
  EXPECT_LT(v("1.0.dev0"), v("1.0a0"));
  EXPECT_LT(v("1.0a0"), v("1.0a0.post0"));
  EXPECT_LT(v("1.0.post0"), v("1.0.1"));
}

TEST(VersionTest, Accessors) {
  const Version version = v("2!1.2.3rc4.post5.dev6+abc.7");
  EXPECT_EQ(version.epoch(), 2u);
  EXPECT_EQ(version.release(), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(version.pre(), (PreRelease{PreKind::rc, 4}));
  EXPECT_EQ(version.post(), 5u);
  EXPECT_EQ(version.dev(), 6u);
  EXPECT_EQ(version.local(), "abc.7");
  EXPECT_EQ(version.public_version(), "2!1.2.3rc4.post5.dev6");
  EXPECT_EQ(version.base_version(), "2!1.2.3");
  EXPECT_TRUE(version.is_prerelease());
  EXPECT_TRUE(version.is_postrelease());
  EXPECT_TRUE(version.is_devrelease());
  EXPECT_EQ(v("1.0.0").release(), (std::vector<std::uint64_t>{1, 0, 0}));
  EXPECT_EQ(v("3.11").minor(), 11u);
  EXPECT_EQ(v("3.11").micro(), 0u);
}

TEST(VersionTest, HugeNumbersCompareExactly) {
  const std::string big(300, '9');
  const Version huge = v("1." + big);
  EXPECT_EQ(huge.to_string(), "1." + big);
  EXPECT_LT(v("1.99999999999999999999999"), huge);
  EXPECT_EQ(huge.minor(), UINT64_MAX);  // saturates, never wraps
  EXPECT_EQ(v("1.000" + big), huge);
}

TEST(VersionTest, ErrorsPointAtTheOffendingCharacter) {
  EXPECT_EQ(Version::parse("1.0+a+").error().render(),
            "invalid version: unexpected '+'\n"
            "    1.0+a+\n"
            "         ^");
  EXPECT_EQ(Version::parse("1.0 a1").error().render(),
            "invalid version: unexpected space\n"
            "    1.0 a1\n"
            "       ^");
  EXPECT_EQ(Version::parse("v").error().message,
            "invalid version: expected a release number such as 1.0");
  EXPECT_EQ(Version::parse("1!").error().message,
            "invalid version: expected a release number after the epoch");
  EXPECT_EQ(Version::parse("1.0+").error().message,
            "invalid version: expected a local version label after '+'");
  EXPECT_EQ(Version::parse(" \t").error().message, "invalid version: the text is empty");
  EXPECT_EQ(Version::parse("1.0\xc4\xb0").error().message, "invalid version: unexpected byte 0xc4");
}

TEST(VersionTest, PythonWhitespaceIsStripped) {
  // str.strip() whitespace: ASCII, U+001C..U+001F, NBSP, the U+2000 block, U+3000 (UTF-8).
  EXPECT_EQ(v("\x1c\xc2\xa0 1.0\xe2\x80\x83\xe3\x80\x80\n").to_string(), "1.0");
  EXPECT_FALSE(
      Version::parse("\xe2\x80\x8b"
                     "1.0"));                   // U+200B ZERO WIDTH SPACE is not whitespace
  EXPECT_FALSE(Version::parse("1.0\xe2\x80"));  // truncated UTF-8
}

TEST(VersionTest, FromPartsValidatesTheLocalLabel) {
  VersionParts parts;
  parts.release = {2, 3, 1};
  parts.local = "ROCm_5-7";
  EXPECT_EQ(Version::from_parts(parts)->to_string(), "2.3.1+rocm.5.7");
  parts.local = "rocm..5";
  EXPECT_FALSE(Version::from_parts(parts));
  parts.local.reset();
  parts.release.clear();
  EXPECT_FALSE(Version::from_parts(parts));
}

TEST(VersionTest, SortsAndHashes) {
  std::vector<Version> versions{v("1.0"),   v("1.0.post1"), v("1.0rc1"), v("1.0.dev1"),
                                v("1!0.1"), v("1.0+local"), v("0.9")};
  std::sort(versions.begin(), versions.end());
  std::vector<std::string> texts;
  for (const Version& version : versions)
    texts.push_back(version.to_string());
  EXPECT_EQ(texts, (std::vector<std::string>{"0.9", "1.0.dev1", "1.0rc1", "1.0", "1.0+local",
                                             "1.0.post1", "1!0.1"}));
  EXPECT_EQ(std::hash<Version>{}(v("1.0")), std::hash<Version>{}(v("1.0.0")));
  EXPECT_EQ(sizeof(Version), 48u);
}

TEST(VersionTest, RejectsWithSpan) {
  const auto result = Version::parse("1.0+a+");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().offset, 5u);
  EXPECT_FALSE(Version::parse(""));
  EXPECT_FALSE(Version::parse("1..0"));
  EXPECT_FALSE(Version::parse("1.0+"));
  EXPECT_FALSE(Version::parse("1.0+\xc4\xb0"));
}

}  // namespace
}  // namespace gator::pep440

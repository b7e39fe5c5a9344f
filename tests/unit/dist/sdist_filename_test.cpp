#include "dist/sdist_filename.hpp"

#include <string>

#include <gtest/gtest.h>

#include "conformance.hpp"

namespace gator::dist {
namespace {

using nlohmann::json;

TEST(SdistFilenameConformance, Valid) {
  test::for_each_record("wheel_filenames.json", "sdist_valid", [](const json& record) {
    const auto sdist = SdistFilename::parse(record["filename"].get<std::string>());
    ASSERT_TRUE(sdist) << sdist.error().render();
    EXPECT_EQ(sdist->name().canonical(), record["expected"]["name"].get<std::string>());
    EXPECT_EQ(sdist->version().to_string(), record["expected"]["version"].get<std::string>());
    const auto again = SdistFilename::parse(sdist->to_string());
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *sdist);
  });
}

TEST(SdistFilenameConformance, Invalid) {
  test::for_each_record("wheel_filenames.json", "sdist_invalid", [](const json& record) {
    const std::string filename = record["filename"];
    const auto sdist = SdistFilename::parse(filename);
    ASSERT_FALSE(sdist);
    EXPECT_LE(sdist.error().offset + sdist.error().length, filename.size());
  });
}

TEST(SdistFilenameTest, VersionIsAfterTheLastDash) {
  const auto sdist = SdistFilename::parse("pytorch-triton-rocm-2.3.1.zip");
  ASSERT_TRUE(sdist);
  EXPECT_EQ(sdist->name().spelling(), "pytorch-triton-rocm");
  EXPECT_EQ(sdist->format(), SdistFormat::zip);
  EXPECT_EQ(sdist->to_string(), "pytorch_triton_rocm-2.3.1.zip");
  // packaging does not validate sdist names beyond being non-empty.
  const auto odd = SdistFilename::parse("Foo Bar-1.0.tar.gz");
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->name().canonical(), "foo bar");
  EXPECT_FALSE(odd->name().package_name());
}

TEST(SdistFilenameTest, Errors) {
  const auto version = SdistFilename::parse("foo-1.x.tar.gz");
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error().offset, 5u);  // where pep440 stops: the "." before "x"
  const auto extension = SdistFilename::parse("foo-1.0.tar.bz2");
  ASSERT_FALSE(extension);
  EXPECT_EQ(extension.error().message,
            "invalid sdist filename 'foo-1.0.tar.bz2': the extension must be '.tar.gz' or '.zip'");
  const auto empty = SdistFilename::parse("-1.0.zip");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "invalid sdist filename '-1.0.zip': empty project name");
}

}  // namespace
}  // namespace gator::dist

#include "metadata/raw_metadata.hpp"

#include <gtest/gtest.h>

#include "metadata_samples.hpp"

namespace gator::metadata {
namespace {

RawMetadata parse_ok(std::string_view text) {
  auto raw = parse_raw_metadata(text);
  if (!raw) {
    ADD_FAILURE() << raw.error().message;
    std::abort();
  }
  return std::move(*raw);
}

TEST(RawMetadataTest, SamplesRoundTrip) {
  for (const std::string_view sample :
       {samples::k_numpy, samples::k_pkg_info_1_0, samples::k_license_2_4, samples::k_torch}) {
    SCOPED_TRACE(sample.substr(0, 60));
    const RawMetadata raw = parse_ok(sample);
    const std::string written = write_metadata(raw);
    EXPECT_EQ(parse_ok(written), raw);
    EXPECT_EQ(write_metadata(parse_ok(written)), written);
  }
}

TEST(RawMetadataTest, WriterOrderAndEscaping) {
  RawMetadata raw;
  raw.metadata_version = "2.4";
  raw.name = "demo";
  raw.version = "1.0";
  raw.license = "Line one\n  indented\n| pipe";
  raw.requires_dist = {"b; extra == \"x\"", "a>=1"};
  raw.provides_extra = {"x"};
  raw.summary = "broken\nsummary";
  raw.unknown_fields = {{"X-Extra", "v"}};
  raw.description = "# Demo\n\nText.\n";
  EXPECT_EQ(write_metadata(raw),
            "Metadata-Version: 2.4\n"
            "Name: demo\n"
            "Version: 1.0\n"
            "Summary: broken summary\n"
            "License: Line one\n"
            "       |  indented\n"
            "       || pipe\n"
            "Requires-Dist: b; extra == \"x\"\n"
            "Requires-Dist: a>=1\n"
            "Provides-Extra: x\n"
            "X-Extra: v\n"
            "\n"
            "# Demo\n\nText.\n");
  RawMetadata expected = raw;
  expected.summary = "broken summary";
  EXPECT_EQ(parse_ok(write_metadata(raw)), expected);
}

TEST(RawMetadataTest, EmptyDescriptionStaysAField) {
  const RawMetadata raw = parse_ok("Metadata-Version: 2.1\nName: a\nVersion: 1\nDescription:\n");
  EXPECT_EQ(raw.description, "");
  EXPECT_EQ(write_metadata(raw), "Metadata-Version: 2.1\nName: a\nVersion: 1\nDescription: \n");
  EXPECT_EQ(parse_ok(write_metadata(raw)), raw);
}

TEST(RawMetadataTest, FieldNamesAreCaseInsensitive) {
  const RawMetadata raw =
      parse_ok("METADATA-VERSION: 1.2\nname: a\nversion: 1\nhome-page: h\nREQUIRES-DIST: b\n");
  EXPECT_EQ(raw.home_page, "h");
  EXPECT_EQ(raw.requires_dist, std::vector<std::string>{"b"});
  EXPECT_EQ(canonical_field_name("author-EMAIL"), "Author-email");
  EXPECT_EQ(canonical_field_name("Colour"), "");
}

TEST(RawMetadataTest, EmptyBodyIsNoDescription) {
  const RawMetadata raw = parse_ok("Metadata-Version: 2.1\nName: a\nVersion: 1\n\n");
  EXPECT_FALSE(raw.description);
  // A body at Metadata-Version 1.x is read too, as pypa/packaging does.
  EXPECT_EQ(parse_ok("Metadata-Version: 1.1\nName: a\nVersion: 1\n\nText").description, "Text");
}

}  // namespace
}  // namespace gator::metadata

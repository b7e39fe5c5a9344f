#include "metadata/core_metadata.hpp"

#include <gtest/gtest.h>

#include "metadata/text_lines.hpp"
#include "metadata_samples.hpp"

namespace gator::metadata {
namespace {

CoreMetadata parse_ok(std::string_view text) {
  auto metadata = parse_metadata(text);
  if (!metadata) {
    ADD_FAILURE() << metadata.error().message;
    std::abort();
  }
  return std::move(*metadata);
}

TEST(CoreMetadataTest, NumpyLike21WithBodyDescription) {
  const CoreMetadata numpy = parse_ok(samples::k_numpy);
  EXPECT_EQ(numpy.metadata_version, (MetadataVersion{2, 1}));
  EXPECT_FALSE(numpy.is_newer_minor());
  EXPECT_EQ(numpy.name.str(), "numpy");
  EXPECT_EQ(numpy.version.to_string(), "1.26.4");
  ASSERT_TRUE(numpy.requires_python);
  EXPECT_EQ(numpy.requires_python->to_string(), ">=3.9");
  EXPECT_TRUE(numpy.requires_python->contains("3.11"));
  EXPECT_EQ(numpy.raw.maintainer_email, "NumPy Developers <numpy-discussion@python.org>");
  EXPECT_EQ(numpy.raw.license,
            "Copyright (c) 2005-2023, NumPy Developers.\n"
            "All rights reserved.\n"
            "\n"
            "Redistribution and use in source and binary forms, with or without\n"
            "modification, are permitted provided that the following conditions are\n"
            "    met: (an indented line)");
  EXPECT_EQ(numpy.raw.classifiers.size(), 4u);
  EXPECT_EQ(numpy.project_urls.size(), 3u);
  EXPECT_EQ(numpy.project_urls[1], (ProjectUrl{"documentation", "https://numpy.org/doc/"}));
  EXPECT_EQ(numpy.raw.description_content_type, "text/markdown");
  ASSERT_TRUE(numpy.raw.description);
  EXPECT_TRUE(numpy.raw.description->starts_with("<h1 align=\"center\">\n"));
  EXPECT_TRUE(numpy.raw.description->ends_with("| a | table |\n|---|-------|\n"));
  EXPECT_NE(numpy.raw.description->find("\n    python -c \"import numpy"), std::string::npos);
  EXPECT_TRUE(numpy.requires_dist.empty());
}

TEST(CoreMetadataTest, PkgInfo10WithFoldedDescription) {
  const CoreMetadata old = parse_ok(samples::k_pkg_info_1_0);
  EXPECT_EQ(old.metadata_version, (MetadataVersion{1, 0}));
  EXPECT_EQ(old.raw.name, "Old_Style.pkg");
  EXPECT_EQ(old.name.str(), "old-style-pkg");
  EXPECT_EQ(old.version.to_string(), "0.9b2");
  EXPECT_EQ(old.raw.description,
            "Old Style\n"
            "=========\n"
            "\n"
            "Install with ``easy_install``::\n"
            "\n"
            "    easy_install Old_Style.pkg");
  EXPECT_EQ(old.raw.platforms, (std::vector<std::string>{"UNKNOWN", "POSIX"}));
  EXPECT_EQ(old.raw.license, "UNKNOWN");
  EXPECT_FALSE(old.requires_python);
}

TEST(CoreMetadataTest, Metadata24LicenseExpressionAndFiles) {
  const CoreMetadata tool = parse_ok(samples::k_license_2_4);
  EXPECT_EQ(tool.metadata_version, (MetadataVersion{2, 4}));
  EXPECT_EQ(tool.name.str(), "rich-tool");
  EXPECT_EQ(tool.version.to_string(), "3.0.0.post1");
  EXPECT_EQ(tool.raw.license_expression, "MIT OR Apache-2.0");
  EXPECT_FALSE(tool.raw.license);
  EXPECT_EQ(tool.raw.license_files,
            (std::vector<std::string>{"LICENSE-MIT", "LICENSE-APACHE", "licenses/NOTICE.txt"}));
  EXPECT_EQ(tool.raw.dynamic, (std::vector<std::string>{"Requires-Dist", "provides-extra"}));
  EXPECT_EQ(tool.dynamic, (std::vector<std::string>{"requires-dist", "provides-extra"}));
  EXPECT_EQ(tool.raw.provides_extra, (std::vector<std::string>{"Test_Suite", "docs.build"}));
  EXPECT_EQ(tool.provides_extra, (std::vector<std::string>{"test-suite", "docs-build"}));
  ASSERT_EQ(tool.requires_dist.size(), 2u);
  EXPECT_EQ(tool.requires_dist[0].name(), "pytest");
  EXPECT_TRUE(tool.requires_dist[0].marker());
  EXPECT_EQ(tool.raw.import_names, std::vector<std::string>{"rich_tool"});
  EXPECT_EQ(tool.raw.unknown_fields,
            (std::vector<RawField>{{"X-Vendor-Field", "kept as unknown"}}));
  EXPECT_EQ(tool.raw.description, "Rich tool.\n");
  ASSERT_TRUE(tool.requires_python);
  EXPECT_TRUE(tool.requires_python->contains("3.12"));
  EXPECT_FALSE(tool.requires_python->contains("4.0"));
}

TEST(CoreMetadataTest, TorchLikeRequirements) {
  const CoreMetadata torch = parse_ok(samples::k_torch);
  EXPECT_EQ(torch.version.local(), "rocm5.7");
  EXPECT_EQ(torch.version.public_version(), "2.3.1");
  ASSERT_EQ(torch.requires_dist.size(), 11u);
  EXPECT_EQ(torch.raw.requires_dist[1], "typing-extensions >=4.8.0");
  EXPECT_EQ(torch.requires_dist[1].package_name().str(), "typing-extensions");
  EXPECT_TRUE(torch.requires_dist[1].specifier().contains("4.9.0"));
  const pep508::Requirement& triton = torch.requires_dist[6];
  EXPECT_EQ(triton.package_name().str(), "pytorch-triton-rocm");
  EXPECT_TRUE(triton.specifier().contains("2.3.1"));
  EXPECT_TRUE(triton.marker());
  EXPECT_EQ(torch.requires_dist[10].name(), "optree");
  EXPECT_TRUE(torch.requires_dist[10].marker());
  EXPECT_EQ(torch.provides_extra, (std::vector<std::string>{"opt-einsum", "optree"}));
  EXPECT_EQ(torch.raw.license_files, (std::vector<std::string>{"LICENSE", "NOTICE"}));
  EXPECT_EQ(torch.raw.keywords, "pytorch,machine learning");
  EXPECT_TRUE(torch.raw.description->starts_with("![PyTorch Logo]"));
}

TEST(CoreMetadataTest, EveryMetadataVersionOfTheSpec) {
  for (const char* version : {"1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5"}) {
    SCOPED_TRACE(version);
    const CoreMetadata metadata =
        parse_ok(std::string("Metadata-Version: ") + version + "\nName: a\nVersion: 1\n");
    EXPECT_FALSE(metadata.is_newer_minor());
  }
  // 2.0 was never standardized but old bdist_wheel wrote it; a newer minor reads with a flag.
  EXPECT_FALSE(parse_ok("Metadata-Version: 2.0\nName: a\nVersion: 1\n").is_newer_minor());
  EXPECT_TRUE(parse_ok("Metadata-Version: 2.10\nName: a\nVersion: 1\n").is_newer_minor());
}

struct BadMetadata {
  const char* text;
  std::size_t line;
  std::size_t column;
  const char* message;  // prefix
};

TEST(CoreMetadataTest, ErrorsPointAtTheValue) {
  const BadMetadata cases[] = {
      {"Metadata-Version: 2.1\nVersion: 1.0\n", 1, 1, "core metadata has no Name field (required)"},
      {"Name: a\nVersion: 1.0\n", 1, 1, "core metadata has no Metadata-Version field (required)"},
      {"Metadata-Version: 2.1\nName: a\n", 1, 1, "core metadata has no Version field (required)"},
      {"Metadata-Version: 3.0\nName: a\nVersion: 1\n", 1, 19,
       "Metadata-Version: unsupported Metadata-Version 3.0: this tool reads 1.x and 2.x (up to "
       "2.5)"},
      {"Metadata-Version: two\nName: a\nVersion: 1\n", 1, 19,
       "Metadata-Version: invalid Metadata-Version `two` (expected MAJOR.MINOR, e.g. 2.1)"},
      {"Metadata-Version: 2.1\nName: torch vision\nVersion: 1\n", 2, 12, "Name: "},
      {"Metadata-Version: 2.1\nName: a\nVersion: 1.0-foo-bar\n", 3, 13, "Version: "},
      {"Metadata-Version: 2.1\nName: a\nVersion: 1\nVersion: 2\n", 4, 1,
       "Version may appear only once, but appears again"},
      {"Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Python: >=3.8,<\n", 4, 25,
       "Requires-Python: "},
      {"Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Dist: ok\nRequires-Dist: x >>= 1\n", 5,
       18, "Requires-Dist: "},
      {"Metadata-Version: 2.1\nName: a\nVersion: 1\nProvides-Extra: :python_version<\"3\"\n", 4, 17,
       "Provides-Extra: invalid extra name `:python_version<\"3\"`"},
      {"Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Version\n", 4, 10,
       "Dynamic: Version cannot be dynamic"},
      {"Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Colour\n", 4, 10,
       "Dynamic: `Colour` is not a core metadata field"},
      {"Metadata-Version: 2.1\nName: a\nVersion: 1\nDescription: head\n\nbody\n", 6, 1,
       "the description is given both as a Description field and as the message body"},
  };
  for (const BadMetadata& bad : cases) {
    SCOPED_TRACE(bad.text);
    const auto metadata = parse_metadata(bad.text);
    ASSERT_FALSE(metadata);
    EXPECT_EQ(metadata.error().message.substr(0, std::string_view(bad.message).size()),
              bad.message);
    const SourceLocation where = source_location(metadata.error(), "METADATA");
    EXPECT_EQ(where.line, bad.line);
    EXPECT_EQ(where.column, bad.column);
  }
}

TEST(CoreMetadataTest, RenderedErrorForTheCli) {
  const auto metadata = parse_metadata("Metadata-Version: 2.1\nName: a\nVersion: 1.0-foo-bar\n");
  ASSERT_FALSE(metadata);
  Error error(ErrorKind::invalid_input, metadata.error().message);
  error.at(source_location(metadata.error(), "numpy-1.0.dist-info/METADATA"));
  const std::string rendered = error.render("gator-provision");
  EXPECT_TRUE(rendered.starts_with("numpy-1.0.dist-info/METADATA:3:13: error: Version: "))
      << rendered;
  EXPECT_NE(rendered.find("Version: 1.0-foo-bar"), std::string::npos) << rendered;
}

}  // namespace
}  // namespace gator::metadata

#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/raw_metadata.hpp"
#include "pep440/specifier.hpp"
#include "pep440/version.hpp"
#include "pep508/name.hpp"
#include "pep508/requirement.hpp"
#include "util/parse_error.hpp"

// Core metadata with the fields an installer and a resolver rely on parsed and validated (the
// checks pypa/packaging's Metadata.from_email makes for them); everything else stays raw.
namespace gator::metadata {

struct ProjectUrl {
  std::string label;  // text before the first ',', trimmed
  std::string url;    // text after it, trimmed ("" when there is no ',')

  friend bool operator==(const ProjectUrl&, const ProjectUrl&) = default;
};

struct CoreMetadata {
  RawMetadata raw;  // every field as written
  MetadataVersion metadata_version;
  pep508::PackageName name;  // validated, normalized; raw.name keeps the spelling
  pep440::Version version;
  std::optional<pep440::SpecifierSet> requires_python;
  std::vector<pep508::Requirement> requires_dist;
  std::vector<std::string> provides_extra;  // validated and normalized (PEP 685)
  std::vector<std::string> dynamic;         // lower-case field names
  std::vector<ProjectUrl> project_urls;

  // A Metadata-Version newer than this implementation knows (same major): readable, but the
  // spec asks tools to warn.
  [[nodiscard]] bool is_newer_minor() const { return metadata_version > k_newest_metadata_version; }
};

// parse_raw_metadata plus: Name must be a valid project name, Version a PEP 440 version,
// Requires-Python a specifier set, each Requires-Dist a PEP 508 requirement, each Provides-Extra
// a valid name, each Dynamic a known field other than Name, Version and Metadata-Version.
// Fields newer than the declared Metadata-Version are accepted (tools have long written
// License-File into 2.1 files). Errors carry the whole text and an absolute offset into the
// offending value (see source_location).
[[nodiscard]] std::expected<CoreMetadata, util::ParseError> parse_metadata(std::string_view text);

}  // namespace gator::metadata

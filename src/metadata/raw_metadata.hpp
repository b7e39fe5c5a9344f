#pragma once

#include <compare>
#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/header_reader.hpp"
#include "util/parse_error.hpp"

// Core metadata (METADATA in a wheel, PKG-INFO in an sdist) as written: every field of
// Metadata-Version 1.0 to 2.5 as a string, multiple-use fields as lists in file order. Only the
// structure is checked here; core_metadata.hpp adds the typed, validated view.
namespace gator::metadata {

struct MetadataVersion {
  unsigned major = 2;
  unsigned minor = 1;

  friend bool operator==(const MetadataVersion&, const MetadataVersion&) = default;
  friend std::strong_ordering operator<=>(const MetadataVersion&, const MetadataVersion&) = default;
};

// The newest Metadata-Version this implementation knows (core metadata spec 2.5).
inline constexpr MetadataVersion k_newest_metadata_version{2, 5};

// "MAJOR.MINOR". Major 1 and 2 are accepted, including minors this implementation does not know
// (the spec says to warn, not fail, on a newer minor); any other major is an error.
[[nodiscard]] std::expected<MetadataVersion, util::ParseError> parse_metadata_version(
    std::string_view text);

struct RawMetadata {
  // Required.
  std::string metadata_version;
  std::string name;
  std::string version;

  // Single-use fields; nullopt when absent. Description and License keep their line breaks (the
  // 8-space / "       |" continuation convention is undone); the others are unfolded to a line.
  std::optional<std::string> summary;
  std::optional<std::string> description;  // from the field or, if none, the message body
  std::optional<std::string> description_content_type;
  std::optional<std::string> keywords;
  std::optional<std::string> home_page;
  std::optional<std::string> download_url;
  std::optional<std::string> author;
  std::optional<std::string> author_email;
  std::optional<std::string> maintainer;
  std::optional<std::string> maintainer_email;
  std::optional<std::string> license;
  std::optional<std::string> license_expression;
  std::optional<std::string> requires_python;

  // Multiple-use fields, in file order.
  std::vector<std::string> dynamic;
  std::vector<std::string> platforms;
  std::vector<std::string> supported_platforms;
  std::vector<std::string> classifiers;
  std::vector<std::string> requires_dist;
  std::vector<std::string> requires_external;
  std::vector<std::string> project_urls;  // "label, url"
  std::vector<std::string> provides_extra;
  std::vector<std::string> provides_dist;
  std::vector<std::string> obsoletes_dist;
  std::vector<std::string> license_files;
  std::vector<std::string> import_names;
  std::vector<std::string> import_namespaces;
  std::vector<std::string> legacy_requires;   // Requires (1.1, deprecated)
  std::vector<std::string> legacy_provides;   // Provides (1.1, deprecated)
  std::vector<std::string> legacy_obsoletes;  // Obsoletes (1.1, deprecated)

  // Fields this implementation does not know, kept in file order so a writer can keep them.
  std::vector<RawField> unknown_fields;

  friend bool operator==(const RawMetadata&, const RawMetadata&) = default;
};

// Parses the email-header format. Errors (with the whole text as `input` and an absolute offset,
// see source_location): a malformed line, a missing Metadata-Version, Name or Version, an
// unknown Metadata-Version major, a single-use field given twice, and a description given both
// as a field and as the body.
[[nodiscard]] std::expected<RawMetadata, util::ParseError> parse_raw_metadata(
    std::string_view text);

// Deterministic: the fields in the order of the core metadata spec, then the unknown ones; a
// non-empty Description goes into the body, which parse_raw_metadata accepts for every
// Metadata-Version. write -> parse gives back the same RawMetadata for anything parse returned.
[[nodiscard]] std::string write_metadata(const RawMetadata& metadata);

// The canonical spelling of a known field name ("home-page" -> "Home-page"), or "" if unknown.
[[nodiscard]] std::string_view canonical_field_name(std::string_view name);

namespace detail {

// Where a field's value starts and how long it is in the text, for errors found after parsing.
struct FieldPlace {
  std::string_view name;  // canonical
  std::size_t offset = 0;
  std::size_t length = 0;
};

// parse_raw_metadata, also listing where every known field's value is (file order).
[[nodiscard]] std::expected<RawMetadata, util::ParseError> parse_raw_metadata_placed(
    std::string_view text, std::vector<FieldPlace>& places);

}  // namespace detail
}  // namespace gator::metadata

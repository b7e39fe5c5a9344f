#include "metadata/raw_metadata.hpp"

#include <array>
#include <variant>

#include "metadata/field_helpers.hpp"
#include "util/strings.hpp"

namespace gator::metadata {
namespace {

using util::ParseError;

using Required = std::string RawMetadata::*;
using Single = std::optional<std::string> RawMetadata::*;
using Multiple = std::vector<std::string> RawMetadata::*;

enum class Text { line, multiline };

struct FieldSpec {
  std::string_view name;
  std::variant<Required, Single, Multiple> member;
  Text text = Text::line;
};

// Spec order, which is also the writer's order.
const auto k_fields = std::to_array<FieldSpec>({
    {"Metadata-Version", &RawMetadata::metadata_version},
    {"Name", &RawMetadata::name},
    {"Version", &RawMetadata::version},
    {"Dynamic", &RawMetadata::dynamic},
    {"Platform", &RawMetadata::platforms},
    {"Supported-Platform", &RawMetadata::supported_platforms},
    {"Summary", &RawMetadata::summary},
    {"Description", &RawMetadata::description, Text::multiline},
    {"Description-Content-Type", &RawMetadata::description_content_type},
    {"Keywords", &RawMetadata::keywords},
    {"Home-page", &RawMetadata::home_page},
    {"Download-URL", &RawMetadata::download_url},
    {"Author", &RawMetadata::author},
    {"Author-email", &RawMetadata::author_email},
    {"Maintainer", &RawMetadata::maintainer},
    {"Maintainer-email", &RawMetadata::maintainer_email},
    {"License", &RawMetadata::license, Text::multiline},
    {"License-Expression", &RawMetadata::license_expression},
    {"License-File", &RawMetadata::license_files},
    {"Classifier", &RawMetadata::classifiers},
    {"Requires-Dist", &RawMetadata::requires_dist},
    {"Requires-Python", &RawMetadata::requires_python},
    {"Requires-External", &RawMetadata::requires_external},
    {"Project-URL", &RawMetadata::project_urls},
    {"Provides-Extra", &RawMetadata::provides_extra},
    {"Provides-Dist", &RawMetadata::provides_dist},
    {"Obsoletes-Dist", &RawMetadata::obsoletes_dist},
    {"Import-Name", &RawMetadata::import_names},
    {"Import-Namespace", &RawMetadata::import_namespaces},
    {"Requires", &RawMetadata::legacy_requires},
    {"Provides", &RawMetadata::legacy_provides},
    {"Obsoletes", &RawMetadata::legacy_obsoletes},
});

[[nodiscard]] const FieldSpec* find_field(std::string_view name) {
  for (const FieldSpec& spec : k_fields) {
    if (util::iequals_ascii(spec.name, name))
      return &spec;
  }
  return nullptr;
}

}  // namespace

std::string_view canonical_field_name(std::string_view name) {
  const FieldSpec* spec = find_field(name);
  return spec == nullptr ? std::string_view() : spec->name;
}

std::expected<MetadataVersion, ParseError> parse_metadata_version(std::string_view text) {
  const auto parts = detail::parse_major_minor(text);
  if (!parts) {
    return std::unexpected(ParseError::at(
        text, 0, text.size(),
        "invalid Metadata-Version `" + std::string(text) + "` (expected MAJOR.MINOR, e.g. 2.1)"));
  }
  if (parts->first != 1 && parts->first != 2) {
    return std::unexpected(
        ParseError::at(text, 0, text.size(),
                       "unsupported Metadata-Version " + std::string(text) +
                           ": this tool reads 1.x and 2.x (up to " +
                           std::to_string(k_newest_metadata_version.major) + "." +
                           std::to_string(k_newest_metadata_version.minor) + ")"));
  }
  return MetadataVersion{parts->first, parts->second};
}

namespace detail {

std::expected<RawMetadata, ParseError> parse_raw_metadata_placed(std::string_view text,
                                                                 std::vector<FieldPlace>& places) {
  auto block = read_headers(text);
  if (!block)
    return std::unexpected(std::move(block.error()));
  RawMetadata raw;
  std::vector<const FieldSpec*> seen;
  const HeaderField* version_field = nullptr;
  for (const HeaderField& field : block->fields) {
    const FieldSpec* spec = find_field(field.name);
    if (spec == nullptr) {
      raw.unknown_fields.push_back(RawField{field.name, unfold_field_value(field.value)});
      continue;
    }
    std::string value = spec->text == Text::multiline ? unescape_multiline_value(field.value)
                                                      : unfold_field_value(field.value);
    const std::size_t length = field.end_offset - field.value_offset;
    if (!std::holds_alternative<Multiple>(spec->member)) {
      for (const FieldSpec* earlier : seen) {
        if (earlier == spec) {
          return std::unexpected(
              ParseError::at(text, field.offset, field.name.size(),
                             std::string(spec->name) + " may appear only once, but appears again"));
        }
      }
      seen.push_back(spec);
    }
    places.push_back(FieldPlace{spec->name, field.value_offset, length});
    if (const auto* required = std::get_if<Required>(&spec->member)) {
      if (spec->name == "Metadata-Version")
        version_field = &field;
      raw.*(*required) = std::move(value);
    } else if (const auto* single = std::get_if<Single>(&spec->member)) {
      raw.*(*single) = std::move(value);
    } else {
      (raw.*std::get<Multiple>(spec->member)).push_back(std::move(value));
    }
  }

  for (const std::string_view required : {"Metadata-Version", "Name", "Version"}) {
    const FieldSpec* spec = find_field(required);
    bool present = false;
    for (const FieldSpec* earlier : seen)
      present = present || earlier == spec;
    if (!present) {
      return std::unexpected(ParseError::at(
          text, 0, 0, "core metadata has no " + std::string(required) + " field (required)"));
    }
  }
  if (auto version = parse_metadata_version(raw.metadata_version); !version) {
    return std::unexpected(rebase_error(version.error(), text, version_field->value_offset,
                                        raw.metadata_version.size(), "Metadata-Version"));
  }

  // Metadata 2.1 moved the description into the body; packaging reads a body at any version.
  if (block->body && !block->body->empty()) {
    if (raw.description) {
      return std::unexpected(ParseError::at(
          text, block->body_offset, block->body->size(),
          "the description is given both as a Description field and as the message body"));
    }
    raw.description = std::move(*block->body);
    places.push_back(FieldPlace{"Description", block->body_offset, raw.description->size()});
  }
  return raw;
}

}  // namespace detail

std::expected<RawMetadata, ParseError> parse_raw_metadata(std::string_view text) {
  std::vector<detail::FieldPlace> places;
  return detail::parse_raw_metadata_placed(text, places);
}

std::string write_metadata(const RawMetadata& metadata) {
  std::string out;
  const auto write = [&out](const FieldSpec& spec, const std::string& value) {
    if (spec.text == Text::multiline) {
      out += spec.name;
      out += ": ";
      out += escape_multiline_value(value);
      out += '\n';
    } else {
      detail::append_field(out, spec.name, value);
    }
  };
  const std::string* body = nullptr;
  for (const FieldSpec& spec : k_fields) {
    if (const auto* required = std::get_if<Required>(&spec.member)) {
      write(spec, metadata.*(*required));
    } else if (const auto* single = std::get_if<Single>(&spec.member)) {
      const std::optional<std::string>& value = metadata.*(*single);
      if (!value)
        continue;
      // A non-empty description goes into the body, verbatim.
      if (spec.name == "Description" && !value->empty())
        body = &*value;
      else
        write(spec, *value);
    } else {
      for (const std::string& value : metadata.*std::get<Multiple>(spec.member))
        write(spec, value);
    }
  }
  for (const RawField& field : metadata.unknown_fields)
    detail::append_field(out, field.name, field.value);
  if (body != nullptr) {
    out += '\n';
    out += *body;
  }
  return out;
}

}  // namespace gator::metadata

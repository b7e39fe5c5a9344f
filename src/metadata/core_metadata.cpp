#include "metadata/core_metadata.hpp"

#include "metadata/field_helpers.hpp"
#include "util/strings.hpp"

namespace gator::metadata {
namespace {

using util::ParseError;

// Finds where the `index`-th value of a field is, for pointing errors at it.
class Places {
 public:
  Places(std::string_view text, const std::vector<detail::FieldPlace>& places)
      : m_text(text), m_places(places) {}

  [[nodiscard]] ParseError error(std::string_view field, std::size_t index,
                                 const ParseError& inner) const {
    const detail::FieldPlace place = find(field, index);
    return detail::rebase_error(inner, m_text, place.offset, place.length, field);
  }

  [[nodiscard]] ParseError error(std::string_view field, std::size_t index,
                                 std::string message) const {
    const detail::FieldPlace place = find(field, index);
    return ParseError::at(m_text, place.offset, place.length == 0 ? 1 : place.length,
                          std::string(field) + ": " + message);
  }

 private:
  [[nodiscard]] detail::FieldPlace find(std::string_view field, std::size_t index) const {
    for (const detail::FieldPlace& place : m_places) {
      if (place.name == field) {
        if (index == 0)
          return place;
        --index;
      }
    }
    return {};
  }

  std::string_view m_text;
  const std::vector<detail::FieldPlace>& m_places;
};

[[nodiscard]] ProjectUrl split_project_url(std::string_view value) {
  const std::size_t comma = value.find(',');
  if (comma == std::string_view::npos)
    return {std::string(util::trim_ascii(value)), ""};
  return {std::string(util::trim_ascii(value.substr(0, comma))),
          std::string(util::trim_ascii(value.substr(comma + 1)))};
}

}  // namespace

std::expected<CoreMetadata, ParseError> parse_metadata(std::string_view text) {
  std::vector<detail::FieldPlace> placed;
  auto raw = detail::parse_raw_metadata_placed(text, placed);
  if (!raw)
    return std::unexpected(std::move(raw.error()));
  const Places places(text, placed);

  auto metadata_version = parse_metadata_version(raw->metadata_version);
  if (!metadata_version)
    return std::unexpected(places.error("Metadata-Version", 0, metadata_version.error()));
  auto name = pep508::PackageName::parse(raw->name);
  if (!name)
    return std::unexpected(places.error("Name", 0, name.error()));
  auto version = pep440::Version::parse(raw->version);
  if (!version)
    return std::unexpected(places.error("Version", 0, version.error()));

  std::optional<pep440::SpecifierSet> requires_python;
  if (raw->requires_python) {
    auto specifiers = pep440::SpecifierSet::parse(*raw->requires_python);
    if (!specifiers)
      return std::unexpected(places.error("Requires-Python", 0, specifiers.error()));
    requires_python = std::move(*specifiers);
  }

  std::vector<pep508::Requirement> requires_dist;
  requires_dist.reserve(raw->requires_dist.size());
  for (std::size_t i = 0; i < raw->requires_dist.size(); ++i) {
    auto requirement = pep508::Requirement::parse(raw->requires_dist[i]);
    if (!requirement)
      return std::unexpected(places.error("Requires-Dist", i, requirement.error()));
    requires_dist.push_back(std::move(*requirement));
  }

  std::vector<std::string> provides_extra;
  for (std::size_t i = 0; i < raw->provides_extra.size(); ++i) {
    const std::string& extra = raw->provides_extra[i];
    if (!pep508::is_valid_name(extra)) {
      return std::unexpected(places.error(
          "Provides-Extra", i,
          "invalid extra name `" + extra + "` (letters, digits, '-', '_' and '.' inside)"));
    }
    provides_extra.push_back(pep508::canonicalize_name(extra));
  }

  std::vector<std::string> dynamic;
  for (std::size_t i = 0; i < raw->dynamic.size(); ++i) {
    const std::string_view field = canonical_field_name(raw->dynamic[i]);
    if (field.empty()) {
      return std::unexpected(
          places.error("Dynamic", i, "`" + raw->dynamic[i] + "` is not a core metadata field"));
    }
    if (field == "Name" || field == "Version" || field == "Metadata-Version") {
      return std::unexpected(places.error("Dynamic", i, std::string(field) + " cannot be dynamic"));
    }
    dynamic.push_back(util::ascii_lower(field));
  }

  std::vector<ProjectUrl> project_urls;
  for (const std::string& value : raw->project_urls)
    project_urls.push_back(split_project_url(value));

  return CoreMetadata{
      .raw = std::move(*raw),
      .metadata_version = *metadata_version,
      .name = std::move(*name),
      .version = std::move(*version),
      .requires_python = std::move(requires_python),
      .requires_dist = std::move(requires_dist),
      .provides_extra = std::move(provides_extra),
      .dynamic = std::move(dynamic),
      .project_urls = std::move(project_urls),
  };
}

}  // namespace gator::metadata

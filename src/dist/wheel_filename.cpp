#include "dist/wheel_filename.hpp"

#include <algorithm>

#include "tags/identifier.hpp"
#include "util/strings.hpp"

namespace gator::dist {
namespace {

constexpr std::string_view k_extension = ".whl";

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

util::ParseError error_at(std::string_view filename, std::size_t offset, std::size_t length,
                          const std::string& what) {
  return util::ParseError::at(filename, offset, length,
                              "invalid wheel filename " + quoted(filename) + ": " + what);
}

// A ParseError of a part of `filename` that starts at `offset`, moved onto the filename.
util::ParseError shifted(std::string_view filename, std::size_t offset,
                         const util::ParseError& inner, const std::string& what) {
  return error_at(filename, offset + inner.offset, inner.length, what + ": " + inner.message);
}

// PEP 427 escaped project name: at least one of Unicode `\w`, '.', '_' (packaging's
// `^[\w._]+\Z`), and no "__".
bool is_wheel_name(std::string_view name) {
  if (name.empty())
    return false;
  for (const std::string_view piece : util::split(name, '.')) {
    if (!piece.empty() && !tags::is_word(piece))
      return false;
  }
  return true;
}

}  // namespace

std::expected<WheelFilename, util::ParseError> WheelFilename::parse(
    std::string_view filename, const WheelFilenameOptions& options) {
  if (!filename.ends_with(k_extension))
    return std::unexpected(error_at(filename, filename.size(), 0, "the extension must be '.whl'"));
  const std::string_view stem = filename.substr(0, filename.size() - k_extension.size());
  const auto dashes = static_cast<std::size_t>(std::count(stem.begin(), stem.end(), '-'));
  if (dashes != 4 && dashes != 5)
    return std::unexpected(
        error_at(filename, 0, stem.size(),
                 "expected name-version[-build]-python-abi-platform.whl (4 or 5 '-'), found " +
                     std::to_string(dashes) + " '-'"));

  // name, version, [build,] and the tag text, which keeps its two dashes.
  std::vector<std::string_view> parts;
  std::vector<std::size_t> offsets;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 2 < dashes; ++i) {
    const std::size_t dash = stem.find('-', start);
    parts.push_back(stem.substr(start, dash - start));
    offsets.push_back(start);
    start = dash + 1;
  }
  parts.push_back(stem.substr(start));
  offsets.push_back(start);

  const std::string_view name = parts[0];
  if (const std::size_t doubled = name.find("__"); doubled != std::string_view::npos)
    return std::unexpected(
        error_at(filename, doubled, 2, "invalid project name " + quoted(name) + " ('__')"));
  if (!is_wheel_name(name))
    return std::unexpected(
        error_at(filename, 0, name.size(),
                 name.empty() ? std::string("empty project name")
                              : "invalid project name " + quoted(name) +
                                    ": use letters, digits, '_' and '.' (PEP 427 escaping)"));

  auto version = pep440::Version::parse(parts[1]);
  if (!version)
    return std::unexpected(
        shifted(filename, offsets[1], version.error(), "invalid version " + quoted(parts[1])));

  WheelFilename wheel(std::string(filename), ProjectSpelling(name), std::move(*version));
  if (dashes == 5) {
    auto build = BuildTag::parse(parts[2]);
    if (!build)
      return std::unexpected(shifted(filename, offsets[2], build.error(), "invalid build tag"));
    wheel.m_build = std::move(*build);
  }

  tags::ParseTagOptions tag_options;
  tag_options.validate_order = options.validate_order;
  auto tag_set = tags::parse_tag(parts.back(), tag_options);
  if (!tag_set)
    return std::unexpected(shifted(filename, offsets.back(), tag_set.error(), "invalid tags"));
  wheel.m_tags = std::move(*tag_set);
  return wheel;
}

std::string WheelFilename::to_string() const {
  std::string out = m_name.escaped() + "-" + m_version.to_string();
  if (m_build)
    out += "-" + m_build->to_string();
  return out + "-" + tags::compress_tag_set(m_tags) + std::string(k_extension);
}

bool operator==(const WheelFilename& a, const WheelFilename& b) {
  return a.m_name.canonical() == b.m_name.canonical() && a.m_version == b.m_version &&
         a.m_build == b.m_build && a.m_tags == b.m_tags;
}

}  // namespace gator::dist

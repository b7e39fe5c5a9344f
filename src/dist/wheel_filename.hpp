#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dist/build_tag.hpp"
#include "dist/project_spelling.hpp"
#include "pep440/version.hpp"
#include "tags/tag.hpp"
#include "util/parse_error.hpp"

namespace gator::dist {

struct WheelFilenameOptions {
  // PEP 425: refuse compressed tag sets whose members are not sorted ("py3.py2").
  bool validate_order = false;
};

// A wheel filename, {name}-{version}[-{build}]-{python}-{abi}-{platform}.whl, parsed and
// validated exactly as packaging's parse_wheel_filename. Note that, as there, the ABI and
// platform tags are only checked to be non-empty: never use a filename as a path unchecked.
class WheelFilename {
 public:
  [[nodiscard]] static std::expected<WheelFilename, util::ParseError> parse(
      std::string_view filename, const WheelFilenameOptions& options = {});

  // The filename as given.
  [[nodiscard]] const std::string& filename() const { return m_filename; }
  [[nodiscard]] const ProjectSpelling& name() const { return m_name; }
  [[nodiscard]] const pep440::Version& version() const { return m_version; }
  [[nodiscard]] const std::optional<BuildTag>& build() const { return m_build; }
  // The expanded tag set, sorted and distinct.
  [[nodiscard]] const std::vector<tags::Tag>& tags() const { return m_tags; }

  // The normalized filename (packaging's compose_wheel_filename): escaped canonical name,
  // normalized version, build tag, sorted compressed tags. parse(to_string()) equals this.
  [[nodiscard]] std::string to_string() const;

  // Same project, version (PEP 440 equality), build tag and tag set.
  friend bool operator==(const WheelFilename& a, const WheelFilename& b);

 private:
  WheelFilename(std::string filename, ProjectSpelling name, pep440::Version version)
      : m_filename(std::move(filename)), m_name(std::move(name)), m_version(std::move(version)) {}

  std::string m_filename;
  ProjectSpelling m_name;
  pep440::Version m_version;
  std::optional<BuildTag> m_build;
  std::vector<tags::Tag> m_tags;
};

}  // namespace gator::dist

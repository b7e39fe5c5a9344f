#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "dist/project_spelling.hpp"
#include "pep440/version.hpp"
#include "util/parse_error.hpp"

namespace gator::dist {

enum class SdistFormat { tar_gz, zip };

[[nodiscard]] const char* extension(SdistFormat format);  // ".tar.gz", ".zip"

// A source distribution filename, {name}-{version}.tar.gz or .zip, parsed as packaging's
// parse_sdist_filename: the version is what follows the last '-'; the name only has to be
// non-empty (packaging does not validate it further).
class SdistFilename {
 public:
  [[nodiscard]] static std::expected<SdistFilename, util::ParseError> parse(
      std::string_view filename);

  [[nodiscard]] const std::string& filename() const { return m_filename; }
  [[nodiscard]] const ProjectSpelling& name() const { return m_name; }
  [[nodiscard]] const pep440::Version& version() const { return m_version; }
  [[nodiscard]] SdistFormat format() const { return m_format; }

  // The normalized filename: escaped canonical name, normalized version, same extension.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const SdistFilename& a, const SdistFilename& b);

 private:
  SdistFilename(std::string filename, ProjectSpelling name, pep440::Version version,
                SdistFormat format)
      : m_filename(std::move(filename)),
        m_name(std::move(name)),
        m_version(std::move(version)),
        m_format(format) {}

  std::string m_filename;
  ProjectSpelling m_name;
  pep440::Version m_version;
  SdistFormat m_format;
};

}  // namespace gator::dist

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pep508/name.hpp"

namespace gator::dist {

// The project name part of a distribution filename. packaging accepts spellings that are not
// PEP 508 names ("foo_bár" in a wheel, anything non-empty in an sdist), so the canonical form
// (packaging's canonicalize_name) is always there and the PackageName only when it is valid.
class ProjectSpelling {
 public:
  ProjectSpelling() = default;
  explicit ProjectSpelling(std::string_view spelling);

  // As written in the filename: "Some_PACKAGE".
  [[nodiscard]] const std::string& spelling() const { return m_spelling; }
  // PEP 503 normal form (ASCII lower-case, runs of '-', '_', '.' as one '-'): "some-package".
  [[nodiscard]] const std::string& canonical() const { return m_canonical; }
  // The project as a PEP 508 name; nothing for spellings that are not valid names.
  [[nodiscard]] const std::optional<pep508::PackageName>& package_name() const {
    return m_package_name;
  }
  // Whether the file belongs to `project`.
  [[nodiscard]] bool is(const pep508::PackageName& project) const {
    return m_canonical == project.str();
  }
  // The escaped form used when writing a filename: canonical with '-' as '_' ("some_package").
  [[nodiscard]] std::string escaped() const;

 private:
  std::string m_spelling;
  std::string m_canonical;
  std::optional<pep508::PackageName> m_package_name;
};

}  // namespace gator::dist

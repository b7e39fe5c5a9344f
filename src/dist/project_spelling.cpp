#include "dist/project_spelling.hpp"

#include <algorithm>

namespace gator::dist {

ProjectSpelling::ProjectSpelling(std::string_view spelling)
    : m_spelling(spelling), m_canonical(pep508::canonicalize_name(spelling)) {
  if (auto name = pep508::PackageName::parse(spelling))
    m_package_name = std::move(*name);
}

std::string ProjectSpelling::escaped() const {
  std::string out = m_canonical;
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

}  // namespace gator::dist

#include "resolver/incompatibility.hpp"

#include <algorithm>

namespace gator::resolver::detail {

const Term* Incompatibility::term_for(PackageId package) const {
  for (const TermEntry& entry : terms) {
    if (entry.package == package)
      return &entry.term;
  }
  return nullptr;
}

bool Incompatibility::is_terminal() const {
  if (terms.empty())
    return true;
  return terms.size() == 1 && terms.front().package == k_root_package &&
         terms.front().term.positive;
}

std::vector<TermEntry> normalize_terms(std::vector<TermEntry> terms) {
  std::stable_sort(terms.begin(), terms.end(),
                   [](const TermEntry& a, const TermEntry& b) { return a.package < b.package; });
  std::vector<TermEntry> out;
  for (TermEntry& entry : terms) {
    if (!out.empty() && out.back().package == entry.package)
      out.back().term = out.back().term.intersection(entry.term);
    else
      out.push_back(std::move(entry));
  }
  // "not p in nothing" holds for every selection.
  std::erase_if(out, [](const TermEntry& entry) {
    return !entry.term.positive && entry.term.set.is_empty();
  });
  return out;
}

}  // namespace gator::resolver::detail

#pragma once

#include <string>

#include "pep440/ranges.hpp"
#include "pep440/specifier.hpp"
#include "pep440/version.hpp"

// Sets of versions for PubGrub terms, on top of pep440's range machinery (sorted, disjoint
// ranges whose bounds may be cuts such as "after 1.0 and its local labels"), so that `==2.3.1`
// holds `2.3.1+rocm5.7` exactly as PEP 440 says.
namespace gator::resolver {

class VersionSet {
 public:
  [[nodiscard]] static VersionSet any();
  [[nodiscard]] static VersionSet none();
  // Only this version (not its local variants: 2.3.1+rocm5.7 is another release than 2.3.1).
  [[nodiscard]] static VersionSet exactly(const pep440::Version& version);
  // Sorted, disjoint ranges (e.g. one point per known release).
  [[nodiscard]] static VersionSet from_ranges(pep440::detail::Ranges ranges);
  // Every version from `oldest` to `newest`, both included.
  [[nodiscard]] static VersionSet between(const pep440::Version& oldest,
                                          const pep440::Version& newest);
  // The versions a requirement's specifier admits. "===X" is taken as exactly the version X
  // (nothing when X is not a version): candidates are parsed versions, never raw text.
  [[nodiscard]] static VersionSet from_specifiers(const pep440::SpecifierSet& specifiers);

  [[nodiscard]] bool contains(const pep440::Version& version) const;
  [[nodiscard]] bool is_empty() const { return m_ranges.empty(); }
  [[nodiscard]] bool is_any() const;
  // One release and at most its local variants ("==2.3.1", or an exact version).
  [[nodiscard]] bool is_pin() const;

  [[nodiscard]] VersionSet complement() const;
  [[nodiscard]] VersionSet intersection(const VersionSet& other) const;
  [[nodiscard]] VersionSet union_with(const VersionSet& other) const;
  [[nodiscard]] VersionSet difference(const VersionSet& other) const;
  [[nodiscard]] bool is_subset_of(const VersionSet& other) const;
  [[nodiscard]] bool is_disjoint(const VersionSet& other) const;

  // The same versions (not the same representation).
  friend bool operator==(const VersionSet& a, const VersionSet& b);

  [[nodiscard]] const pep440::detail::Ranges& ranges() const { return m_ranges; }

  // PEP 440-like text for explanations: "==1.0", ">=1.0, <2", "!=1.5", "<1 || >=2"; "*" for
  // every version and "<none>" for none.
  [[nodiscard]] std::string to_string() const;

 private:
  explicit VersionSet(pep440::detail::Ranges ranges);
  pep440::detail::Ranges m_ranges;  // no empty ranges
};

}  // namespace gator::resolver

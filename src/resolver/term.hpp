#pragma once

#include "resolver/version_set.hpp"

// A PubGrub term: a statement about one package that a selection makes true or false.
// Positive "p in S": p is selected with a version in S. Negative "not p in S": p is not selected,
// or its version is outside S.
namespace gator::resolver {

enum class Relation { satisfied, contradicted, inconclusive };

struct Term {
  bool positive = true;
  VersionSet set = VersionSet::any();

  [[nodiscard]] static Term including(VersionSet set) { return Term{true, std::move(set)}; }
  [[nodiscard]] static Term excluding(VersionSet set) { return Term{false, std::move(set)}; }

  [[nodiscard]] Term negate() const { return Term{!positive, set}; }
  // Both statements at once.
  [[nodiscard]] Term intersection(const Term& other) const;
  // Either statement.
  [[nodiscard]] Term union_with(const Term& other) const;
  [[nodiscard]] Term difference(const Term& other) const { return intersection(other.negate()); }
  // No selection makes it true (a negative term is true when the package is left out).
  [[nodiscard]] bool is_empty() const { return positive && set.is_empty(); }
  // Every selection that makes this term true makes `other` true.
  [[nodiscard]] bool satisfies(const Term& other) const;
  // No selection makes both true.
  [[nodiscard]] bool contradicts(const Term& other) const;
  // How this term stands given `known` (everything the partial solution says of the package).
  [[nodiscard]] Relation relation_to(const Term& known) const;
  [[nodiscard]] bool contains(const pep440::Version& version) const {
    return set.contains(version) == positive;
  }
};

}  // namespace gator::resolver

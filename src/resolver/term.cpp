#include "resolver/term.hpp"

namespace gator::resolver {

Term Term::intersection(const Term& other) const {
  if (positive && other.positive)
    return including(set.intersection(other.set));
  if (positive)
    return including(set.difference(other.set));
  if (other.positive)
    return including(other.set.difference(set));
  return excluding(set.union_with(other.set));
}

Term Term::union_with(const Term& other) const {
  return negate().intersection(other.negate()).negate();
}

// A negative term also holds when the package is not selected at all, so it never fits inside a
// positive one and two negative terms always have that case in common.
bool Term::satisfies(const Term& other) const {
  if (positive)
    return other.positive ? set.is_subset_of(other.set) : set.is_disjoint(other.set);
  return !other.positive && other.set.is_subset_of(set);
}

bool Term::contradicts(const Term& other) const {
  if (positive)
    return other.positive ? set.is_disjoint(other.set) : set.is_subset_of(other.set);
  return other.positive && other.set.is_subset_of(set);
}

Relation Term::relation_to(const Term& known) const {
  if (known.satisfies(*this))
    return Relation::satisfied;
  if (known.contradicts(*this))
    return Relation::contradicted;
  return Relation::inconclusive;
}

}  // namespace gator::resolver

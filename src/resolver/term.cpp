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

Relation Term::relation_to(const Term& known) const {
  if (known.satisfies(*this))
    return Relation::satisfied;
  if (known.contradicts(*this))
    return Relation::contradicted;
  return Relation::inconclusive;
}

}  // namespace gator::resolver

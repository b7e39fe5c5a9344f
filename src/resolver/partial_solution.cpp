#include "resolver/partial_solution.hpp"

#include <utility>

namespace gator::resolver::detail {
namespace {

[[nodiscard]] const Term& unknown_term() {
  static const Term k_unknown = Term::excluding(VersionSet::none());
  return k_unknown;
}

}  // namespace

PartialSolution::PackageState& PartialSolution::state(PackageId package) {
  if (package >= m_states.size())
    m_states.resize(package + 1);
  return m_states[package];
}

void PartialSolution::push(Assignment assignment) {
  PackageState& package = state(assignment.package);
  Term accumulated = package.accumulated.empty()
                         ? assignment.term
                         : package.accumulated.back().intersection(assignment.term);
  package.assignments.push_back(m_assignments.size());
  package.accumulated.push_back(std::move(accumulated));
  if (assignment.is_decision())
    package.decided = true;
  m_assignments.push_back(std::move(assignment));
}

void PartialSolution::add_root_decision(const pep440::Version& version) {
  push(Assignment{k_root_package, Term::including(VersionSet::exactly(version)), 0, std::nullopt});
}

void PartialSolution::add_decision(PackageId package, const pep440::Version& version) {
  ++m_level;
  push(Assignment{package, Term::including(VersionSet::exactly(version)), m_level, std::nullopt});
}

void PartialSolution::add_derivation(PackageId package, Term term, IncompatId cause) {
  push(Assignment{package, std::move(term), m_level, cause});
}

const Term& PartialSolution::term(PackageId package) const {
  if (package >= m_states.size() || m_states[package].accumulated.empty())
    return unknown_term();
  return m_states[package].accumulated.back();
}

bool PartialSolution::has_assignments(PackageId package) const {
  return package < m_states.size() && !m_states[package].assignments.empty();
}

bool PartialSolution::is_decided(PackageId package) const {
  return package < m_states.size() && m_states[package].decided;
}

std::vector<PackageId> PartialSolution::undecided() const {
  std::vector<PackageId> out;
  for (std::size_t id = 0; id < m_states.size(); ++id) {
    const PackageState& package = m_states[id];
    if (!package.decided && !package.accumulated.empty() && package.accumulated.back().positive)
      out.push_back(static_cast<PackageId>(id));
  }
  return out;
}

std::vector<std::pair<PackageId, pep440::Version>> PartialSolution::decisions() const {
  std::vector<std::pair<PackageId, pep440::Version>> out;
  for (const Assignment& assignment : m_assignments) {
    if (assignment.is_decision())
      out.emplace_back(assignment.package, assignment.term.set.ranges().front().lower.version());
  }
  return out;
}

Relation PartialSolution::relation(const Incompatibility& incompatibility,
                                   std::optional<std::size_t>& unsatisfied) const {
  unsatisfied.reset();
  for (std::size_t i = 0; i < incompatibility.terms.size(); ++i) {
    const TermEntry& entry = incompatibility.terms[i];
    Relation relation = Relation::inconclusive;
    if (!has_assignments(entry.package)) {
      // Nothing is known: only a term no selection makes true is decided already.
      if (entry.term.is_empty())
        relation = Relation::contradicted;
    } else {
      relation = entry.term.relation_to(term(entry.package));
    }
    if (relation == Relation::contradicted) {
      unsatisfied.reset();
      return Relation::contradicted;
    }
    if (relation == Relation::inconclusive) {
      if (unsatisfied) {
        unsatisfied.reset();
        return Relation::inconclusive;
      }
      unsatisfied = i;
    }
  }
  return unsatisfied ? Relation::inconclusive : Relation::satisfied;
}

std::optional<std::size_t> PartialSolution::first_satisfying(const PackageState& state,
                                                             const Term& term, const Term* extra,
                                                             std::size_t limit) const {
  for (std::size_t k = 0; k < limit && k < state.accumulated.size(); ++k) {
    const bool satisfied = extra == nullptr
                               ? state.accumulated[k].satisfies(term)
                               : state.accumulated[k].intersection(*extra).satisfies(term);
    if (satisfied)
      return k;
  }
  return std::nullopt;
}

Satisfier PartialSolution::find_satisfier(const Incompatibility& incompatibility) const {
  struct Found {
    PackageId package;
    std::size_t position;  // in the package's history
    std::size_t index;     // in the whole solution
  };
  std::vector<Found> found;
  found.reserve(incompatibility.terms.size());
  std::size_t satisfier = 0;
  for (const TermEntry& entry : incompatibility.terms) {
    const PackageState& package = m_states[entry.package];
    const std::size_t position =
        first_satisfying(package, entry.term, nullptr, package.accumulated.size()).value_or(0);
    const std::size_t index = package.assignments[position];
    if (found.empty() || index > found[satisfier].index)
      satisfier = found.size();
    found.push_back(Found{entry.package, position, index});
  }
  const std::size_t satisfier_term = satisfier;
  const Found& last = found[satisfier_term];

  // The solution before the satisfier, plus the satisfier itself.
  std::optional<std::size_t> previous;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (i != satisfier_term && (!previous || found[i].index > *previous))
      previous = found[i].index;
  }
  const PackageState& package = m_states[last.package];
  const Term& own_term = incompatibility.terms[satisfier_term].term;
  const Term& satisfier_assignment = m_assignments[last.index].term;
  if (!satisfier_assignment.satisfies(own_term)) {
    if (const auto earlier =
            first_satisfying(package, own_term, &satisfier_assignment, last.position)) {
      const std::size_t index = package.assignments[*earlier];
      if (!previous || index > *previous)
        previous = index;
    }
  }
  Satisfier out;
  out.index = last.index;
  out.previous_level = previous ? m_assignments[*previous].level : 0;
  return out;
}

void PartialSolution::backtrack(std::uint32_t level) {
  while (!m_assignments.empty() && m_assignments.back().level > level) {
    PackageState& package = m_states[m_assignments.back().package];
    package.assignments.pop_back();
    package.accumulated.pop_back();
    if (m_assignments.back().is_decision())
      package.decided = false;
    m_assignments.pop_back();
  }
  m_level = level;
}

}  // namespace gator::resolver::detail

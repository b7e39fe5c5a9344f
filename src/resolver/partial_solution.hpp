#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "resolver/incompatibility.hpp"
#include "resolver/term.hpp"

// PubGrub's partial solution: the ordered assignments (decisions and derivations) with their
// decision levels, and per package the running intersection of its assignments.
namespace gator::resolver::detail {

struct Assignment {
  PackageId package = 0;
  Term term;
  std::uint32_t level = 0;
  std::optional<IncompatId> cause;  // nothing for a decision
  [[nodiscard]] bool is_decision() const { return !cause.has_value(); }
};

// Where an incompatibility became satisfied, for conflict resolution.
struct Satisfier {
  std::size_t index = 0;             // of the assignment that completed the satisfaction
  std::uint32_t previous_level = 0;  // level of the one before it (0 when there is none)
};

class PartialSolution {
 public:
  void add_decision(PackageId package, const pep440::Version& version);
  // The first decision (the root) stays at level 0; every later one opens a new level.
  void add_root_decision(const pep440::Version& version);
  void add_derivation(PackageId package, Term term, IncompatId cause);

  // Everything the solution says of a package (any version when it says nothing).
  [[nodiscard]] const Term& term(PackageId package) const;
  [[nodiscard]] bool has_assignments(PackageId package) const;
  [[nodiscard]] bool is_decided(PackageId package) const;
  [[nodiscard]] std::uint32_t level() const { return m_level; }
  [[nodiscard]] const Assignment& assignment(std::size_t index) const {
    return m_assignments[index];
  }
  // Packages that must be selected but are not decided yet, by package id.
  [[nodiscard]] std::vector<PackageId> undecided() const;
  // The decided packages with their versions.
  [[nodiscard]] std::vector<std::pair<PackageId, pep440::Version>> decisions() const;

  // satisfied / contradicted / inconclusive; for "almost satisfied" (all terms satisfied but
  // one inconclusive) `unsatisfied` receives that term's index.
  [[nodiscard]] Relation relation(const Incompatibility& incompatibility,
                                  std::optional<std::size_t>& unsatisfied) const;

  // For an incompatibility the solution satisfies.
  [[nodiscard]] Satisfier find_satisfier(const Incompatibility& incompatibility) const;

  // Removes every assignment above `level`.
  void backtrack(std::uint32_t level);

 private:
  struct PackageState {
    std::vector<std::size_t> assignments;  // indices, in order
    std::vector<Term> accumulated;         // intersection up to and including each one
    bool decided = false;
  };
  void push(Assignment assignment);
  [[nodiscard]] PackageState& state(PackageId package);
  // First index in the package's history whose running intersection, ANDed with `extra`,
  // satisfies `term`; nothing when even the whole history does not.
  [[nodiscard]] std::optional<std::size_t> first_satisfying(const PackageState& state,
                                                            const Term& term, const Term* extra,
                                                            std::size_t limit) const;

  std::vector<Assignment> m_assignments;
  std::vector<PackageState> m_states;
  std::uint32_t m_level = 0;
};

}  // namespace gator::resolver::detail

#include "resolver/solver.hpp"

#include <algorithm>
#include <utility>

namespace gator::resolver::detail {

const pep440::Version& root_version() {
  static const pep440::Version k_version = *pep440::Version::parse("0");
  return k_version;
}

Solver::Solver(std::span<const RootRequirement> roots, Provider& provider, const Target& target,
               const ResolveOptions& options)
    : m_roots(roots), m_provider(provider), m_target(target), m_options(options) {
  m_base_markers = target.markers;
  m_base_markers.extra = std::string();
  m_universe.root_name = options.root_name;
  m_universe.python = target.python.to_string();
  m_universe.packages.push_back(Package{PackageKind::root, 0, {}, options.root_name});
  m_watch.emplace_back();
  for (const RootRequirement& root : roots)
    m_root_by_name[root.requirement.package_name().str()].push_back(&root.requirement);
}

IncompatId Solver::add(Incompatibility incompatibility, bool watch) {
  const auto id = static_cast<IncompatId>(m_universe.incompatibilities.size());
  if (watch) {
    for (const TermEntry& entry : incompatibility.terms)
      m_watch[entry.package].push_back(id);
  }
  m_universe.incompatibilities.push_back(std::move(incompatibility));
  return id;
}

void Solver::watch(IncompatId id) {
  for (const TermEntry& entry : m_universe.incompatibilities[id].terms)
    m_watch[entry.package].push_back(id);
}

void Solver::unwatch(IncompatId id) {
  for (const TermEntry& entry : m_universe.incompatibilities[id].terms)
    std::erase(m_watch[entry.package], id);
}

std::expected<Resolution, NoSolution> Solver::run() {
  Incompatibility not_root;
  not_root.kind = CauseKind::not_root;
  not_root.terms.push_back(
      TermEntry{k_root_package, Term::excluding(VersionSet::exactly(root_version()))});
  add(std::move(not_root));
  if (auto unsupported = add_root_requirements())
    return std::unexpected(std::move(*unsupported));
  m_solution.add_root_decision(root_version());

  PackageId next = k_root_package;
  for (;;) {
    if (const auto failed = propagate(next))
      return std::unexpected(failure(*failed));
    const auto package = choose_package();
    if (!package)
      return resolution();
    next = decide(*package);
  }
}

// Unit propagation: derive what the incompatibilities force, starting from what changed.
std::optional<IncompatId> Solver::propagate(PackageId start) {
  std::vector<PackageId> changed{start};
  while (!changed.empty()) {
    const PackageId package = changed.back();
    changed.pop_back();
    // Newest first: learned incompatibilities are the most general. Only a conflict adds to the
    // list while we walk it, and then the walk restarts.
    for (std::size_t k = m_watch[package].size(); k-- > 0;) {
      const IncompatId id = m_watch[package][k];
      std::optional<std::size_t> unsatisfied;
      const Relation relation = m_solution.relation(m_universe.incompatibilities[id], unsatisfied);
      if (relation == Relation::satisfied) {
        const auto learned = resolve_conflict(id);
        if (!learned)
          return learned.error();
        const Incompatibility& cause = m_universe.incompatibilities[*learned];
        (void)m_solution.relation(cause, unsatisfied);
        if (!unsatisfied)
          return *learned;  // cannot happen: the learned incompatibility is almost satisfied
        const TermEntry& entry = cause.terms[*unsatisfied];
        m_solution.add_derivation(entry.package, entry.term.negate(), *learned);
        changed.assign(1, entry.package);
        break;
      }
      if (relation == Relation::inconclusive && unsatisfied) {
        const TermEntry& entry = m_universe.incompatibilities[id].terms[*unsatisfied];
        const PackageId derived = entry.package;
        m_solution.add_derivation(derived, entry.term.negate(), id);
        if (std::find(changed.begin(), changed.end(), derived) == changed.end())
          changed.push_back(derived);
      }
    }
  }
  return std::nullopt;
}

// Finds the root cause of a satisfied incompatibility and backjumps to where it is almost
// satisfied; the error is the incompatibility that proves there is no solution.
std::expected<IncompatId, IncompatId> Solver::resolve_conflict(IncompatId conflict) {
  ++m_statistics.conflicts;
  IncompatId current = conflict;
  bool learned = false;
  for (;;) {
    const Incompatibility& incompatibility = m_universe.incompatibilities[current];
    if (incompatibility.is_terminal())
      return std::unexpected(current);
    const Satisfier satisfier = m_solution.find_satisfier(incompatibility);
    const Assignment& assignment = m_solution.assignment(satisfier.index);
    if (assignment.is_decision() || satisfier.previous_level != assignment.level) {
      if (learned)
        watch(current);
      m_solution.backtrack(satisfier.previous_level);
      return current;
    }
    // Resolution of the incompatibility with the cause of its satisfier.
    const IncompatId cause_id = *assignment.cause;
    const Incompatibility& cause = m_universe.incompatibilities[cause_id];
    std::vector<TermEntry> terms;
    for (const Incompatibility* source : {&incompatibility, &cause}) {
      for (const TermEntry& entry : source->terms) {
        if (entry.package != assignment.package)
          terms.push_back(entry);
      }
    }
    const Term& own = *incompatibility.term_for(assignment.package);
    if (!assignment.term.satisfies(own))
      terms.push_back(TermEntry{assignment.package, assignment.term.difference(own).negate()});
    Incompatibility derived;
    derived.terms = normalize_terms(std::move(terms));
    derived.kind = CauseKind::derived;
    derived.cause1 = current;
    derived.cause2 = cause_id;
    current = add(std::move(derived), false);
    learned = true;
  }
}

// Exact pins first (they leave no choice), then the extras of a chosen project (they take its
// version), then the order in which packages were discovered.
std::optional<PackageId> Solver::choose_package() const {
  std::optional<PackageId> best;
  int best_rank = 3;
  for (const PackageId package : m_solution.undecided()) {
    int rank = 2;
    const Package& info = m_universe.packages[package];
    if (m_solution.term(package).set.is_pin()) {
      rank = 0;
    } else if (info.kind != PackageKind::root) {
      const Project& project = m_universe.projects[info.project];
      for (const PackageId sibling : project.packages) {
        if (sibling != package && m_solution.is_decided(sibling))
          rank = 1;
      }
    }
    if (rank < best_rank) {
      best = package;
      best_rank = rank;
    }
  }
  return best;
}

// Chooses a release for the package, or records why none can be chosen.
PackageId Solver::decide(PackageId package) {
  const VersionSet allowed = m_solution.term(package).set;
  Project& project = project_of(package);
  ensure_listed(project);
  const auto release = pick_release(package, allowed);
  if (!release) {
    Incompatibility none;
    none.kind = CauseKind::no_versions;
    none.terms.push_back(TermEntry{package, Term::including(allowed)});
    none.not_found = !project.found;
    none.unusable = unusable_in(project, allowed);
    add(std::move(none));
    return package;
  }
  const pep440::Version version = project.releases[*release].candidate.version;
  const auto deps = dependencies(package, *release);
  if (!deps) {
    Incompatibility unavailable;
    unavailable.kind = CauseKind::unavailable;
    unavailable.terms.push_back(TermEntry{package, Term::including(VersionSet::exactly(version))});
    unavailable.reason = deps.error();
    add(std::move(unavailable));
    return package;
  }
  // Do not decide a version whose dependencies the solution already contradicts: propagation
  // will rule it out instead.
  for (const std::size_t slot : (*deps)->slots) {
    const Incompatibility& dependency = m_universe.incompatibilities[m_slots[slot].current];
    std::optional<std::size_t> unsatisfied;
    const Relation relation = m_solution.relation(dependency, unsatisfied);
    if (relation == Relation::satisfied ||
        (unsatisfied && dependency.terms[*unsatisfied].package == package))
      return package;
  }
  ++m_statistics.decisions;
  m_solution.add_decision(package, version);
  return package;
}

}  // namespace gator::resolver::detail

#pragma once

#include <cstddef>
#include <expected>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "resolver/incompatibility.hpp"
#include "resolver/options.hpp"
#include "resolver/partial_solution.hpp"
#include "resolver/provider.hpp"
#include "resolver/resolution.hpp"

// The PubGrub solver (internal): packages are the root, each project ("a"), and each extra of a
// project ("a[e]", a virtual package that depends on "a" at the same version plus the extra's
// requirements).
namespace gator::resolver::detail {

enum class PackageKind : std::uint8_t { root, base, extra };

// The root's one version.
[[nodiscard]] const pep440::Version& root_version();

struct Release {
  Candidate candidate;
  Unusable unusable = Unusable::none;
  std::string unusable_detail;
  bool metadata_read = false;
  std::optional<Metadata> metadata;
  std::string metadata_error;
};

struct Project {
  pep508::PackageName name;
  bool listed = false;
  bool found = false;
  std::vector<Release> releases;    // newest first, one per version
  std::vector<PackageId> packages;  // the project and its extras
  std::optional<pep440::Version> preferred;
  std::optional<VersionSet> absent;  // once listed: every version it does not have
};

struct Package {
  PackageKind kind = PackageKind::base;
  std::size_t project = 0;
  std::string extra;    // normalized, for an extra
  std::string display;  // "a", "a[e]"
};

// The dependencies of one release of one package, built once.
struct VersionDeps {
  std::vector<std::size_t> slots;  // into Solver::m_slots
  std::vector<Dependency> edges;
  std::vector<std::string> marker_problems;
  std::string unusable;  // set: the release cannot be used, and why
};

// One dependency incompatibility, widened to a run of adjacent usable releases that share it.
struct DepSlot {
  IncompatId current = 0;
  std::size_t newest = 0;  // release indices (newest first)
  std::size_t oldest = 0;
};

// What the explanation renderer needs to know about the packages.
struct Universe {
  std::vector<Package> packages;
  std::vector<Project> projects;
  std::vector<Incompatibility> incompatibilities;
  std::string root_name;
  std::string python;  // the target's Python version, as text
};

class Solver {
 public:
  Solver(std::span<const RootRequirement> roots, Provider& provider, const Target& target,
         const ResolveOptions& options);

  [[nodiscard]] std::expected<Resolution, NoSolution> run();

 private:
  // Packages and projects (solver_packages.cpp).
  [[nodiscard]] PackageId package_for(const pep508::PackageName& name, const std::string& extra);
  [[nodiscard]] Project& project_of(PackageId package) {
    return m_universe.projects[m_universe.packages[package].project];
  }
  // Lists the project on first use; its packages learn at once that no version outside the
  // listing exists, so that ruling out its last release rules out the project.
  void ensure_listed(Project& project);
  void add_absent(PackageId package);
  void classify(Project& project);
  [[nodiscard]] bool root_pins(const Project& project, const pep440::Version& version) const;
  [[nodiscard]] bool prereleases_allowed(const Project& project) const;
  // The release to try for a package whose versions must lie in `allowed`; nothing when no
  // usable release does.
  [[nodiscard]] std::optional<std::size_t> pick_release(PackageId package,
                                                        const VersionSet& allowed);
  [[nodiscard]] std::vector<UnusableRelease> unusable_in(const Project& project,
                                                         const VersionSet& allowed) const;

  // Incompatibilities.
  IncompatId add(Incompatibility incompatibility, bool watch = true);
  void watch(IncompatId id);
  void unwatch(IncompatId id);

  // Dependencies (solver_dependencies.cpp).
  // Adds the root's dependencies; a requirement that cannot be resolved at all (a direct URL)
  // is an immediate failure.
  [[nodiscard]] std::optional<NoSolution> add_root_requirements();
  // The dependencies of a release, as incompatibilities; an error makes it unusable.
  [[nodiscard]] std::expected<const VersionDeps*, std::string> dependencies(PackageId package,
                                                                            std::size_t release);
  void add_dependency(PackageId package, std::size_t release, PackageId dependency,
                      const VersionSet& allowed, const std::string& text, VersionDeps& deps);
  void prefetch(std::vector<PrefetchHint> hints);

  // The algorithm (solver.cpp).
  [[nodiscard]] std::optional<IncompatId> propagate(PackageId start);
  [[nodiscard]] std::expected<IncompatId, IncompatId> resolve_conflict(IncompatId conflict);
  [[nodiscard]] std::optional<PackageId> choose_package() const;
  [[nodiscard]] PackageId decide(PackageId package);

  // Results (solver_result.cpp).
  [[nodiscard]] Resolution resolution() const;
  [[nodiscard]] NoSolution failure(IncompatId root_cause) const;

  std::span<const RootRequirement> m_roots;
  Provider& m_provider;
  const Target& m_target;
  const ResolveOptions& m_options;
  pep508::MarkerEnvironment m_base_markers;  // `extra` = ""

  Universe m_universe;
  std::map<std::string, std::vector<const pep508::Requirement*>> m_root_by_name;
  std::map<std::string, std::size_t> m_project_index;
  std::map<std::pair<std::size_t, std::string>, PackageId> m_package_index;
  std::vector<std::vector<IncompatId>> m_watch;  // per package, oldest first
  PartialSolution m_solution;
  std::map<std::pair<PackageId, std::size_t>, VersionDeps> m_deps;
  std::vector<DepSlot> m_slots;
  std::map<std::tuple<PackageId, PackageId, std::string>, std::size_t> m_slot_index;
  std::set<std::string> m_prefetched;  // projects already hinted
  std::vector<Dependency> m_root_edges;
  std::vector<Warning> m_root_warnings;
  Statistics m_statistics;
};

}  // namespace gator::resolver::detail

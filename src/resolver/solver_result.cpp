#include <algorithm>

#include "resolver/report.hpp"
#include "resolver/solver.hpp"

namespace gator::resolver::detail {
namespace {

[[nodiscard]] bool provides(const Metadata& metadata, const std::string& extra) {
  return std::any_of(
      metadata.provides_extra.begin(), metadata.provides_extra.end(),
      [&](const std::string& provided) { return pep508::canonicalize_name(provided) == extra; });
}

}  // namespace

Resolution Solver::resolution() const {
  Resolution out;
  out.root_dependencies = m_root_edges;
  out.warnings = m_root_warnings;
  std::map<std::size_t, ResolvedPackage> by_project;
  for (const auto& [package, version] : m_solution.decisions()) {
    const Package& info = m_universe.packages[package];
    if (info.kind == PackageKind::root)
      continue;
    const Project& project = m_universe.projects[info.project];
    std::size_t index = 0;
    while (project.releases[index].candidate.version != version)
      ++index;
    const Release& release = project.releases[index];
    auto [it, added] = by_project.try_emplace(
        info.project, ResolvedPackage{project.name, version, {}, {}, {}, {}, false});
    ResolvedPackage& resolved = it->second;
    const VersionDeps& deps = m_deps.at({package, index});
    resolved.dependencies.insert(resolved.dependencies.end(), deps.edges.begin(), deps.edges.end());
    for (const std::string& problem : deps.marker_problems)
      out.warnings.push_back(Warning{WarningKind::invalid_marker, project.name.str(),
                                     project.name.str() + " " + version.to_string() +
                                         ": a marker cannot be evaluated, so the requirement " +
                                         problem + " was skipped"});
    if (info.kind == PackageKind::extra) {
      resolved.extras.push_back(info.extra);
      if (release.metadata && !provides(*release.metadata, info.extra))
        out.warnings.push_back(Warning{WarningKind::missing_extra, project.name.str(),
                                       project.name.str() + " " + version.to_string() +
                                           " does not provide the extra '" + info.extra + "'"});
      continue;
    }
    resolved.index = release.candidate.index;
    resolved.handle = release.candidate.handle;
    resolved.yanked = release.candidate.yanked;
    if (release.candidate.yanked) {
      std::string message = project.name.str() + " " + version.to_string() + " is yanked";
      if (!release.candidate.yank_reason.empty())
        message += " (reason: " + release.candidate.yank_reason + ")";
      message += "; it is used because " + m_options.root_name + " pins it with ==";
      out.warnings.push_back(Warning{WarningKind::yanked, project.name.str(), std::move(message)});
    }
  }
  for (auto& [project, resolved] : by_project) {
    std::sort(resolved.extras.begin(), resolved.extras.end());
    std::stable_sort(resolved.dependencies.begin(), resolved.dependencies.end(),
                     [](const Dependency& a, const Dependency& b) {
                       return std::tie(a.name, a.via_extra) < std::tie(b.name, b.via_extra);
                     });
    out.packages.push_back(std::move(resolved));
  }
  std::sort(out.packages.begin(), out.packages.end(),
            [](const ResolvedPackage& a, const ResolvedPackage& b) { return a.name < b.name; });
  // A project and its extras read the same requirements: say each thing once.
  std::vector<Warning> unique;
  for (Warning& warning : out.warnings) {
    if (std::none_of(unique.begin(), unique.end(),
                     [&](const Warning& seen) { return seen.message == warning.message; }))
      unique.push_back(std::move(warning));
  }
  out.warnings = std::move(unique);
  out.statistics = m_statistics;
  return out;
}

NoSolution Solver::failure(IncompatId root_cause) const {
  NoSolution out;
  Explanation explanation = explain(m_universe, root_cause);
  out.explanation = std::move(explanation.text);
  out.hints = std::move(explanation.hints);
  out.statistics = m_statistics;
  return out;
}

}  // namespace gator::resolver::detail

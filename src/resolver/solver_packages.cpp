#include <algorithm>

#include "resolver/solver.hpp"

// Projects, their releases and which releases may be candidates.
namespace gator::resolver::detail {

PackageId Solver::package_for(const pep508::PackageName& name, const std::string& extra) {
  auto [project_it, new_project] = m_project_index.try_emplace(name.str(), 0);
  if (new_project) {
    project_it->second = m_universe.projects.size();
    Project project{name, false, false, {}, {}, std::nullopt, std::nullopt};
    if (!m_options.upgrade_all &&
        std::find(m_options.upgrade_packages.begin(), m_options.upgrade_packages.end(), name) ==
            m_options.upgrade_packages.end()) {
      for (const Preference& preference : m_options.preferences) {
        if (preference.name == name)
          project.preferred = preference.version;
      }
    }
    m_universe.projects.push_back(std::move(project));
  }
  const std::size_t project = project_it->second;
  auto [package_it, new_package] = m_package_index.try_emplace({project, extra}, 0);
  if (new_package) {
    const auto id = static_cast<PackageId>(m_universe.packages.size());
    package_it->second = id;
    Package package;
    package.kind = extra.empty() ? PackageKind::base : PackageKind::extra;
    package.project = project;
    package.extra = extra;
    package.display = extra.empty() ? name.str() : name.str() + "[" + extra + "]";
    m_universe.packages.push_back(std::move(package));
    m_universe.projects[project].packages.push_back(id);
    m_watch.emplace_back();
    if (m_universe.projects[project].listed)
      add_absent(id);
  }
  return package_it->second;
}

void Solver::ensure_listed(Project& project) {
  if (project.listed)
    return;
  project.listed = true;
  ++m_statistics.listings;
  auto candidates = m_provider.list(project.name);
  project.found = candidates.has_value();
  if (candidates) {
    std::stable_sort(candidates->begin(), candidates->end(),
                     [](const Candidate& a, const Candidate& b) { return a.version > b.version; });
    for (Candidate& candidate : *candidates) {
      // One release per version: the provider's first listing of it wins.
      if (!project.releases.empty() &&
          project.releases.back().candidate.version == candidate.version)
        continue;
      project.releases.push_back(Release{std::move(candidate), Unusable::none, {}, false, {}, {}});
    }
    classify(project);
  }
  pep440::detail::Ranges known;
  for (auto it = project.releases.rbegin(); it != project.releases.rend(); ++it) {
    const pep440::detail::Bound point = pep440::detail::at(it->candidate.version, true);
    known.push_back(pep440::detail::Range{point, point});
  }
  project.absent = VersionSet::from_ranges(std::move(known)).complement();
  for (const PackageId package : project.packages)
    add_absent(package);
}

void Solver::add_absent(PackageId package) {
  const Project& project = project_of(package);
  Incompatibility none;
  none.kind = CauseKind::no_versions;
  none.terms.push_back(TermEntry{package, Term::including(*project.absent)});
  none.not_found = !project.found;
  add(std::move(none));
}

bool Solver::root_pins(const Project& project, const pep440::Version& version) const {
  const auto it = m_root_by_name.find(project.name.str());
  if (it == m_root_by_name.end())
    return false;
  for (const pep508::Requirement* requirement : it->second) {
    for (const pep440::Specifier& spec : requirement->specifier()) {
      const bool pin = (spec.op() == pep440::Operator::equal && !spec.is_wildcard()) ||
                       spec.op() == pep440::Operator::arbitrary;
      if (pin && spec.contains(version, true))
        return true;
    }
  }
  return false;
}

bool Solver::prereleases_allowed(const Project& project) const {
  if (m_options.prereleases == Prereleases::allow)
    return true;
  if (const auto it = m_root_by_name.find(project.name.str()); it != m_root_by_name.end()) {
    for (const pep508::Requirement* requirement : it->second) {
      if (requirement->specifier().prereleases() == true)
        return true;
    }
  }
  return !project.releases.empty() &&
         std::all_of(project.releases.begin(), project.releases.end(), [](const Release& release) {
           return release.candidate.version.is_prerelease();
         });
}

// Which releases can never be chosen for this target, and why (the first reason that applies).
void Solver::classify(Project& project) {
  const bool prereleases = prereleases_allowed(project);
  for (Release& release : project.releases) {
    const Candidate& candidate = release.candidate;
    if (candidate.requires_python && !candidate.requires_python->contains(m_target.python, true)) {
      release.unusable = Unusable::requires_python;
      release.unusable_detail = candidate.requires_python->to_string();
    } else if (candidate.wheel != WheelStatus::compatible) {
      release.unusable = Unusable::no_wheel;
      if (candidate.wheel == WheelStatus::incompatible)
        release.unusable_detail = "incompatible";
      else
        release.unusable_detail = candidate.has_sdist ? "sdist" : "nothing";
    } else if (candidate.yanked && !root_pins(project, candidate.version)) {
      release.unusable = Unusable::yanked;
      release.unusable_detail = candidate.yank_reason;
    } else if (candidate.version.is_prerelease() && !prereleases) {
      release.unusable = Unusable::prerelease;
    }
  }
}

std::optional<std::size_t> Solver::pick_release(PackageId package, const VersionSet& allowed) {
  const Project& project = project_of(package);
  const auto usable = [&](std::size_t index) {
    const Release& release = project.releases[index];
    return release.unusable == Unusable::none && allowed.contains(release.candidate.version);
  };
  const auto find = [&](const pep440::Version& version) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < project.releases.size(); ++i) {
      if (project.releases[i].candidate.version == version && usable(i))
        return i;
    }
    return std::nullopt;
  };
  // The version the project's other packages (itself or its extras) already have, then the
  // preferred (locked) one, then the newest.
  for (const PackageId sibling : project.packages) {
    if (sibling != package && m_solution.is_decided(sibling)) {
      const VersionSet& decided = m_solution.term(sibling).set;
      if (const auto index = find(decided.ranges().front().lower.version()))
        return index;
    }
  }
  if (project.preferred) {
    if (const auto index = find(*project.preferred))
      return index;
  }
  for (std::size_t i = 0; i < project.releases.size(); ++i) {
    if (usable(i))
      return i;
  }
  return std::nullopt;
}

std::vector<UnusableRelease> Solver::unusable_in(const Project& project,
                                                 const VersionSet& allowed) const {
  std::vector<UnusableRelease> out;
  for (const Release& release : project.releases) {
    if (release.unusable != Unusable::none && allowed.contains(release.candidate.version))
      out.push_back(
          UnusableRelease{release.candidate.version, release.unusable, release.unusable_detail});
  }
  return out;
}

}  // namespace gator::resolver::detail

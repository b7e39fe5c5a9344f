#include <algorithm>

#include "resolver/solver.hpp"

// Requirements as incompatibilities: the root's, and those of each release (with markers
// evaluated for the target and extras as virtual packages).
namespace gator::resolver::detail {
namespace {

[[nodiscard]] std::string specifier_text(const pep440::SpecifierSet& specifiers) {
  std::string text;
  for (const pep440::Specifier& spec : specifiers) {
    if (!text.empty())
      text += ",";
    text += spec.to_string();
  }
  return text;
}

[[nodiscard]] std::string requirement_text(const pep508::PackageName& name,
                                           const std::string& extra,
                                           const pep440::SpecifierSet& specifiers) {
  std::string text = name.str();
  if (!extra.empty())
    text += "[" + extra + "]";
  return text + specifier_text(specifiers);
}

// PEP 685: extras compare in their normalized form.
[[nodiscard]] std::vector<std::string> normalized_extras(const pep508::Requirement& requirement) {
  std::vector<std::string> extras;
  for (const std::string& extra : requirement.extras())
    extras.push_back(pep508::canonicalize_name(extra));
  std::sort(extras.begin(), extras.end());
  extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
  return extras;
}

}  // namespace

std::optional<NoSolution> Solver::add_root_requirements() {
  std::vector<PrefetchHint> hints;
  for (const RootRequirement& root : m_roots) {
    const pep508::Requirement& requirement = root.requirement;
    if (requirement.marker()) {
      const auto applies = requirement.marker()->evaluate(m_base_markers);
      if (!applies) {
        m_root_warnings.push_back(
            Warning{WarningKind::invalid_marker, requirement.package_name().str(),
                    "the marker of " + requirement.to_string() + " cannot be evaluated (" +
                        applies.error().message + "); the requirement was skipped"});
        continue;
      }
      if (!*applies)
        continue;
    }
    if (requirement.url()) {
      NoSolution unsupported;
      unsupported.explanation = m_options.root_name +
                                (root.origin.empty() ? "" : " (" + root.origin + ")") +
                                " requires " + requirement.to_string() +
                                ", a direct URL reference; only packages from an index can be "
                                "locked, so " +
                                m_options.root_name + " cannot be satisfied.";
      return unsupported;
    }
    const pep508::PackageName& name = requirement.package_name();
    const VersionSet allowed = VersionSet::from_specifiers(requirement.specifier());
    std::vector<std::string> extras = normalized_extras(requirement);
    std::vector<std::string> packages{std::string()};
    packages.insert(packages.end(), extras.begin(), extras.end());
    for (const std::string& extra : packages) {
      Incompatibility incompatibility;
      incompatibility.kind = CauseKind::root_requirement;
      incompatibility.terms = normalize_terms(
          {TermEntry{k_root_package, Term::including(VersionSet::exactly(root_version()))},
           TermEntry{package_for(name, extra), Term::excluding(allowed)}});
      incompatibility.requirement = requirement_text(name, extra, requirement.specifier());
      incompatibility.origin = root.origin;
      add(std::move(incompatibility));
    }
    m_root_edges.push_back(
        Dependency{name, std::move(extras), specifier_text(requirement.specifier()), {}});
    hints.push_back(PrefetchHint{name, requirement.specifier(), std::nullopt});
  }
  prefetch(std::move(hints));
  return std::nullopt;
}

std::expected<const VersionDeps*, std::string> Solver::dependencies(PackageId package,
                                                                    std::size_t index) {
  const auto key = std::make_pair(package, index);
  if (const auto it = m_deps.find(key); it != m_deps.end()) {
    if (!it->second.unusable.empty())
      return std::unexpected(it->second.unusable);
    return &it->second;
  }
  // Copies: package_for() below may grow the package and project tables.
  const Package info = m_universe.packages[package];
  const pep508::PackageName project_name = m_universe.projects[info.project].name;
  Release& release = m_universe.projects[info.project].releases[index];
  const pep440::Version version = release.candidate.version;
  if (!release.metadata_read) {
    release.metadata_read = true;
    ++m_statistics.metadata_reads;
    auto metadata = m_provider.metadata(project_name, release.candidate);
    if (metadata)
      release.metadata = std::move(*metadata);
    else
      release.metadata_error = std::move(metadata.error());
  }
  VersionDeps deps;
  if (!release.metadata) {
    deps.unusable = "its metadata cannot be read (" + release.metadata_error + ")";
    m_deps.emplace(key, deps);
    return std::unexpected(deps.unusable);
  }
  const std::vector<pep508::Requirement> requirements = release.metadata->requires_dist;

  pep508::MarkerEnvironment extra_markers = m_base_markers;
  extra_markers.extra = info.extra;
  struct Pending {
    PackageId package;
    VersionSet allowed;
    std::string text;
  };
  std::vector<Pending> pending;
  std::vector<PrefetchHint> hints;
  for (const pep508::Requirement& requirement : requirements) {
    // A release's plain requirements belong to the project; an extra adds only what its marker
    // brings in beyond them.
    bool applies = info.kind == PackageKind::base;
    if (requirement.marker()) {
      const auto plain = requirement.marker()->evaluate(m_base_markers);
      const auto with_extra =
          info.kind == PackageKind::extra ? requirement.marker()->evaluate(extra_markers) : plain;
      if (!plain || !with_extra) {
        const auto& error = !plain ? plain.error() : with_extra.error();
        deps.marker_problems.push_back(requirement.to_string() + " (" + error.message + ")");
        continue;
      }
      applies = info.kind == PackageKind::base ? *plain : (*with_extra && !*plain);
    }
    if (!applies)
      continue;
    if (requirement.url()) {
      deps.unusable = "it depends on " + requirement.to_string() +
                      ", a direct URL reference that cannot be locked from an index";
      m_deps.emplace(key, deps);
      return std::unexpected(deps.unusable);
    }
    const pep508::PackageName& name = requirement.package_name();
    const VersionSet allowed = VersionSet::from_specifiers(requirement.specifier());
    std::vector<std::string> extras = normalized_extras(requirement);
    pending.push_back(Pending{package_for(name, ""), allowed,
                              requirement_text(name, "", requirement.specifier())});
    for (const std::string& extra : extras)
      pending.push_back(Pending{package_for(name, extra), allowed,
                                requirement_text(name, extra, requirement.specifier())});
    deps.edges.push_back(
        Dependency{name, std::move(extras), specifier_text(requirement.specifier()), info.extra});
    hints.push_back(PrefetchHint{name, requirement.specifier(), std::nullopt});
  }
  if (info.kind == PackageKind::extra)
    pending.push_back(Pending{package_for(project_name, ""), VersionSet::exactly(version),
                              project_name.str() + "==" + version.to_string()});
  for (const Pending& item : pending)
    add_dependency(package, index, item.package, item.allowed, item.text, deps);
  prefetch(std::move(hints));
  return &m_deps.emplace(key, std::move(deps)).first->second;
}

void Solver::add_dependency(PackageId package, std::size_t index, PackageId dependency,
                            const VersionSet& allowed, const std::string& text, VersionDeps& deps) {
  const Project& project = m_universe.projects[m_universe.packages[package].project];
  const pep440::Version& version = project.releases[index].candidate.version;
  if (dependency == package) {
    // A release that requires itself: harmless when it admits its own version.
    if (allowed.contains(version))
      return;
    Incompatibility self;
    self.kind = CauseKind::dependency;
    self.terms.push_back(TermEntry{package, Term::including(VersionSet::exactly(version))});
    self.requirement = text;
    deps.slots.push_back(m_slots.size());
    m_slots.push_back(DepSlot{add(std::move(self)), index, index});
    return;
  }
  // Adjacent usable releases with the same requirement share one incompatibility, so that
  // "every version of b depends on a==1.0" is learned (and explained) once.
  const auto usable = [&](std::size_t i) { return project.releases[i].unusable == Unusable::none; };
  const auto older = [&](std::size_t from) -> std::optional<std::size_t> {
    for (std::size_t i = from + 1; i < project.releases.size(); ++i) {
      if (usable(i))
        return i;
    }
    return std::nullopt;
  };
  const auto newer = [&](std::size_t from) -> std::optional<std::size_t> {
    for (std::size_t i = from; i-- > 0;) {
      if (usable(i))
        return i;
    }
    return std::nullopt;
  };
  const auto key = std::make_tuple(package, dependency, text);
  if (const auto it = m_slot_index.find(key); it != m_slot_index.end()) {
    DepSlot& slot = m_slots[it->second];
    const bool extends_older = older(slot.oldest) == index;
    const bool extends_newer = newer(slot.newest) == index;
    if (extends_older || extends_newer) {
      if (extends_older)
        slot.oldest = index;
      else
        slot.newest = index;
      Incompatibility widened = m_universe.incompatibilities[slot.current];
      for (TermEntry& entry : widened.terms) {
        if (entry.package == package)
          entry.term =
              Term::including(VersionSet::between(project.releases[slot.oldest].candidate.version,
                                                  project.releases[slot.newest].candidate.version));
      }
      unwatch(slot.current);
      slot.current = add(std::move(widened));
      deps.slots.push_back(it->second);
      return;
    }
  }
  Incompatibility incompatibility;
  incompatibility.kind = CauseKind::dependency;
  incompatibility.terms =
      normalize_terms({TermEntry{package, Term::including(VersionSet::exactly(version))},
                       TermEntry{dependency, Term::excluding(allowed)}});
  incompatibility.requirement = text;
  const std::size_t slot = m_slots.size();
  m_slots.push_back(DepSlot{add(std::move(incompatibility)), index, index});
  m_slot_index[key] = slot;
  deps.slots.push_back(slot);
}

void Solver::prefetch(std::vector<PrefetchHint> hints) {
  std::erase_if(hints, [&](const PrefetchHint& hint) {
    const auto project = m_project_index.find(hint.name.str());
    if (project != m_project_index.end() && m_universe.projects[project->second].listed)
      return true;
    return !m_prefetched.insert(hint.name.str()).second;
  });
  for (PrefetchHint& hint : hints) {
    const auto project = m_project_index.find(hint.name.str());
    if (project != m_project_index.end())
      hint.preferred = m_universe.projects[project->second].preferred;
  }
  if (!hints.empty())
    m_provider.prefetch(hints);
}

}  // namespace gator::resolver::detail

#include <algorithm>

#include "resolver/provider.hpp"

namespace gator::resolver {

InMemoryProvider::Project* InMemoryProvider::find(const pep508::PackageName& name) {
  const auto it = std::find_if(m_projects.begin(), m_projects.end(),
                               [&](const Project& project) { return project.name == name; });
  return it == m_projects.end() ? nullptr : &*it;
}

void InMemoryProvider::add_project(const pep508::PackageName& name) {
  if (find(name) == nullptr)
    m_projects.push_back(Project{name, {}});
}

void InMemoryProvider::add(const pep508::PackageName& name, Release release) {
  add_project(name);
  Project& project = *find(name);
  for (Release& existing : project.releases) {
    if (existing.candidate.version == release.candidate.version) {
      existing = std::move(release);
      return;
    }
  }
  project.releases.push_back(std::move(release));
}

std::optional<std::vector<Candidate>> InMemoryProvider::list(const pep508::PackageName& name) {
  m_listed.push_back(name.str());
  const Project* project = find(name);
  if (project == nullptr)
    return std::nullopt;
  std::vector<Candidate> candidates;
  candidates.reserve(project->releases.size());
  for (const Release& release : project->releases)
    candidates.push_back(release.candidate);
  return candidates;
}

std::expected<Metadata, std::string> InMemoryProvider::metadata(const pep508::PackageName& name,
                                                                const Candidate& candidate) {
  m_metadata_requests.push_back(name.str() + " " + candidate.version.to_string());
  const Project* project = find(name);
  if (project != nullptr) {
    for (const Release& release : project->releases) {
      if (release.candidate.version != candidate.version)
        continue;
      if (release.metadata_error)
        return std::unexpected(*release.metadata_error);
      return release.metadata;
    }
  }
  return std::unexpected("no such release: " + name.str() + " " + candidate.version.to_string());
}

void InMemoryProvider::prefetch(std::span<const PrefetchHint> hints) {
  m_hints.insert(m_hints.end(), hints.begin(), hints.end());
}

}  // namespace gator::resolver

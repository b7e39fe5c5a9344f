#include "provision/index_provider.hpp"

#include <utility>

namespace gator::provision {
namespace {

[[nodiscard]] std::string error_text(const Error& error) {
  std::string text = error.what();
  for (const std::string& cause : error.causes())
    text += ": " + cause;
  return text;
}

// Whether an error reading a release's metadata makes only that release unusable, rather than
// stopping the lock (a network failure, an integrity failure, an interruption).
[[nodiscard]] bool release_specific(const Error& error) {
  return error.kind() == ErrorKind::invalid_input;
}

}  // namespace

IndexProvider::IndexProvider(index::Finder& finder, index::MetadataFetcher& fetcher,
                             const LockTarget& target)
    : m_finder(&finder), m_fetcher(&fetcher), m_target(&target) {}

const tags::SupportedTags& IndexProvider::tags_for(const pep508::PackageName& name) const {
  // linux_<arch> wheels only where the profile pinned the project to an index (see
  // make_lock_target): the operator chose that index for that project, and PyTorch's indexes
  // tag their builds linux_x86_64. Anywhere else such a wheel is an unknown local build.
  return m_finder->policy().pin(name) != nullptr ? m_target->supported : m_target->portable;
}

const IndexProvider::Project& IndexProvider::project(const pep508::PackageName& name) {
  if (const auto it = m_projects.find(name); it != m_projects.end())
    return it->second;
  const index::ProjectFiles& files = m_finder->find(name);
  Project project;
  project.files = &files;
  if (files.found())
    project.releases = group_releases(name, files.files, tags_for(name));
  return m_projects.emplace(name, std::move(project)).first->second;
}

const index::ProjectFiles& IndexProvider::files(const pep508::PackageName& name) {
  return *project(name).files;
}

const Release* IndexProvider::release(const pep508::PackageName& name,
                                      const pep440::Version& version) {
  for (const Release& release : project(name).releases)
    if (release.version == version)
      return &release;
  return nullptr;
}

std::optional<std::vector<resolver::Candidate>> IndexProvider::list(
    const pep508::PackageName& name) {
  const Project& found = project(name);
  if (!found.files->found())
    return std::nullopt;
  std::vector<resolver::Candidate> candidates;
  candidates.reserve(found.releases.size());
  for (const Release& release : found.releases)
    candidates.push_back(to_candidate(release, found.files->index_name));
  return candidates;
}

void IndexProvider::store(const index::IndexFile& file,
                          std::expected<index::WheelMetadata, Error> result) {
  if (!result) {
    m_metadata.insert_or_assign(file.url().raw_for_request(),
                                std::unexpected(std::move(result.error())));
    return;
  }
  ++m_sources[result->source];
  resolver::Metadata metadata{std::move(result->core.requires_dist),
                              std::move(result->core.provides_extra)};
  m_metadata.insert_or_assign(file.url().raw_for_request(), std::move(metadata));
}

std::expected<resolver::Metadata, std::string> IndexProvider::metadata(
    const pep508::PackageName& name, const resolver::Candidate& candidate) {
  const Release* found = release(name, candidate.version);
  if (found == nullptr || found->best() == nullptr)
    return std::unexpected("no wheel of " + name.str() + " " + candidate.version.to_string() +
                           " for the target");
  const index::IndexFile& file = *found->best();
  auto it = m_metadata.find(file.url().raw_for_request());
  if (it == m_metadata.end()) {
    using Result = std::expected<index::WheelMetadata, Error>;
    Result result = [&]() -> Result {
      try {
        return m_fetcher->fetch(file);
      } catch (const Error& error) {
        if (error.kind() == ErrorKind::interrupted)
          throw;
        return std::unexpected(error);
      }
    }();
    store(file, std::move(result));
    it = m_metadata.find(file.url().raw_for_request());
  }
  if (it->second)
    return *it->second;
  if (release_specific(it->second.error()))
    return std::unexpected(error_text(it->second.error()));
  throw it->second.error();
}

void IndexProvider::prefetch(std::span<const resolver::PrefetchHint> hints) {
  std::vector<pep508::PackageName> names;
  for (const resolver::PrefetchHint& hint : hints)
    if (!m_projects.contains(hint.name))
      names.push_back(hint.name);
  m_finder->prefetch(names);

  const pep440::Version python = m_target->resolver_target().python;
  std::vector<const index::IndexFile*> wanted;
  for (const resolver::PrefetchHint& hint : hints) {
    const Project* found = nullptr;
    try {
      found = &project(hint.name);
    } catch (const Error& error) {
      if (error.kind() == ErrorKind::interrupted)
        throw;
      continue;  // list() reports it when the resolver asks
    }
    const auto usable = [&](const Release& release) {
      return release.best() != nullptr && !release.yanked &&
             (!release.requires_python || release.requires_python->contains(python, true));
    };
    const Release* choice = nullptr;
    if (hint.preferred)
      for (const Release& release : found->releases)
        if (release.version == *hint.preferred && usable(release))
          choice = &release;
    if (choice == nullptr)
      for (const Release& release : found->releases)
        if (usable(release) && hint.specifier.contains(release.version)) {
          choice = &release;
          break;
        }
    if (choice != nullptr && !m_metadata.contains(choice->best()->url().raw_for_request()))
      wanted.push_back(choice->best());
  }
  if (wanted.empty())
    return;
  auto results = m_fetcher->fetch_all(wanted);
  for (std::size_t i = 0; i < wanted.size(); ++i)
    store(*wanted[i], std::move(results[i]));
}

}  // namespace gator::provision

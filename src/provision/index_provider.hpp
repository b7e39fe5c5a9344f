#pragma once

#include <expected>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "index/finder.hpp"
#include "index/metadata_fetcher.hpp"
#include "provision/releases.hpp"
#include "provision/target.hpp"
#include "resolver/provider.hpp"
#include "util/error.hpp"

// The resolver's Provider over the simple-API indexes of a profile: the index policy (through
// index::Finder), only wheels the target can install as candidates, core metadata read lazily
// (sidecar, range requests) and prefetched in parallel when the resolver hints.
namespace gator::provision {

class IndexProvider final : public resolver::Provider {
 public:
  // `finder`, `fetcher` and `target` must outlive the provider.
  IndexProvider(index::Finder& finder, index::MetadataFetcher& fetcher, const LockTarget& target);

  // Throws what Finder::find throws (network failures; a pinned project missing from its
  // index is an Error(resolution)).
  [[nodiscard]] std::optional<std::vector<resolver::Candidate>> list(
      const pep508::PackageName& name) override;

  // Malformed metadata makes the release unusable (the message says why); network and
  // integrity failures are thrown.
  [[nodiscard]] std::expected<resolver::Metadata, std::string> metadata(
      const pep508::PackageName& name, const resolver::Candidate& candidate) override;

  // Fetches the hinted projects' pages in parallel, then the metadata of the release each hint
  // most likely resolves to (its preferred version, else the newest usable one it allows).
  void prefetch(std::span<const resolver::PrefetchHint> hints) override;

  // The release of a listed project; nullptr when the project or version is unknown.
  [[nodiscard]] const Release* release(const pep508::PackageName& name,
                                       const pep440::Version& version);
  // The project's files as the index policy found them (listing it when needed).
  [[nodiscard]] const index::ProjectFiles& files(const pep508::PackageName& name);

  // Metadata reads by how they were served (cache, sidecar, range requests, ...).
  [[nodiscard]] const std::map<index::MetadataSource, std::size_t>& metadata_sources() const {
    return m_sources;
  }

 private:
  struct Project {
    const index::ProjectFiles* files = nullptr;
    std::vector<Release> releases;
  };

  [[nodiscard]] const Project& project(const pep508::PackageName& name);
  [[nodiscard]] const tags::SupportedTags& tags_for(const pep508::PackageName& name) const;
  void store(const index::IndexFile& file, std::expected<index::WheelMetadata, Error> result);

  index::Finder* m_finder;
  index::MetadataFetcher* m_fetcher;
  const LockTarget* m_target;
  std::map<pep508::PackageName, Project> m_projects;
  // By the wheel's URL (credentials included: two indexes may serve one path).
  std::map<std::string, std::expected<resolver::Metadata, Error>> m_metadata;
  std::map<index::MetadataSource, std::size_t> m_sources;
};

}  // namespace gator::provision

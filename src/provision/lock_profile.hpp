#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <vector>

#include "http/observer.hpp"
#include "http/options.hpp"
#include "index/metadata_fetcher.hpp"
#include "index/policy.hpp"
#include "lock/lockfile.hpp"
#include "pep508/name.hpp"
#include "profile/profile.hpp"
#include "provision/indexes.hpp"
#include "provision/target.hpp"
#include "resolver/resolution.hpp"

// `gator-provision lock`: resolve a profile for its target and describe the result as a PEP 751
// lock file, with every wheel of every locked release that the target can install.
namespace gator::provision {

struct LockOptions {
  // HTTP cache, metadata cache and wheel store (wheels downloaded to hash them are kept there
  // for the install); empty: none.
  std::filesystem::path cache_dir;
  bool offline = false;      // only the cache and file:// indexes
  http::ClientOptions http;  // cache_dir and offline are taken from the fields above
  http::Observer* observer = nullptr;
  std::vector<IndexOverride> index_overrides;
  // The lock being replaced: its versions are preferred, and the hashes it recorded for files
  // the index gives none for are reused (same URL and size) instead of downloading them again.
  const lock::Lockfile* previous = nullptr;
  bool upgrade = false;                               // prefer nothing, re-hash everything
  std::vector<pep508::PackageName> upgrade_packages;  // the same for these
};

struct LockStatistics {
  resolver::Statistics resolver;
  std::size_t wheels = 0;
  std::size_t hashes_from_index = 0;
  std::size_t hashes_reused = 0;    // from the previous lock
  std::size_t hashes_computed = 0;  // downloaded and hashed
  std::map<index::MetadataSource, std::size_t> metadata;
};

struct LockOutcome {
  lock::Lockfile lockfile;
  std::vector<resolver::Warning> warnings;
  LockStatistics statistics;
};

// What [tool.gator-provision] says about a lock of `profile` for `target` with `policy`: what
// `lock --check` compares with the lock file's.
[[nodiscard]] lock::GatorFacts gator_facts(const profile::Profile& profile,
                                           const LockTarget& target,
                                           const index::IndexPolicy& policy);

// The profile's requirements (for lock::check_freshness).
[[nodiscard]] std::vector<pep508::Requirement> profile_requirements(
    const profile::Profile& profile);

// Resolves `profile` for `target` and builds its lock file (not written). Throws
// Error(resolution) with the resolver's explanation when the requirements cannot be satisfied
// (or a pinned project is missing from its index), Error(network) when an index or file cannot
// be fetched, Error(usage) for a bad override, Error(integrity) for a size mismatch.
[[nodiscard]] LockOutcome lock_profile(const profile::Profile& profile, const LockTarget& target,
                                       const LockOptions& options);

}  // namespace gator::provision

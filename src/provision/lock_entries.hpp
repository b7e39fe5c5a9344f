#pragma once

#include <filesystem>
#include <vector>

#include "http/client.hpp"
#include "index/policy.hpp"
#include "lock/lockfile.hpp"
#include "provision/index_provider.hpp"
#include "provision/lock_profile.hpp"
#include "resolver/resolution.hpp"

// Internal to lock_profile: the [[packages]] entries of a resolution.
namespace gator::provision {

struct EntryContext {
  IndexProvider& provider;
  const index::IndexPolicy& policy;
  const LockOptions& options;
};

// One entry per resolved package: version, index, the dependencies among the locked packages,
// and every wheel of the release the target can install with its URL, size, upload time and
// sha256 (taken from the index, else from the previous lock for the same URL and size, else
// computed by downloading the file). In resolution order.
[[nodiscard]] std::vector<lock::Package> lock_entries(const resolver::Resolution& resolution,
                                                      const EntryContext& context,
                                                      http::Client& client,
                                                      LockStatistics& statistics);

}  // namespace gator::provision

#pragma once

#include <span>
#include <string>
#include <vector>

#include "lock/lockfile.hpp"
#include "pep508/environment.hpp"
#include "pep508/requirement.hpp"

// Whether a lock file still fits its profile, for `lock --check` and `apply --locked`. Pure.
namespace gator::lock {

struct Freshness {
  // Why the lock is stale, one sentence each; empty when it is fresh.
  std::vector<std::string> reasons;
  [[nodiscard]] bool fresh() const { return reasons.empty(); }
};

// Compares the lock's [tool.gator-provision] with `expected` (what the profile says now: name,
// digest, target, indexes, pinned sources) and checks that every requirement whose marker holds
// in `environment` is satisfied by a locked version (pre-releases and local labels allowed, as
// the lock pins exact versions). Requirements' extras are not followed: the profile digest
// covers changes to them.
[[nodiscard]] Freshness check_freshness(const Lockfile& lockfile, const GatorFacts& expected,
                                        std::span<const pep508::Requirement> requirements,
                                        const pep508::MarkerEnvironment& environment);

}  // namespace gator::lock

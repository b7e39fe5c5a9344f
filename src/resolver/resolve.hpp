#pragma once

#include <expected>
#include <span>

#include "resolver/options.hpp"
#include "resolver/provider.hpp"
#include "resolver/resolution.hpp"

// PubGrub version solving for one target: which release of every package the profile needs.
namespace gator::resolver {

// Resolves the root requirements for the target. Candidates are tried newest first (a
// preference first); pre-releases, yanked releases, releases whose Requires-Python excludes the
// target and releases without a wheel for the target are skipped as documented in
// ResolveOptions and explained on failure. Pure apart from the provider's calls; a provider's
// exception (e.g. a network failure) propagates.
[[nodiscard]] std::expected<Resolution, NoSolution> resolve(std::span<const RootRequirement> roots,
                                                            Provider& provider,
                                                            const Target& target,
                                                            const ResolveOptions& options = {});

}  // namespace gator::resolver

#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "index/policy.hpp"
#include "lock/lockfile.hpp"
#include "profile/profile.hpp"

// The profile's indexes as the index module's policy, with `--index NAME=URL` overrides (a
// fleet mirror, a local replica) applied.
namespace gator::provision {

struct IndexOverride {
  std::string name;
  std::string url;  // may hold credentials: only ever used through http::RedactedUrl
};

// "NAME=URL"; the message says what is wrong.
[[nodiscard]] std::expected<IndexOverride, std::string> parse_index_override(std::string_view text);

// The profile's [[index]] list (URLs replaced by `overrides`, which must name indexes of the
// profile) and its [requirements] sources as pins naming the profile line. Throws
// Error(usage) for an override naming no index or with a malformed URL, and
// Error(invalid_input) when the profile's URLs or sources are unusable.
[[nodiscard]] index::IndexPolicy make_index_policy(const profile::Profile& profile,
                                                   std::span<const IndexOverride> overrides);

// The URL a lock file records for an index or a file: the same URL without credentials.
[[nodiscard]] std::string lock_url(const http::RedactedUrl& url);

// [tool.gator-provision] indexes and sources of a lock made with `policy`.
[[nodiscard]] std::vector<lock::IndexFact> index_facts(const index::IndexPolicy& policy);

}  // namespace gator::provision

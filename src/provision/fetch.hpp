#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "cache/cache.hpp"
#include "http/observer.hpp"
#include "http/options.hpp"
#include "lock/select.hpp"

// The download step of `apply`: every wheel of an install plan into the content-addressed cache,
// verified. Wheels already in the cache cost no request at all.
namespace gator::provision {

struct FetchOptions {
  http::ClientOptions http;  // offline, TLS, retries, cancellation
  http::Observer* observer = nullptr;
  // The lock file, for messages; a wheel's `path` is relative to its directory (PEP 751).
  std::filesystem::path lock_file;
};

struct FetchStatistics {
  std::size_t cached = 0;      // already in the cache
  std::size_t downloaded = 0;  // fetched over HTTP (or file://)
  std::size_t imported = 0;    // copied from a local `path`
  std::uint64_t bytes = 0;     // body bytes received
};

struct FetchResult {
  std::vector<std::filesystem::path> files;  // per planned wheel, in plan order: a cache entry
  FetchStatistics statistics;
};

// Puts every wheel of `wheels` into `cache`: found by sha256, else copied from its `path`, else
// downloaded in parallel with the sha256 computed while the bytes stream to a staging file,
// which is renamed into the cache only when its size (when the lock records one) and sha256
// match the lock. Interrupted downloads resume by byte range on the next run. Concurrent runs
// serialise per wheel on the cache's entry locks, so each wheel is downloaded once.
// Throws gator::Error: integrity (a wheel without sha256 in the lock: hashes are required; a
// size or hash mismatch, naming the file, the redacted URL, expected and actual and the lock
// line), network (after retries; all failures listed), io, interrupted.
[[nodiscard]] FetchResult fetch_wheels(cache::Cache& cache,
                                       std::span<const lock::PlannedWheel> wheels,
                                       const FetchOptions& options);

}  // namespace gator::provision

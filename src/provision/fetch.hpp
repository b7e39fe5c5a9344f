#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "cache/cache.hpp"
#include "http/observer.hpp"
#include "http/options.hpp"
#include "lock/select.hpp"

// The download step of `apply`: every wheel of an install plan found in the content-addressed
// cache, or in a local wheelhouse, or downloaded into the cache and verified. Wheels already in
// the cache cost no request at all.
namespace gator::provision {

struct FetchOptions {
  http::ClientOptions http;  // offline, TLS, retries, cancellation
  http::Observer* observer = nullptr;
  // The lock file, for messages; a wheel's `path` is relative to its directory (PEP 751).
  std::filesystem::path lock_file;
};

struct FetchStatistics {
  std::size_t cached = 0;      // already in the cache
  std::size_t downloaded = 0;  // fetched over HTTP
  std::size_t local = 0;       // used where they are: a `path` or a file:// URL
  std::uint64_t bytes = 0;     // body bytes received
};

struct FetchedWheel {
  std::filesystem::path file;
  // false for a local wheel (a `path` or a file:// URL): it is read where it is, not copied into
  // the cache, and its digest must be checked (check_local_wheel) before anything made from it
  // is kept. true for a cache entry, which was verified when it was stored.
  bool verified = true;
};

struct FetchResult {
  std::vector<FetchedWheel> files;  // per planned wheel, in plan order
  FetchStatistics statistics;
};

// Finds every wheel of `wheels`: in `cache` by sha256; else, for a local wheel, where it is;
// else downloaded in parallel with the sha256 computed while the bytes stream to a staging
// file, which is renamed into the cache only when its size (when the lock records one) and
// sha256 match the lock. Interrupted downloads resume by byte range on the next run.
// Concurrent runs serialise per wheel on the cache's entry locks, so each wheel is downloaded
// once. Throws gator::Error: integrity (a wheel without sha256 in the lock: hashes are
// required; a size or hash mismatch, naming the file, the redacted URL, expected and actual
// and the lock line), network (after retries; all failures listed), io, interrupted.
[[nodiscard]] FetchResult fetch_wheels(cache::Cache& cache,
                                       std::span<const lock::PlannedWheel> wheels,
                                       const FetchOptions& options);

// Checks a local wheel's digest, computed while it was read, against the lock; throws the same
// gator::Error(integrity) as fetch_wheels for a mismatch, naming the file and the lock line.
void check_local_wheel(const lock::PlannedWheel& planned, const FetchedWheel& wheel,
                       const cache::FileDigest& actual, const FetchOptions& options);

}  // namespace gator::provision

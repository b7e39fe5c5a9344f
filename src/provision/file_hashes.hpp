#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cache/sha256_hasher.hpp"
#include "http/client.hpp"
#include "http/url.hpp"

// The sha256 of files an index lists without one: every file a lock records needs it, and the
// only way to know it is to read the bytes (PEP 751; the PyTorch indexes give no hashes).
namespace gator::provision {

struct HashRequest {
  std::string filename;
  http::RedactedUrl url;
  std::optional<std::uint64_t> size;  // what the index says, checked against the bytes
};

// Downloads the files in parallel and hashes them. With a `cache_dir` each download is kept in
// the content-addressed wheel store (cache module), so that installing the lock later does not
// download it again; without one it goes to a temporary directory and is removed. file:// URLs
// are hashed in place. Results in request order. Throws Error(network) when a file cannot be
// downloaded, Error(integrity) when its size is not what the index says, Error(io).
[[nodiscard]] std::vector<cache::FileDigest> hash_files(http::Client& client,
                                                        std::span<const HashRequest> files,
                                                        const std::filesystem::path& cache_dir);

}  // namespace gator::provision

#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include "dist/sha256.hpp"
#include "util/sha256.hpp"

// The cache's view of util's SHA-256: digests as dist::Sha256 values (the vocabulary of the
// lockfile and the store's file names) rather than raw bytes.
namespace gator::cache {

class Sha256Hasher {
 public:
  void update(std::span<const std::byte> bytes) { m_hasher.update(bytes); }
  void update(std::string_view bytes) { m_hasher.update(bytes); }

  // Bytes fed since construction or the last finish().
  [[nodiscard]] std::uint64_t size() const { return m_hasher.size(); }

  // The digest of everything fed so far; the hasher starts over afterwards.
  [[nodiscard]] dist::Sha256 finish() { return dist::Sha256::from_bytes(m_hasher.finish()); }

 private:
  util::Sha256Hasher m_hasher;
};

struct FileDigest {
  dist::Sha256 sha256;
  std::uint64_t size = 0;

  friend bool operator==(const FileDigest&, const FileDigest&) = default;
};

// util's digest (e.g. http::Response::sha256 of a streamed download) as the cache keeps it.
[[nodiscard]] FileDigest to_file_digest(const util::Sha256Digest& digest);

[[nodiscard]] dist::Sha256 sha256_of(std::string_view bytes);

// Reads the whole file; throws gator::Error(io) naming the path when it cannot be read.
[[nodiscard]] FileDigest hash_file(const std::filesystem::path& path);

// Hashes from the current offset of an open descriptor to its end; `path` is for messages.
[[nodiscard]] FileDigest hash_descriptor(int fd, const std::filesystem::path& path);

}  // namespace gator::cache

#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

#include "dist/sha256.hpp"

// Streaming SHA-256 (OpenSSL, private to this module). It lives here because the cache is the
// first module that hashes; move it to util when a lower module needs it.
namespace gator::cache {

class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(Sha256Hasher&&) noexcept;
  Sha256Hasher& operator=(Sha256Hasher&&) noexcept;
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void update(std::span<const std::byte> bytes);
  void update(std::string_view bytes);

  // Bytes fed since construction or the last finish().
  [[nodiscard]] std::uint64_t size() const { return m_size; }

  // The digest of everything fed so far; the hasher starts over afterwards.
  [[nodiscard]] dist::Sha256 finish();

 private:
  struct State;
  std::unique_ptr<State> m_state;
  std::uint64_t m_size = 0;
};

struct FileDigest {
  dist::Sha256 sha256;
  std::uint64_t size = 0;

  friend bool operator==(const FileDigest&, const FileDigest&) = default;
};

[[nodiscard]] dist::Sha256 sha256_of(std::string_view bytes);

// Reads the whole file; throws gator::Error(io) naming the path when it cannot be read.
[[nodiscard]] FileDigest hash_file(const std::filesystem::path& path);

// Hashes from the current offset of an open descriptor to its end; `path` is for messages.
[[nodiscard]] FileDigest hash_descriptor(int fd, const std::filesystem::path& path);

}  // namespace gator::cache

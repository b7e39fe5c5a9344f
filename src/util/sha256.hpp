#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// SHA-256 and other digests (OpenSSL's libcrypto, private to util: no OpenSSL type appears here).
// Modules that keep digests as values (dist::Sha256, cache::FileDigest) build them from these.
namespace gator::util {

// A finished SHA-256 with the number of bytes it covers.
struct Sha256Digest {
  std::array<std::uint8_t, 32> bytes{};
  std::uint64_t size = 0;

  friend bool operator==(const Sha256Digest&, const Sha256Digest&) = default;
};

// Streaming SHA-256. Throws gator::Error(internal) only when OpenSSL itself fails.
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

  // The digest of everything fed so far; the hasher starts over afterwards (size() is 0 again,
  // so read it first).
  [[nodiscard]] std::array<std::uint8_t, 32> finish();

  // finish() together with the size it covers.
  [[nodiscard]] Sha256Digest finish_digest();

 private:
  struct State;
  std::unique_ptr<State> m_state;
  std::uint64_t m_size = 0;
};

// Feeds the bytes from the current offset of the open descriptor `fd` to its end into `hasher`;
// `path` names the file in errors. Throws gator::Error(io) when the read fails.
void update_from_descriptor(Sha256Hasher& hasher, int fd, const std::filesystem::path& path);

// Feeds a whole file into `hasher`; throws gator::Error(io) naming the path.
void update_from_file(Sha256Hasher& hasher, const std::filesystem::path& path);

// Hashes from the current offset of an open descriptor to its end; `path` is for messages.
[[nodiscard]] Sha256Digest hash_descriptor(int fd, const std::filesystem::path& path);

// Hashes the whole file behind `fd` with pread(2), leaving the descriptor's offset alone, so that
// other threads may read the same descriptor meanwhile; `path` is for messages.
[[nodiscard]] Sha256Digest hash_whole_descriptor(int fd, const std::filesystem::path& path);

// Reads the whole file; throws gator::Error(io) naming the path when it cannot be read.
[[nodiscard]] Sha256Digest hash_file(const std::filesystem::path& path);

[[nodiscard]] Sha256Digest sha256_of(std::string_view bytes);

// Lower-case hex, two characters per byte.
[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);

// The lower-case hex digest of `data` with the digest OpenSSL knows by `algorithm` ("sha256",
// "sha512", "md5", "blake2b512", ...); nothing for a name it does not know. For checking the
// hashes an index publishes in whatever algorithm it chose.
[[nodiscard]] std::optional<std::string> hex_digest(std::string_view algorithm,
                                                    std::string_view data);

}  // namespace gator::util

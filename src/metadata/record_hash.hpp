#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

// The hash field of a RECORD row: "<algorithm>=<digest in urlsafe base64 without padding>"
// (recording installed projects spec; the wheel spec requires sha256 or better and forbids md5
// and sha1).
namespace gator::metadata {

using Sha256Digest = std::array<std::uint8_t, 32>;

enum class HashAlgorithm {
  md5,
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
  sha3_224,
  sha3_256,
  sha3_384,
  sha3_512,
  blake2b,
  blake2s,
  shake_128,
  shake_256,
  unknown,
};

enum class HashStrength {
  acceptable,  // sha256 or better
  weak,        // md5, sha1 and other digests shorter than 256 bits: not permitted in wheels
  unknown,     // not a fixed-length hashlib algorithm: cannot be checked
};

// Names as in Python's hashlib.algorithms_guaranteed ("sha3_256", "blake2b"), case-sensitive.
[[nodiscard]] HashAlgorithm hash_algorithm_from_name(std::string_view name);
[[nodiscard]] HashStrength hash_strength(HashAlgorithm algorithm);
// Digest length in bytes, or nullopt for the variable-length and unknown algorithms.
[[nodiscard]] std::optional<std::size_t> digest_size(HashAlgorithm algorithm);

struct RecordHash {
  std::string algorithm_name;  // as written
  HashAlgorithm algorithm = HashAlgorithm::unknown;
  std::vector<std::uint8_t> digest;

  [[nodiscard]] HashStrength strength() const { return hash_strength(algorithm); }
  friend bool operator==(const RecordHash&, const RecordHash&) = default;
};

// Decodes "sha256=Y0sC...". Errors point into `text`: a missing '=', a digest that is not
// urlsafe base64 (trailing '=' padding is tolerated), or the wrong length for the algorithm.
[[nodiscard]] std::expected<RecordHash, util::ParseError> parse_record_hash(std::string_view text);

// "sha256=" + urlsafe base64 without padding.
[[nodiscard]] std::string format_sha256(const Sha256Digest& digest);
[[nodiscard]] std::string format_record_hash(std::string_view algorithm_name,
                                             std::span<const std::uint8_t> digest);

[[nodiscard]] std::string encode_base64url_nopad(std::span<const std::uint8_t> bytes);
// Strict: the urlsafe alphabet, no bits left over; trailing '=' padding is accepted.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> decode_base64url_nopad(
    std::string_view text);

}  // namespace gator::metadata

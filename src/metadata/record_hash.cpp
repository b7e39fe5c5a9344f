#include "metadata/record_hash.hpp"

namespace gator::metadata {
namespace {

constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

struct AlgorithmInfo {
  std::string_view name;
  HashAlgorithm algorithm;
  HashStrength strength;
  std::size_t size;  // 0: variable length
};

constexpr std::array<AlgorithmInfo, 14> k_algorithms{{
    {"md5", HashAlgorithm::md5, HashStrength::weak, 16},
    {"sha1", HashAlgorithm::sha1, HashStrength::weak, 20},
    {"sha224", HashAlgorithm::sha224, HashStrength::weak, 28},
    {"sha256", HashAlgorithm::sha256, HashStrength::acceptable, 32},
    {"sha384", HashAlgorithm::sha384, HashStrength::acceptable, 48},
    {"sha512", HashAlgorithm::sha512, HashStrength::acceptable, 64},
    {"sha3_224", HashAlgorithm::sha3_224, HashStrength::weak, 28},
    {"sha3_256", HashAlgorithm::sha3_256, HashStrength::acceptable, 32},
    {"sha3_384", HashAlgorithm::sha3_384, HashStrength::acceptable, 48},
    {"sha3_512", HashAlgorithm::sha3_512, HashStrength::acceptable, 64},
    {"blake2b", HashAlgorithm::blake2b, HashStrength::acceptable, 64},
    {"blake2s", HashAlgorithm::blake2s, HashStrength::acceptable, 32},
    // hashlib's shake digests need a length, which RECORD cannot state: not checkable.
    {"shake_128", HashAlgorithm::shake_128, HashStrength::unknown, 0},
    {"shake_256", HashAlgorithm::shake_256, HashStrength::unknown, 0},
}};

[[nodiscard]] const AlgorithmInfo* find_info(HashAlgorithm algorithm) {
  for (const AlgorithmInfo& info : k_algorithms) {
    if (info.algorithm == algorithm)
      return &info;
  }
  return nullptr;
}

[[nodiscard]] int decode_char(char c) {
  const std::size_t index = k_alphabet.find(c);
  return index == std::string_view::npos ? -1 : static_cast<int>(index);
}

}  // namespace

HashAlgorithm hash_algorithm_from_name(std::string_view name) {
  for (const AlgorithmInfo& info : k_algorithms) {
    if (info.name == name)
      return info.algorithm;
  }
  return HashAlgorithm::unknown;
}

HashStrength hash_strength(HashAlgorithm algorithm) {
  const AlgorithmInfo* info = find_info(algorithm);
  return info == nullptr ? HashStrength::unknown : info->strength;
}

std::optional<std::size_t> digest_size(HashAlgorithm algorithm) {
  const AlgorithmInfo* info = find_info(algorithm);
  if (info == nullptr || info->size == 0)
    return std::nullopt;
  return info->size;
}

std::string encode_base64url_nopad(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned chunk =
        (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8) | bytes[i + 2];
    out += k_alphabet[(chunk >> 18) & 63];
    out += k_alphabet[(chunk >> 12) & 63];
    out += k_alphabet[(chunk >> 6) & 63];
    out += k_alphabet[chunk & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned chunk = unsigned{bytes[i]} << 16;
    if (rest == 2)
      chunk |= unsigned{bytes[i + 1]} << 8;
    out += k_alphabet[(chunk >> 18) & 63];
    out += k_alphabet[(chunk >> 12) & 63];
    if (rest == 2)
      out += k_alphabet[(chunk >> 6) & 63];
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> decode_base64url_nopad(std::string_view text) {
  // Up to two '=' of padding, only where padding belongs.
  std::size_t padding = 0;
  while (!text.empty() && text.back() == '=' && padding < 2) {
    text.remove_suffix(1);
    ++padding;
  }
  if (padding > 0 && (text.size() + padding) % 4 != 0)
    return std::nullopt;
  if (text.size() % 4 == 1)
    return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = decode_char(c);
    if (value < 0)
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
    }
  }
  // Leftover bits must be zero, so that every digest has exactly one spelling.
  if ((buffer & ((1u << bits) - 1)) != 0)
    return std::nullopt;
  return out;
}

std::expected<RecordHash, util::ParseError> parse_record_hash(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return std::unexpected(util::ParseError::at(
        text, 0, text.size(), "hash must be written as <algorithm>=<urlsafe base64 digest>"));
  }
  RecordHash hash;
  hash.algorithm_name = std::string(text.substr(0, equals));
  hash.algorithm = hash_algorithm_from_name(hash.algorithm_name);
  const std::string_view encoded = text.substr(equals + 1);
  auto digest = decode_base64url_nopad(encoded);
  if (!digest) {
    return std::unexpected(util::ParseError::at(
        text, equals + 1, encoded.size(),
        "hash digest is not urlsafe base64 without padding (alphabet A-Z a-z 0-9 - _)"));
  }
  const auto expected_size = digest_size(hash.algorithm);
  if (expected_size && digest->size() != *expected_size) {
    return std::unexpected(util::ParseError::at(
        text, equals + 1, encoded.size(),
        "a " + hash.algorithm_name + " digest has " + std::to_string(*expected_size) +
            " bytes, this one has " + std::to_string(digest->size())));
  }
  hash.digest = std::move(*digest);
  return hash;
}

std::string format_record_hash(std::string_view algorithm_name,
                               std::span<const std::uint8_t> digest) {
  std::string out(algorithm_name);
  out += '=';
  out += encode_base64url_nopad(digest);
  return out;
}

std::string format_sha256(const Sha256Digest& digest) {
  return format_record_hash("sha256", digest);
}

}  // namespace gator::metadata

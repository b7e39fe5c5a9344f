#include "index/digest.hpp"

#include "util/sha256.hpp"

namespace gator::index {

std::optional<std::string> hex_digest(std::string_view algorithm, std::string_view data) {
  if (algorithm == "sha256") {
    const util::Sha256Digest digest = util::sha256_of(data);
    return util::to_hex(digest.bytes);
  }
  // Python's hashlib (and so the indexes) says "blake2b" for OpenSSL's "blake2b512".
  return util::hex_digest(algorithm == "blake2b" ? "blake2b512" : algorithm, data);
}

std::string check_hashes(const FileHashes& hashes, std::string_view data) {
  const auto compare = [&](const std::string& algorithm,
                           const std::string& expected) -> std::optional<std::string> {
    const std::optional<std::string> actual = hex_digest(algorithm, data);
    if (!actual)
      return std::nullopt;
    if (*actual == expected)
      return std::string();
    return "expected " + algorithm + ":" + expected + ", got " + algorithm + ":" + *actual;
  };
  if (hashes.sha256) {
    if (auto result = compare("sha256", hashes.sha256->to_string()))
      return *result;
  }
  for (const auto& [algorithm, expected] : hashes.other) {
    if (auto result = compare(algorithm, expected))
      return *result;
  }
  return {};
}

}  // namespace gator::index

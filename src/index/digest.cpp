#include "index/digest.hpp"

#include <array>
#include <memory>

#include <openssl/evp.h>

namespace gator::index {

std::optional<std::string> hex_digest(std::string_view algorithm, std::string_view data) {
  const std::string name(algorithm == "blake2b" ? "blake2b512" : algorithm);
  const EVP_MD* md = EVP_get_digestbyname(name.c_str());
  if (md == nullptr)
    return std::nullopt;
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                        &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!context || EVP_DigestInit_ex(context.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1) {
    return std::nullopt;
  }
  constexpr std::string_view k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(std::size_t{length} * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += k_hex[digest[i] >> 4];
    out += k_hex[digest[i] & 0x0f];
  }
  return out;
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

#include "dist/sha256.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace gator::dist {
namespace {

constexpr char k_hex_digits[] = "0123456789abcdef";

int hex_value(char c) {
  if (util::is_ascii_digit(c))
    return c - '0';
  const char lower = util::ascii_lower(c);
  if (lower >= 'a' && lower <= 'f')
    return lower - 'a' + 10;
  return -1;
}

}  // namespace

std::expected<Sha256, util::ParseError> Sha256::parse(std::string_view hex) {
  for (std::size_t i = 0; i < hex.size() && i < k_hex_length; ++i) {
    if (hex_value(hex[i]) < 0)
      return std::unexpected(util::ParseError::at(
          hex, i, 1, "invalid sha256 digest: expected a hex digit (0-9, a-f)"));
  }
  if (hex.size() != k_hex_length)
    return std::unexpected(util::ParseError::at(
        hex, std::min(hex.size(), k_hex_length), hex.size() > k_hex_length ? hex.size() - 64 : 0,
        "invalid sha256 digest: expected 64 hex characters, found " + std::to_string(hex.size())));
  return Sha256(util::ascii_lower(hex));
}

Sha256 Sha256::from_bytes(std::span<const std::uint8_t, 32> digest) {
  std::string hex;
  hex.reserve(k_hex_length);
  for (const std::uint8_t byte : digest) {
    hex += k_hex_digits[byte >> 4];
    hex += k_hex_digits[byte & 0x0F];
  }
  return Sha256(std::move(hex));
}

std::array<std::uint8_t, 32> Sha256::bytes() const {
  std::array<std::uint8_t, 32> out{};
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::uint8_t>(hex_value(m_hex[2 * i]) * 16 + hex_value(m_hex[2 * i + 1]));
  return out;
}

}  // namespace gator::dist

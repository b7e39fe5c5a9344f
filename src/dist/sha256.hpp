#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "util/parse_error.hpp"

namespace gator::dist {

// A SHA-256 digest as the packaging standards write it: 64 lower-case hex characters. A value,
// not a hasher: util computes digests, this type keeps them from being mixed up with other
// strings.
class Sha256 {
 public:
  static constexpr std::size_t k_hex_length = 64;

  // 64 hex characters; upper-case input is accepted and stored lower-case.
  [[nodiscard]] static std::expected<Sha256, util::ParseError> parse(std::string_view hex);
  [[nodiscard]] static Sha256 from_bytes(std::span<const std::uint8_t, 32> digest);

  [[nodiscard]] const std::string& to_string() const { return m_hex; }
  [[nodiscard]] std::array<std::uint8_t, 32> bytes() const;

  friend bool operator==(const Sha256&, const Sha256&) = default;
  friend std::strong_ordering operator<=>(const Sha256&, const Sha256&) = default;

 private:
  explicit Sha256(std::string hex) : m_hex(std::move(hex)) {}
  std::string m_hex;
};

}  // namespace gator::dist

template <>
struct std::hash<gator::dist::Sha256> {
  std::size_t operator()(const gator::dist::Sha256& digest) const noexcept {
    return std::hash<std::string>{}(digest.to_string());
  }
};

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/version.hpp"

// The byte encoding behind Version (internal to pep440).
//
// Key layout, chosen so that memcmp order is PEP 440 order (packaging's _cmpkey):
//   NUM(epoch)
//   NUM(c) for each release component up to the last non-zero one, then 0x00
//   pre slot:  0x01 (dev release without pre/post: sorts before any pre-release)
//              0x02/0x03/0x04 NUM(n) for a/b/rc, 0x05 (no pre-release)
//   post slot: 0x00 (none) | 0x01 NUM(n)
//   dev slot:  0x00 NUM(n) | 0x01 (none)
//   local:     0x00 (none) | 0x01 {0x01 lower-case text 0x00 | 0x02 NUM(n)}... 0x00
// followed (outside the key) by NUM(number of trailing zero release components).
//
// NUM(n), with n given as decimal digits: one byte n+1 for n <= 198; otherwise 200+L and the L
// digits for L <= 50 digits; otherwise 251, L as 8 big-endian bytes, and the digits. Never 0x00.
namespace gator::pep440::detail {

struct LocalPart {
  bool numeric = false;
  std::string text;  // lower-case letters/digits, or canonical digits when numeric
};

// A version as plain components; numbers are canonical decimal digits ("0", "12").
struct Components {
  std::string epoch = "0";
  std::vector<std::string> release;
  std::optional<PreKind> pre_kind;
  std::string pre_number;
  std::optional<std::string> post;
  std::optional<std::string> dev;
  std::optional<std::vector<LocalPart>> local;
};

// Digits without leading zeros ("" and "000" become "0").
[[nodiscard]] std::string canonical_digits(std::string_view digits);
// Decimal n + 1 for canonical digits.
[[nodiscard]] std::string increment_digits(std::string_view digits);
// Saturating conversion.
[[nodiscard]] std::uint64_t digits_to_u64(std::string_view digits);

struct VersionCodec {
  [[nodiscard]] static Version encode(const Components& components);
  [[nodiscard]] static Components decode(const Version& version);
};

}  // namespace gator::pep440::detail

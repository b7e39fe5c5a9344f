#pragma once

#include <compare>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "util/parse_error.hpp"

namespace gator::dist {

// A wheel's optional build tag (PEP 427): it starts with a digit; it sorts as the number its
// leading digits form, then as the rest of the text. The number is unbounded, as in Python.
class BuildTag {
 public:
  // "1000abc" -> 1000 and "abc". Like packaging's `(\d+)(.*)` match, the suffix ends at a line
  // feed (whatever follows it is dropped).
  [[nodiscard]] static std::expected<BuildTag, util::ParseError> parse(std::string_view text);

  // The leading number without leading zeros ("0" for zero).
  [[nodiscard]] const std::string& digits() const { return m_digits; }
  // The leading number, or nothing when it does not fit in 64 bits.
  [[nodiscard]] std::optional<std::uint64_t> number() const;
  [[nodiscard]] const std::string& suffix() const { return m_suffix; }
  // Number then suffix, as a filename spells it: "1000abc" (leading zeros dropped).
  [[nodiscard]] std::string to_string() const { return m_digits + m_suffix; }

  friend bool operator==(const BuildTag&, const BuildTag&) = default;
  friend std::strong_ordering operator<=>(const BuildTag& a, const BuildTag& b);

 private:
  std::string m_digits;
  std::string m_suffix;
};

}  // namespace gator::dist

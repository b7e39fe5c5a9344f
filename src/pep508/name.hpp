#pragma once

#include <compare>
#include <expected>
#include <string>
#include <string_view>

#include "util/parse_error.hpp"

namespace gator::pep508 {

// PEP 503 normalization: lower-case, every run of '-', '_' and '.' becomes one '-'. Does not
// validate; see is_valid_name.
[[nodiscard]] std::string canonicalize_name(std::string_view name);

// PEP 508 name: ASCII letters and digits, with '-', '_', '.' allowed inside (not at the ends).
[[nodiscard]] bool is_valid_name(std::string_view name);

// Already in PEP 503 normal form: lower-case, single '-' separators.
[[nodiscard]] bool is_normalized_name(std::string_view name);

// A project name, valid and normalized at construction, so that two spellings of one project
// compare equal everywhere (lookups, locks, index policy).
class PackageName {
 public:
  [[nodiscard]] static std::expected<PackageName, util::ParseError> parse(std::string_view name);

  [[nodiscard]] const std::string& str() const { return m_normalized; }

  friend bool operator==(const PackageName&, const PackageName&) = default;
  friend std::strong_ordering operator<=>(const PackageName&, const PackageName&) = default;

 private:
  explicit PackageName(std::string normalized) : m_normalized(std::move(normalized)) {}
  std::string m_normalized;
};

}  // namespace gator::pep508

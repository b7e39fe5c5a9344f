#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "pep508/environment.hpp"
#include "util/parse_error.hpp"

// PEP 508 environment markers with the semantics of pypa/packaging (26.4.dev0): parsing into an
// AST, evaluation against a caller-filled environment, canonical printing and structural
// equality. Every algorithm here is iterative, so a marker nested 10,000 levels deep neither
// overflows the stack when parsed nor when printed, compared, evaluated or destroyed.
namespace gator::pep508 {

enum class MarkerOperator : std::uint8_t {
  less,             // <
  less_equal,       // <=
  equal,            // ==
  not_equal,        // !=
  greater_equal,    // >=
  greater,          // >
  compatible,       // ~=
  arbitrary_equal,  // ===
  in,               // in
  not_in,           // not in
};
[[nodiscard]] std::string_view to_string(MarkerOperator op);

enum class MarkerJoin : std::uint8_t { and_, or_ };

// One side of a comparison: a marker variable or a string literal (already unquoted and
// unescaped; a literal compared with `extra`, `extras` or `dependency_groups` is stored
// normalized as a name, as packaging does).
using MarkerOperand = std::variant<MarkerVariable, std::string>;

struct MarkerComparison {
  MarkerOperand lhs;
  MarkerOperator op = MarkerOperator::equal;
  MarkerOperand rhs;
  friend bool operator==(const MarkerComparison&, const MarkerComparison&) = default;
};

// A node of the marker AST: a comparison, or a group of two or more children joined by
// `joins[i]` between `children[i]` and `children[i + 1]` (`and` binds tighter than `or`).
// Parentheses around a single item are not kept (they do not change the meaning), so
// `(a)` and `a` are one marker, while `(a and b) and c` and `a and b and c` are two.
struct MarkerNode {
  std::optional<MarkerComparison> comparison;
  std::vector<std::uint32_t> children;  // indices into Marker::nodes()
  std::vector<MarkerJoin> joins;
  friend bool operator==(const MarkerNode&, const MarkerNode&) = default;
};

// Why evaluating a marker failed; packaging raises UndefinedComparison and
// UndefinedEnvironmentName for these.
enum class MarkerErrorKind : std::uint8_t {
  undefined_comparison,       // e.g. `os_name ~= "1.0"`, or `extras == "x"`
  undefined_environment_name  // the environment lacks a variable the marker uses
};

struct MarkerError {
  MarkerErrorKind kind = MarkerErrorKind::undefined_comparison;
  std::string message;
  friend bool operator==(const MarkerError&, const MarkerError&) = default;
};

class Marker {
 public:
  [[nodiscard]] static std::expected<Marker, util::ParseError> parse(std::string_view text);

  // True when the marker holds in `environment`. Like packaging, every comparison is evaluated
  // (no short-circuit), so an undefined comparison anywhere is reported.
  [[nodiscard]] std::expected<bool, MarkerError> evaluate(
      const MarkerEnvironment& environment,
      EvaluationContext context = EvaluationContext::metadata) const;

  // Canonical text: variables by their PEP 508 name, values double-quoted unless they contain a
  // double quote, one space around operators, parentheses only around nested groups.
  // parse(to_string()) gives an equal marker.
  [[nodiscard]] std::string to_string() const;

  // The AST in post-order: children come before their group, the root is the last node.
  [[nodiscard]] std::span<const MarkerNode> nodes() const { return m_nodes; }
  [[nodiscard]] const MarkerNode& root() const { return m_nodes.back(); }

  // Structural equality; it agrees with comparing to_string().
  friend bool operator==(const Marker&, const Marker&) = default;

  // `a & b` is `(a) and (b)`, `a | b` is `(a) or (b)`: the operands stay groups of their own.
  // The compound forms reuse the left operand's storage, so `m &= x` costs O(size of x).
  Marker& operator&=(const Marker& other);
  Marker& operator|=(const Marker& other);
  friend Marker operator&(Marker a, const Marker& b) { return std::move(a &= b); }
  friend Marker operator|(Marker a, const Marker& b) { return std::move(a |= b); }

 private:
  friend struct MarkerAccess;
  Marker() = default;
  std::vector<MarkerNode> m_nodes;
};

// How packaging serializes a marker value: double quotes unless the value contains one, then
// single quotes; a value with both quote characters cannot be written (an error).
[[nodiscard]] std::expected<std::string, util::ParseError> quote_marker_value(
    std::string_view value);

}  // namespace gator::pep508

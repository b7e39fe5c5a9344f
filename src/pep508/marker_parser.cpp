#include "pep508/marker_parser.hpp"

#include <cstdint>
#include <string>
#include <utility>

#include "pep508/name.hpp"

namespace gator::pep508::detail {
namespace {

std::unexpected<util::ParseError> error_at(const Lexer& lexer, std::size_t offset,
                                           std::size_t length, std::string message) {
  return std::unexpected(util::ParseError::at(lexer.input(), offset, length, std::move(message)));
}

std::expected<MarkerOperand, util::ParseError> parse_operand(Lexer& lexer) {
  const std::size_t start = lexer.pos();
  if (const auto variable = lexer.variable())
    return MarkerOperand(*variable);
  const std::string_view input = lexer.input();
  if (!lexer.next_is('"') && !lexer.next_is('\''))
    return error_at(lexer, start, 1,
                    "expected a marker variable (such as python_version) or a quoted string");
  const char quote = input[start];
  const std::size_t close = input.find(quote, start + 1);
  if (close == std::string_view::npos)
    return error_at(lexer, start, input.size() - start,
                    std::string("unterminated string: no closing ") + quote);
  const std::size_t length = close + 1 - start;
  auto value = decode_string_literal(input.substr(start + 1, close - start - 1));
  if (!value)
    return error_at(lexer, start, length, "invalid quoted string: " + value.error());
  if (value->find('"') != std::string::npos && value->find('\'') != std::string::npos)
    return error_at(lexer, start, length,
                    "a marker value cannot contain both quote characters (' and \")");
  lexer.set_pos(close + 1);
  return MarkerOperand(std::move(*value));
}

std::expected<MarkerOperator, util::ParseError> parse_operator(Lexer& lexer) {
  if (const auto op = lexer.comparison_operator())
    return *op;
  if (lexer.keyword("in"))
    return MarkerOperator::in;
  if (lexer.keyword("not")) {
    lexer.skip_whitespace();
    if (!lexer.keyword("in"))
      return error_at(lexer, lexer.pos(), 1, "expected 'in' after 'not'");
    return MarkerOperator::not_in;
  }
  return error_at(lexer, lexer.pos(), 1,
                  "expected a marker operator: <=, <, !=, ==, >=, >, ~=, ===, in or not in");
}

// packaging stores the literal compared with `extra` (and the member tested against `extras` /
// `dependency_groups`) as a normalized name, so that printing and equality agree with
// evaluation, which compares names.
void normalize_names(MarkerComparison& comparison) {
  const auto normalize = [](const MarkerOperand& variable_side, MarkerOperand& literal_side) {
    const auto* variable = std::get_if<MarkerVariable>(&variable_side);
    auto* literal = std::get_if<std::string>(&literal_side);
    if (variable && literal && (*variable == MarkerVariable::extra || is_set_variable(*variable)))
      *literal = canonicalize_name(*literal);
  };
  normalize(comparison.lhs, comparison.rhs);
  normalize(comparison.rhs, comparison.lhs);
}

std::expected<MarkerComparison, util::ParseError> parse_comparison(Lexer& lexer) {
  MarkerComparison comparison;
  auto lhs = parse_operand(lexer);
  if (!lhs)
    return std::unexpected(std::move(lhs.error()));
  lexer.skip_whitespace();
  const auto op = parse_operator(lexer);
  if (!op)
    return std::unexpected(op.error());
  lexer.skip_whitespace();
  auto rhs = parse_operand(lexer);
  if (!rhs)
    return std::unexpected(std::move(rhs.error()));
  comparison.lhs = std::move(*lhs);
  comparison.op = *op;
  comparison.rhs = std::move(*rhs);
  normalize_names(comparison);
  return comparison;
}

// A group still being read: the root expression or one opened by `(` at `open`.
struct OpenGroup {
  std::vector<std::uint32_t> children;
  std::vector<MarkerJoin> joins;
  std::size_t open = 0;
};

// Closes a group; a single child stands for the group (it is already the last node).
std::uint32_t close_group(std::vector<MarkerNode>& nodes, OpenGroup&& group) {
  if (group.children.size() == 1)
    return group.children.front();
  MarkerNode node;
  node.children = std::move(group.children);
  node.joins = std::move(group.joins);
  nodes.push_back(std::move(node));
  return static_cast<std::uint32_t>(nodes.size() - 1);
}

}  // namespace

std::expected<Marker, util::ParseError> parse_marker_expression(Lexer& lexer) {
  std::vector<MarkerNode> nodes;
  std::vector<OpenGroup> stack(1);
  while (true) {
    // An atom: `(` opens a group (and another atom follows), anything else is a comparison.
    lexer.skip_whitespace();
    if (lexer.consume('(')) {
      stack.push_back(OpenGroup{{}, {}, lexer.pos() - 1});
      continue;
    }
    auto comparison = parse_comparison(lexer);
    if (!comparison)
      return std::unexpected(std::move(comparison.error()));
    nodes.push_back(MarkerNode{std::move(*comparison), {}, {}});
    stack.back().children.push_back(static_cast<std::uint32_t>(nodes.size() - 1));

    // After an atom: `and`/`or` continues the group, `)` closes it, anything else ends it.
    while (true) {
      lexer.skip_whitespace();
      if (const auto join = lexer.join()) {
        stack.back().joins.push_back(*join);
        break;
      }
      if (stack.size() == 1) {
        close_group(nodes, std::move(stack.back()));
        return MarkerAccess::make(std::move(nodes));
      }
      if (!lexer.consume(')')) {
        const std::size_t open = stack.back().open;
        return error_at(lexer, open, lexer.pos() + 1 - open,
                        "expected ')' to close the '(' of this group, or 'and' / 'or'");
      }
      const std::uint32_t closed = close_group(nodes, std::move(stack.back()));
      stack.pop_back();
      stack.back().children.push_back(closed);
    }
  }
}

}  // namespace gator::pep508::detail

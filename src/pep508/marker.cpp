#include "pep508/marker.hpp"

#include <cstdint>
#include <utility>

#include "pep508/lexer.hpp"
#include "pep508/marker_parser.hpp"

namespace gator::pep508 {
namespace {

void append_operand(std::string& out, const MarkerOperand& operand) {
  if (const auto* variable = std::get_if<MarkerVariable>(&operand)) {
    out += to_string(*variable);
    return;
  }
  // Parsing rejects values that cannot be quoted, so this always succeeds.
  out += detail::encode_string_literal(std::get<std::string>(operand)).value_or("\"\"");
}

}  // namespace

std::string_view to_string(MarkerOperator op) {
  switch (op) {
    case MarkerOperator::less:
      return "<";
    case MarkerOperator::less_equal:
      return "<=";
    case MarkerOperator::equal:
      return "==";
    case MarkerOperator::not_equal:
      return "!=";
    case MarkerOperator::greater_equal:
      return ">=";
    case MarkerOperator::greater:
      return ">";
    case MarkerOperator::compatible:
      return "~=";
    case MarkerOperator::arbitrary_equal:
      return "===";
    case MarkerOperator::in:
      return "in";
    case MarkerOperator::not_in:
      return "not in";
  }
  return "";
}

std::expected<Marker, util::ParseError> Marker::parse(std::string_view text) {
  detail::Lexer lexer(text);
  auto marker = detail::parse_marker_expression(lexer);
  if (!marker)
    return marker;
  if (!lexer.at_end()) {
    const bool line_break = lexer.next_is('\n') || lexer.next_is('\r');
    return std::unexpected(
        util::ParseError::at(text, lexer.pos(), 1,
                             line_break ? "a marker cannot contain a line break"
                                        : "expected 'and', 'or' or the end of the marker"));
  }
  return marker;
}

std::string Marker::to_string() const {
  std::string out;
  struct Frame {
    std::uint32_t node;
    std::size_t next;
  };
  std::vector<Frame> stack{{static_cast<std::uint32_t>(m_nodes.size() - 1), 0}};
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const MarkerNode& node = m_nodes[frame.node];
    const bool nested = stack.size() > 1;
    if (node.comparison) {
      append_operand(out, node.comparison->lhs);
      out += ' ';
      out += pep508::to_string(node.comparison->op);
      out += ' ';
      append_operand(out, node.comparison->rhs);
      stack.pop_back();
      continue;
    }
    if (frame.next == node.children.size()) {
      if (nested)
        out += ')';
      stack.pop_back();
      continue;
    }
    if (frame.next == 0) {
      if (nested)
        out += '(';
    } else {
      out += node.joins[frame.next - 1] == MarkerJoin::and_ ? " and " : " or ";
    }
    const std::uint32_t child = node.children[frame.next++];
    stack.push_back(Frame{child, 0});  // invalidates `frame`
  }
  return out;
}

namespace {

// Appends `b` and a new root joining the old root with b's root; post-order is kept, which is
// what makes equality a plain comparison of the node vectors.
void append_group(std::vector<MarkerNode>& nodes, const std::vector<MarkerNode>& b,
                  MarkerJoin join) {
  const auto offset = static_cast<std::uint32_t>(nodes.size());
  for (const MarkerNode& node : b) {
    nodes.push_back(node);
    for (std::uint32_t& child : nodes.back().children)
      child += offset;
  }
  MarkerNode root;
  root.children = {offset - 1, static_cast<std::uint32_t>(nodes.size() - 1)};
  root.joins = {join};
  nodes.push_back(std::move(root));
}

}  // namespace

Marker& Marker::operator&=(const Marker& other) {
  if (this == &other)
    return *this &= Marker(other);
  append_group(m_nodes, other.m_nodes, MarkerJoin::and_);
  return *this;
}

Marker& Marker::operator|=(const Marker& other) {
  if (this == &other)
    return *this |= Marker(other);
  append_group(m_nodes, other.m_nodes, MarkerJoin::or_);
  return *this;
}

std::expected<std::string, util::ParseError> quote_marker_value(std::string_view value) {
  if (auto quoted = detail::encode_string_literal(value))
    return std::move(*quoted);
  const std::size_t first = std::min(value.find('"'), value.find('\''));
  return std::unexpected(util::ParseError::at(
      value, first, 1, "cannot write a marker value that contains both ' and \""));
}

}  // namespace gator::pep508

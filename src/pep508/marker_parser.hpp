#pragma once

#include <expected>
#include <vector>

#include "pep508/lexer.hpp"
#include "pep508/marker.hpp"
#include "util/parse_error.hpp"

namespace gator::pep508 {

// Builds and opens Marker values inside pep508 (the AST constructor stays private).
struct MarkerAccess {
  [[nodiscard]] static Marker make(std::vector<MarkerNode> nodes) {
    Marker marker;
    marker.m_nodes = std::move(nodes);
    return marker;
  }
};

namespace detail {

// Parses a marker expression at the lexer's position (leading spaces allowed) and stops after
// the last comparison or `)` plus trailing spaces, where neither `and` nor `or` follows; the
// caller decides what may come next (the end of a marker, or of a requirement). Iterative:
// nesting depth costs heap, not stack.
[[nodiscard]] std::expected<Marker, util::ParseError> parse_marker_expression(Lexer& lexer);

}  // namespace detail
}  // namespace gator::pep508

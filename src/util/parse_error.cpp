#include "util/parse_error.hpp"

#include <algorithm>

namespace gator::util {

ParseError ParseError::at(std::string_view input, std::size_t offset, std::size_t length,
                          std::string message) {
  offset = std::min(offset, input.size());
  length = std::min(length, input.size() - offset);
  return ParseError{std::move(message), std::string(input), offset, length};
}

std::string ParseError::render() const {
  constexpr std::size_t k_max_shown = 200;
  std::string shown = input.substr(0, k_max_shown);
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = '?';
  }
  std::string out = message;
  out += "\n    ";
  out += shown;
  if (input.size() > k_max_shown)
    out += "...";
  if (offset <= k_max_shown) {
    out += "\n    ";
    out.append(offset, ' ');
    out += '^';
    const std::size_t tildes = std::min(length, k_max_shown - offset);
    if (tildes > 1)
      out.append(tildes - 1, '~');
  }
  return out;
}

}  // namespace gator::util

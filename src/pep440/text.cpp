#include "pep440/text.hpp"

#include <cstdint>

namespace gator::pep440::detail {
namespace {

[[nodiscard]] bool is_python_space(std::uint32_t code_point) {
  if (code_point <= 0x20)
    return code_point == 0x20 || (code_point >= 0x09 && code_point <= 0x0d) ||
           (code_point >= 0x1c && code_point <= 0x1f);
  switch (code_point) {
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return code_point >= 0x2000 && code_point <= 0x200a;
  }
}

[[nodiscard]] std::uint8_t byte_at(std::string_view text, std::size_t pos) {
  return static_cast<std::uint8_t>(text[pos]);
}

// Decodes the UTF-8 sequence at `pos`; returns its length, or 0 when it is not well formed.
// Only sequences up to three bytes matter: every whitespace character is below U+10000.
[[nodiscard]] std::size_t decode(std::string_view text, std::size_t pos, std::uint32_t& out) {
  const std::uint8_t lead = byte_at(text, pos);
  if (lead < 0x80) {
    out = lead;
    return 1;
  }
  std::size_t length = 0;
  std::uint32_t value = 0;
  if ((lead & 0xe0) == 0xc0) {
    length = 2;
    value = lead & 0x1fu;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3;
    value = lead & 0x0fu;
  } else {
    return 0;
  }
  if (pos + length > text.size())
    return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const std::uint8_t next = byte_at(text, pos + i);
    if ((next & 0xc0) != 0x80)
      return 0;
    value = (value << 6) | (next & 0x3fu);
  }
  out = value;
  return length;
}

}  // namespace

std::size_t python_space_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size())
    return 0;
  std::uint32_t code_point = 0;
  const std::size_t length = decode(text, pos, code_point);
  return (length != 0 && is_python_space(code_point)) ? length : 0;
}

Span python_strip(std::string_view text) {
  Span span{0, text.size()};
  while (span.begin < span.end) {
    const std::size_t length = python_space_at(text, span.begin);
    if (length == 0)
      break;
    span.begin += length;
  }
  while (span.end > span.begin) {
    // Step back over at most two continuation bytes to the start of the last character.
    std::size_t start = span.end - 1;
    while (start > span.begin && span.end - start < 3 && (byte_at(text, start) & 0xc0) == 0x80)
      --start;
    const std::size_t length = python_space_at(text, start);
    if (length == 0 || start + length != span.end)
      break;
    span.end = start;
  }
  return span;
}

}  // namespace gator::pep440::detail

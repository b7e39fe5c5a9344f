#include "tags/identifier.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

#include "util/strings.hpp"

namespace gator::tags {
namespace {

struct CodePoint {
  char32_t value;
  std::size_t length;
};

// Strict UTF-8 decoding (no overlong forms, surrogates or values above U+10FFFF): Python only
// ever sees decoded text, so bytes that are not UTF-8 cannot be word characters.
std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned lead = byte(at);
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    return CodePoint{lead, 1};
  } else if ((lead & 0xE0u) == 0xC0u) {
    length = 2;
    value = lead & 0x1Fu;
    minimum = 0x80;
  } else if ((lead & 0xF0u) == 0xE0u) {
    length = 3;
    value = lead & 0x0Fu;
    minimum = 0x800;
  } else if ((lead & 0xF8u) == 0xF0u) {
    length = 4;
    value = lead & 0x07u;
    minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() - at < length)
    return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned next = byte(at + i);
    if ((next & 0xC0u) != 0x80u)
      return std::nullopt;
    value = (value << 6) | (next & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return std::nullopt;
  return CodePoint{value, length};
}

struct Range {
  char32_t first;
  char32_t last;
};

// Non-ASCII ranges that are not letters or digits for Python: controls, Latin-1 punctuation,
// combining marks, spaces, general punctuation, symbols, arrows, box drawing, CJK punctuation,
// private use, specials and emoji. An approximation of the Unicode categories, kept small.
constexpr Range k_non_word[] = {
    {0x0080, 0x00A9}, {0x00AB, 0x00B1}, {0x00B4, 0x00B4},   {0x00B6, 0x00B8},   {0x00BB, 0x00BB},
    {0x00BF, 0x00BF}, {0x00D7, 0x00D7}, {0x00F7, 0x00F7},   {0x0300, 0x036F},   {0x1680, 0x1680},
    {0x180E, 0x180E}, {0x2000, 0x206F}, {0x20A0, 0x20FF},   {0x2190, 0x245F},   {0x2500, 0x2775},
    {0x2794, 0x2BFF}, {0x3000, 0x3004}, {0x3008, 0x3020},   {0xE000, 0xF8FF},   {0xFE00, 0xFE1F},
    {0xFE30, 0xFE4F}, {0xFEFF, 0xFEFF}, {0xFF00, 0xFF0F},   {0xFF1A, 0xFF20},   {0xFF3B, 0xFF40},
    {0xFF5B, 0xFF65}, {0xFFF0, 0xFFFF}, {0x1F000, 0x1FAFF}, {0xE0000, 0xE007F}, {0xF0000, 0x10FFFF},
};

bool is_non_ascii_word(char32_t value) {
  for (const Range& range : k_non_word) {
    if (value >= range.first && value <= range.last)
      return false;
  }
  return true;
}

enum class Position { first, rest };

bool is_word_code_point(char32_t value, Position position) {
  if (value < 0x80) {
    const char c = static_cast<char>(value);
    if (c == '_' || util::is_ascii_alpha(c))
      return true;
    return position == Position::rest && util::is_ascii_digit(c);
  }
  return is_non_ascii_word(value);
}

bool all_word(std::string_view text, bool identifier) {
  if (text.empty())
    return false;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto code_point = decode_utf8(text, at);
    if (!code_point)
      return false;
    const Position position = (identifier && at == 0) ? Position::first : Position::rest;
    if (!is_word_code_point(code_point->value, position))
      return false;
    at += code_point->length;
  }
  return true;
}

}  // namespace

bool is_identifier(std::string_view text) {
  return all_word(text, true);
}

bool is_word(std::string_view text) {
  return all_word(text, false);
}

}  // namespace gator::tags

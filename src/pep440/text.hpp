#pragma once

#include <cstddef>
#include <string_view>

// Text helpers shared by the version and specifier parsers (internal to pep440).
namespace gator::pep440::detail {

// The [begin, end) byte range of `text` without leading and trailing whitespace as Python's
// str.strip() and the `\s` of packaging's regular expressions see it: ASCII whitespace, the
// separators U+001C..U+001F, and the Unicode spaces (U+00A0, U+2000..U+200A, U+3000, ...)
// encoded as UTF-8. Bytes that are not valid UTF-8 are never whitespace.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};
[[nodiscard]] Span python_strip(std::string_view text);

// Length in bytes of the Python whitespace character starting at `pos`, or 0 if none.
[[nodiscard]] std::size_t python_space_at(std::string_view text, std::size_t pos);

[[nodiscard]] constexpr bool is_separator(char c) {
  return c == '.' || c == '_' || c == '-';
}

}  // namespace gator::pep440::detail

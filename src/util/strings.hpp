#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

// Locale-independent ASCII helpers: the packaging standards define case and whitespace in ASCII
// terms, so std::tolower/isspace (locale-dependent) must not be used in the parsers.
namespace gator::util {

[[nodiscard]] constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
[[nodiscard]] constexpr bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
[[nodiscard]] constexpr bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || is_ascii_alpha(c);
}
[[nodiscard]] constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
[[nodiscard]] constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] std::string ascii_lower(std::string_view text);
[[nodiscard]] bool iequals_ascii(std::string_view a, std::string_view b);
[[nodiscard]] std::string_view trim_ascii(std::string_view text);
[[nodiscard]] std::vector<std::string_view> split(std::string_view text, char separator);
// The parts with `separator` between each two of them ("" for none).
[[nodiscard]] std::string join(std::span<const std::string> parts, std::string_view separator);

}  // namespace gator::util

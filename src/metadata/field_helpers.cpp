#include "metadata/field_helpers.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace gator::metadata::detail {
namespace {

[[nodiscard]] std::optional<unsigned> parse_small_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 9)
    return std::nullopt;
  unsigned value = 0;
  for (const char c : digits) {
    if (!util::is_ascii_digit(c))
      return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

}  // namespace

std::optional<std::pair<unsigned, unsigned>> parse_major_minor(std::string_view text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos)
    return std::nullopt;
  const auto major = parse_small_number(text.substr(0, dot));
  const auto minor = parse_small_number(text.substr(dot + 1));
  if (!major || !minor)
    return std::nullopt;
  return std::pair{*major, *minor};
}

util::ParseError rebase_error(const util::ParseError& error, std::string_view text,
                              std::size_t value_offset, std::size_t value_length,
                              std::string_view context) {
  // Folded values were rewritten, so an inner offset is exact only within the value's length.
  const std::size_t inner = std::min(error.offset, value_length);
  const std::size_t length = std::max<std::size_t>(1, std::min(error.length, value_length - inner));
  std::string message(context);
  message += ": ";
  message += error.message;
  return util::ParseError::at(text, value_offset + inner, length, std::move(message));
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  for (const char c : value)
    out += (c == '\r' || c == '\n') ? ' ' : c;
  out += '\n';
}

}  // namespace gator::metadata::detail

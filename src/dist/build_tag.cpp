#include "dist/build_tag.hpp"

#include <charconv>

#include "util/strings.hpp"

namespace gator::dist {

std::expected<BuildTag, util::ParseError> BuildTag::parse(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && util::is_ascii_digit(text[end]))
    ++end;
  if (end == 0)
    return std::unexpected(util::ParseError::at(
        text, 0, text.empty() ? 0 : 1,
        "invalid build tag '" + std::string(text) + "': it must start with a digit"));
  std::size_t first = 0;
  while (first + 1 < end && text[first] == '0')
    ++first;
  BuildTag tag;
  tag.m_digits = std::string(text.substr(first, end - first));
  const std::string_view rest = text.substr(end);
  tag.m_suffix = std::string(rest.substr(0, rest.find('\n')));
  return tag;
}

std::optional<std::uint64_t> BuildTag::number() const {
  std::uint64_t value = 0;
  const auto result = std::from_chars(m_digits.data(), m_digits.data() + m_digits.size(), value);
  if (result.ec != std::errc())
    return std::nullopt;
  return value;
}

std::strong_ordering operator<=>(const BuildTag& a, const BuildTag& b) {
  // Without leading zeros, a longer number is a larger one.
  if (const auto order = a.m_digits.size() <=> b.m_digits.size(); order != 0)
    return order;
  if (const auto order = a.m_digits.compare(b.m_digits) <=> 0; order != 0)
    return order;
  return a.m_suffix.compare(b.m_suffix) <=> 0;
}

}  // namespace gator::dist

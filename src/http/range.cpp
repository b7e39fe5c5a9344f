#include "http/range.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"

namespace gator::http {
namespace {

// Decimal digits that fit in 63 bits; nullopt otherwise.
[[nodiscard]] std::optional<std::uint64_t> parse_count(std::string_view digits) {
  if (digits.empty() || digits.size() > 18)
    return std::nullopt;
  std::uint64_t value = 0;
  for (char c : digits) {
    if (!util::is_ascii_digit(c))
      return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

}  // namespace

ByteRange ByteRange::between(std::uint64_t first, std::uint64_t last) {
  if (last < first) {
    throw Error(ErrorKind::internal, "invalid byte range " + std::to_string(first) + "-" +
                                         std::to_string(last) + ": the end is before the start");
  }
  ByteRange range;
  range.m_first = first;
  range.m_last = last;
  return range;
}

ByteRange ByteRange::starting_at(std::uint64_t first) {
  ByteRange range;
  range.m_first = first;
  return range;
}

ByteRange ByteRange::suffix(std::uint64_t length) {
  if (length == 0)
    throw Error(ErrorKind::internal, "invalid byte range: a suffix range needs at least one byte");
  ByteRange range;
  range.m_first = length;
  range.m_suffix = true;
  return range;
}

std::string ByteRange::spec() const {
  if (m_suffix)
    return "-" + std::to_string(m_first);
  std::string out = std::to_string(m_first) + "-";
  if (m_last)
    out += std::to_string(*m_last);
  return out;
}

std::optional<ContentRange> parse_content_range(std::string_view value) {
  value = util::trim_ascii(value);
  if (value.size() < 6 || !util::iequals_ascii(value.substr(0, 6), "bytes "))
    return std::nullopt;
  value = util::trim_ascii(value.substr(6));
  const std::size_t dash = value.find('-');
  const std::size_t slash = value.find('/');
  if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash)
    return std::nullopt;
  const auto first = parse_count(value.substr(0, dash));
  const auto last = parse_count(value.substr(dash + 1, slash - dash - 1));
  if (!first || !last || *last < *first)
    return std::nullopt;
  ContentRange range{*first, *last, std::nullopt};
  const std::string_view length = value.substr(slash + 1);
  if (length != "*") {
    range.complete_length = parse_count(length);
    if (!range.complete_length || *range.complete_length <= *last)
      return std::nullopt;
  }
  return range;
}

}  // namespace gator::http

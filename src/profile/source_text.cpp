#include "profile/source_text.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "util/strings.hpp"

namespace gator::profile::detail {

namespace {

[[nodiscard]] bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// The byte offset of 1-based code point column `column` in `line` (npos past the end).
[[nodiscard]] std::size_t byte_of_column(std::string_view line, std::size_t column) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (is_continuation(line[i]))
      continue;
    if (++seen == column)
      return i;
  }
  return std::string_view::npos;
}

// Tabs become one space (toml++ counts a tab as one column) and other control characters '?',
// so that the caret lines up under the column.
[[nodiscard]] std::string displayable(std::string_view line) {
  std::string out(line);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\t')
      c = ' ';
    else if (byte < 0x20 || byte == 0x7f)
      c = '?';
  }
  return out;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

SourceText::SourceText(std::string file, std::string text)
    : m_file(std::move(file)), m_text(std::move(text)) {
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i < m_text.size(); ++i)
    if (m_text[i] == '\n' && i + 1 < m_text.size())
      m_line_starts.push_back(i + 1);
}

std::string_view SourceText::raw_line(std::size_t line) const {
  if (line == 0 || line > m_line_starts.size())
    return {};
  const std::size_t begin = m_line_starts[line - 1];
  std::size_t end = m_text.find('\n', begin);
  if (end == std::string::npos)
    end = m_text.size();
  if (end > begin && m_text[end - 1] == '\r')
    --end;
  return std::string_view(m_text).substr(begin, end - begin);
}

SourceLocation SourceText::location(const Origin& origin) const {
  SourceLocation location{
      m_file, origin.line, origin.column, {}, std::max<std::size_t>(origin.span, 1)};
  if (origin.span > 0 && origin.line >= 1 && origin.line <= line_count())
    location.line_text = displayable(raw_line(origin.line));
  return location;
}

Origin SourceText::inside_string(const Origin& token, std::string_view value, std::size_t offset,
                                 std::size_t length) const {
  const std::string_view line = raw_line(token.line);
  const std::size_t quote = byte_of_column(line, token.column);
  if (quote == std::string_view::npos || (line[quote] != '"' && line[quote] != '\''))
    return token;
  const char mark = line[quote];
  const std::string_view body = line.substr(quote + 1);
  const bool literal = body.size() > value.size() && body.substr(0, value.size()) == value &&
                       body[value.size()] == mark && !body.starts_with(std::string(2, mark)) &&
                       (mark == '\'' || value.find('\\') == std::string_view::npos);
  if (!literal)
    return token;
  offset = std::min(offset, value.size());
  length = std::min(length, value.size() - offset);
  Origin inner = token;
  inner.column = token.column + 1 + code_points(value.substr(0, offset));
  inner.span = std::max<std::size_t>(code_points(value.substr(offset, length)), 1);
  return inner;
}

const SourceText& Sources::add(std::string file, std::string text) {
  m_texts.push_back(std::make_unique<SourceText>(std::move(file), std::move(text)));
  return *m_texts.back();
}

const SourceText* Sources::find(const std::string& file) const {
  for (const auto& text : m_texts)
    if (text->file() == file)
      return text.get();
  return nullptr;
}

SourceLocation Sources::location(const Origin& origin) const {
  if (const SourceText* text = find(origin.file))
    return text->location(origin);
  return SourceLocation{origin.file, origin.line, origin.column, {}, 1};
}

Origin Sources::inside_string(const Origin& token, std::string_view value, std::size_t offset,
                              std::size_t length) const {
  const SourceText* text = find(token.file);
  return text != nullptr ? text->inside_string(token, value, offset, length) : token;
}

Error invalid_at(SourceLocation location, std::string message) {
  Error error(ErrorKind::invalid_input, std::move(message));
  error.at(std::move(location));
  return error;
}

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  constexpr std::size_t k_longest = 64;  // longer words are not typos of a schema key
  if (word.size() > k_longest)
    return std::nullopt;
  const std::string lower = util::ascii_lower(word);
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(lower, util::ascii_lower(candidate));
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string in_quotes(std::string_view word) {
  static constexpr std::array<char, 16> k_hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  std::string out = "\"";
  for (const char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\u00";
      out += k_hex[byte >> 4U];
      out += k_hex[byte & 0xFU];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string shown(std::string_view text) {
  constexpr std::size_t k_longest = 60;
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i]))
      continue;
    if (++seen > k_longest)
      return in_quotes(text.substr(0, i)) + "...";
  }
  return in_quotes(text);
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

}  // namespace gator::profile::detail

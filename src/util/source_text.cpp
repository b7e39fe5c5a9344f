#include "util/source_text.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "util/strings.hpp"

namespace gator::util {

namespace {

[[nodiscard]] bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// The byte offset of the 1-based code point column `column` of `line` (npos past the end).
[[nodiscard]] std::size_t byte_of_column(std::string_view line, std::size_t column) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (!is_continuation(line[i]) && ++seen == column)
      return i;
  }
  return std::string_view::npos;
}

// A tab becomes one space (toml++ counts it as one column), other control characters '?', so
// that the caret stays under its column.
[[nodiscard]] std::string printable(std::string_view line) {
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

// Restricted Damerau-Levenshtein distance.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> two_back(b.size() + 1);
  std::vector<std::size_t> one_back(b.size() + 1);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    one_back[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = one_back[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({one_back[j] + 1, row[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], two_back[j - 2] + 1);
    }
    two_back.swap(one_back);
    one_back.swap(row);
  }
  return one_back[b.size()];
}

}  // namespace

SourceText::SourceText(std::string file, std::string_view text)
    : m_file(std::move(file)), m_text(text) {
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i + 1 < m_text.size(); ++i)
    if (m_text[i] == '\n')
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

SourceLocation SourceText::location(const TextSpan& place) const {
  SourceLocation out{m_file, place.line, place.column, {}, std::max<std::size_t>(place.width, 1)};
  if (place.width > 0 && place.line >= 1 && place.line <= line_count())
    out.line_text = printable(raw_line(place.line));
  return out;
}

TextSpan SourceText::inside_string(const TextSpan& token, std::string_view value,
                                   std::size_t offset, std::size_t length) const {
  const std::string_view line = raw_line(token.line);
  const std::size_t quote = byte_of_column(line, token.column);
  if (quote == std::string_view::npos || (line[quote] != '"' && line[quote] != '\''))
    return token;
  const char mark = line[quote];
  const std::string_view body = line.substr(quote + 1);
  const bool literal = body.size() > value.size() && body.starts_with(value) &&
                       body[value.size()] == mark && !body.starts_with(std::string(2, mark)) &&
                       (mark == '\'' || value.find('\\') == std::string_view::npos);
  if (!literal)
    return token;
  offset = std::min(offset, value.size());
  length = std::min(length, value.size() - offset);
  TextSpan inner = token;
  inner.column = token.column + 1 + code_points(value.substr(0, offset));
  inner.width = std::max<std::size_t>(code_points(value.substr(offset, length)), 1);
  return inner;
}

std::optional<TextSpan> SourceText::too_many_dots(std::size_t limit) const {
  enum class State { code, comment, basic, literal, multi_basic, multi_literal };
  State state = State::code;
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t dots = 0;
  const std::string_view text = m_text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      dots = 0;
      if (state == State::comment || state == State::basic || state == State::literal)
        state = State::code;  // an unterminated string is toml++'s error to report
      continue;
    }
    const std::string_view rest = text.substr(i);
    switch (state) {
      case State::code:
        if (c == '#') {
          state = State::comment;
        } else if (rest.starts_with("\"\"\"")) {
          state = State::multi_basic;
          i += 2;
        } else if (rest.starts_with("'''")) {
          state = State::multi_literal;
          i += 2;
        } else if (c == '"') {
          state = State::basic;
        } else if (c == '\'') {
          state = State::literal;
        } else if (c == '.' && ++dots > limit) {
          return TextSpan{line, code_points(text.substr(line_start, i - line_start)) + 1, 1};
        }
        break;
      case State::basic:
      case State::multi_basic:
        if (c == '\\') {
          if (i + 1 < text.size() && text[i + 1] != '\n')
            ++i;  // an escaped character such as \" (a line-ending backslash keeps its newline)
        } else if (state == State::basic ? c == '"' : rest.starts_with("\"\"\"")) {
          i += state == State::basic ? 0 : 2;
          state = State::code;
        }
        break;
      case State::literal:
      case State::multi_literal:
        if (state == State::literal ? c == '\'' : rest.starts_with("'''")) {
          i += state == State::literal ? 0 : 2;
          state = State::code;
        }
        break;
      case State::comment:
        break;
    }
  }
  return std::nullopt;
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

std::string toml_quoted(std::string_view text, std::size_t longest) {
  static constexpr std::array<char, 16> k_hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  std::string out = "\"";
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!is_continuation(c) && ++seen > longest)
      return out + "\"...";
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
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

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  constexpr std::size_t k_longest = 64;  // longer words are not typos of a key
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

}  // namespace gator::util

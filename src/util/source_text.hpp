#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

// The text of a TOML file being read (profiles, lockfiles), to turn a line and column into the
// compiler-style location of an error (file:line:col, the line, a caret under the value).
namespace gator::util {

// A place in the text: 1-based line and column (in code points, as toml++ counts them) and the
// width to underline (0: do not show the line).
struct TextSpan {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t width = 0;
};

class SourceText {
 public:
  SourceText(std::string file, std::string_view text);

  [[nodiscard]] const std::string& file() const { return m_file; }
  [[nodiscard]] const std::string& text() const { return m_text; }
  [[nodiscard]] std::size_t line_count() const { return m_line_starts.size(); }
  // The line without its end of line; "" past the end.
  [[nodiscard]] std::string_view raw_line(std::size_t line) const;
  [[nodiscard]] SourceLocation location(const TextSpan& place) const;
  // The place of value[offset, offset + length) when the string token at `token` spells `value`
  // literally (no escapes, on one line); otherwise the whole token.
  [[nodiscard]] TextSpan inside_string(const TextSpan& token, std::string_view value,
                                       std::size_t offset, std::size_t length) const;
  // The first line with more than `limit` '.' outside strings and comments, as the place of the
  // offending '.'; nothing when there is none. toml++ builds and destroys one nested table per
  // part of a dotted key recursively, so keys with thousands of parts must be refused before
  // parsing.
  [[nodiscard]] std::optional<TextSpan> too_many_dots(std::size_t limit) const;

 private:
  std::string m_file;
  std::string m_text;
  std::vector<std::size_t> m_line_starts;
};

// Code points in UTF-8 text (continuation bytes are not counted).
[[nodiscard]] std::size_t code_points(std::string_view text);

// `text` in double quotes for a message, with TOML escapes, cut after `longest` code points
// ("..." follows the closing quote when cut).
[[nodiscard]] std::string toml_quoted(std::string_view text, std::size_t longest);

// The candidate closest to `word` (edit distance, case-insensitive), when close enough to be a
// likely typo.
[[nodiscard]] std::optional<std::string_view> closest_match(
    std::string_view word, std::span<const std::string_view> candidates);

}  // namespace gator::util

#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "pep508/environment.hpp"
#include "pep508/marker.hpp"

// Token recognizers shared by the marker and requirement parsers (internal to pep508). They
// follow the regular expressions of packaging's tokenizer; `\b` is decided in ASCII terms with
// every byte >= 0x80 counted as a word character (Python treats most non-ASCII letters so).
namespace gator::pep508::detail {

[[nodiscard]] constexpr bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' ||
         u >= 0x80;
}

class Lexer {
 public:
  explicit Lexer(std::string_view input, std::size_t pos = 0) : m_input(input), m_pos(pos) {}

  [[nodiscard]] std::string_view input() const { return m_input; }
  [[nodiscard]] std::size_t pos() const { return m_pos; }
  void set_pos(std::size_t pos) { m_pos = pos; }
  [[nodiscard]] bool at_end() const { return m_pos >= m_input.size(); }
  [[nodiscard]] bool next_is(char c) const { return !at_end() && m_input[m_pos] == c; }

  // Packaging's WS token: spaces and tabs only (a line break is never whitespace here).
  void skip_whitespace();
  bool consume(char c);
  // `word` followed by a word boundary; consumed when present.
  bool keyword(std::string_view word);
  std::optional<MarkerJoin> join();
  std::optional<MarkerVariable> variable();
  // <=, <, !=, ==, >=, >, ~=, ===, and the `in` / `not in` keywords are handled by the parser.
  std::optional<MarkerOperator> comparison_operator();

  // A name or extra: [A-Za-z0-9] then [A-Za-z0-9._-]*, ending on a letter or digit that is not
  // followed by a word character. Empty when there is none at the current position.
  std::string_view identifier();

  // The length of packaging's SPECIFIER token at the current position (0 if none).
  [[nodiscard]] std::size_t specifier_length() const;

 private:
  [[nodiscard]] bool boundary_at(std::size_t pos) const {
    return pos >= m_input.size() || !is_word_byte(m_input[pos]);
  }

  std::string_view m_input;
  std::size_t m_pos;
};

// Decodes the body of a quoted string the way Python's ast.literal_eval reads a string literal
// (packaging's reading): escapes such as \\ \' \" \n \x41 \u00e9 \101, a backslash before an
// unknown character kept as is, a backslash-newline removed. The error text explains what is
// wrong (a raw line break, a truncated escape, ...).
[[nodiscard]] std::expected<std::string, std::string> decode_string_literal(std::string_view body);

// The value as a string literal that decode_string_literal() reads back to the same value:
// double quotes unless it contains one, escapes only for \, line breaks and NUL.
// Fails (returns nullopt) when the value contains both quote characters.
[[nodiscard]] std::optional<std::string> encode_string_literal(std::string_view value);

}  // namespace gator::pep508::detail

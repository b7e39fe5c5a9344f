#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "profile/profile.hpp"
#include "util/error.hpp"

// Internal: the text of the profile files being loaded, to turn an Origin into the
// compiler-style location of an error (file:line:col, the line, a caret).
namespace gator::profile::detail {

class SourceText {
 public:
  SourceText(std::string file, std::string text);

  [[nodiscard]] const std::string& file() const { return m_file; }
  [[nodiscard]] const std::string& text() const { return m_text; }
  [[nodiscard]] std::size_t line_count() const { return m_line_starts.size(); }
  // The line without its end, "" past the end.
  [[nodiscard]] std::string_view raw_line(std::size_t line) const;

  // The location of `origin` with the line shown when `origin.span` > 0.
  [[nodiscard]] SourceLocation location(const Origin& origin) const;

  // The position of value[offset, offset + length) when the string token at `token` spells
  // `value` literally (no escapes, on one line); otherwise the whole token.
  [[nodiscard]] Origin inside_string(const Origin& token, std::string_view value,
                                     std::size_t offset, std::size_t length) const;

 private:
  std::string m_file;
  std::string m_text;
  std::vector<std::size_t> m_line_starts;
};

// Every file read while loading one profile (the extends chain), by file name.
class Sources {
 public:
  const SourceText& add(std::string file, std::string text);
  [[nodiscard]] SourceLocation location(const Origin& origin) const;
  // SourceText::inside_string in the file `token` is in.
  [[nodiscard]] Origin inside_string(const Origin& token, std::string_view value,
                                     std::size_t offset, std::size_t length) const;

 private:
  [[nodiscard]] const SourceText* find(const std::string& file) const;
  std::vector<std::unique_ptr<SourceText>> m_texts;
};

// A gator::Error(invalid_input) at a location.
[[nodiscard]] Error invalid_at(SourceLocation location, std::string message);

// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
[[nodiscard]] std::optional<std::string_view> closest_match(
    std::string_view word, std::span<const std::string_view> candidates);

// `word` in double quotes, with TOML escapes for '"', '\\' and control characters.
[[nodiscard]] std::string in_quotes(std::string_view word);

// `text` for a message: quoted, and cut after 60 code points.
[[nodiscard]] std::string shown(std::string_view text);

// Code points in UTF-8 text (bytes that do not start a code point are not counted).
[[nodiscard]] std::size_t code_points(std::string_view text);

}  // namespace gator::profile::detail

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
#include "util/source_text.hpp"

// Internal: the text of the profile files being loaded, to turn an Origin into the
// compiler-style location of an error (file:line:col, the line, a caret).
namespace gator::profile::detail {

// One profile file: util::SourceText speaking in Origins (file, line, column, span).
class SourceText {
 public:
  SourceText(std::string file, std::string text) : m_source(std::move(file), text) {}

  [[nodiscard]] const std::string& file() const { return m_source.file(); }
  [[nodiscard]] const std::string& text() const { return m_source.text(); }
  [[nodiscard]] std::size_t line_count() const { return m_source.line_count(); }
  // The line without its end, "" past the end.
  [[nodiscard]] std::string_view raw_line(std::size_t line) const {
    return m_source.raw_line(line);
  }
  // The location of `origin` with the line shown when `origin.span` > 0.
  [[nodiscard]] SourceLocation location(const Origin& origin) const;
  // The position of value[offset, offset + length) when the string token at `token` spells
  // `value` literally (no escapes, on one line); otherwise the whole token.
  [[nodiscard]] Origin inside_string(const Origin& token, std::string_view value,
                                     std::size_t offset, std::size_t length) const;
  // The first '.' beyond `limit` on one line outside strings (see util::SourceText).
  [[nodiscard]] std::optional<Origin> too_many_dots(std::size_t limit) const;

 private:
  util::SourceText m_source;
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

using util::closest_match;
using util::code_points;

// `word` in double quotes, with TOML escapes for '"', '\\' and control characters.
[[nodiscard]] inline std::string in_quotes(std::string_view word) {
  return util::toml_quoted(word, std::string_view::npos);
}

// `text` for a message: quoted, and cut after 60 code points.
[[nodiscard]] inline std::string shown(std::string_view text) {
  return util::toml_quoted(text, 60);
}

}  // namespace gator::profile::detail

#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

// The email-header format shared by METADATA, PKG-INFO and WHEEL: "Name: value" fields, lines
// starting with a space or tab continue the previous field, and an empty line starts a free-form
// body. The practical standard is Python's email.parser with the compat32 policy; this reader
// accepts the same well-formed files and rejects the malformed lines that parser would silently
// turn into body text.
namespace gator::metadata {

struct HeaderField {
  std::string name;  // as written (field names are case-insensitive)
  // The first line without its leading blanks; each continuation line follows after a '\n',
  // verbatim with its leading whitespace (as compat32 returns it). See unfold_field_value and
  // unescape_multiline_value for the two ways of reading it.
  std::string value;
  std::size_t offset = 0;        // of the name in the text
  std::size_t value_offset = 0;  // of the first character of the value
  std::size_t end_offset = 0;    // after the last character of the field's last line
};

// A field kept as written because the parser does not know it (writers emit it unchanged).
struct RawField {
  std::string name;
  std::string value;

  friend bool operator==(const RawField&, const RawField&) = default;
};

struct HeaderBlock {
  std::vector<HeaderField> fields;
  std::optional<std::string> body;  // everything after the first empty line, verbatim
  std::size_t body_offset = 0;
};

// Errors carry the whole text as `input` and an absolute offset (see source_location).
[[nodiscard]] std::expected<HeaderBlock, util::ParseError> read_headers(std::string_view text);

// A folded single-line field: line breaks removed (RFC 5322 unfolding), blanks trimmed.
[[nodiscard]] std::string unfold_field_value(std::string_view value);

// A multi-line field (Description, License) written with the distutils convention: every
// continuation line indented by 8 spaces, or by 7 spaces and '|' (core metadata spec, PEP 345).
// The '|' form is recognized only when every continuation line uses it, so that a text whose
// lines start with '|' (a Markdown table) survives the plain form. Trailing blanks are trimmed.
[[nodiscard]] std::string unescape_multiline_value(std::string_view value);

// The inverse of unescape_multiline_value for the writer: continuation lines get "       |".
[[nodiscard]] std::string escape_multiline_value(std::string_view value);

}  // namespace gator::metadata

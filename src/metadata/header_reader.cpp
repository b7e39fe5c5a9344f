#include "metadata/header_reader.hpp"

#include "metadata/text_lines.hpp"
#include "util/strings.hpp"

namespace gator::metadata {
namespace {

[[nodiscard]] bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Printable ASCII except ':' (RFC 5322 field names; the same set email.feedparser accepts).
[[nodiscard]] bool is_field_name_char(char c) {
  return c >= '!' && c <= '~' && c != ':';
}

// The value split at the '\n' the reader put between physical lines.
[[nodiscard]] std::vector<std::string_view> value_lines(std::string_view value) {
  return util::split(value, '\n');
}

}  // namespace

std::expected<HeaderBlock, util::ParseError> read_headers(std::string_view text) {
  HeaderBlock block;
  detail::LineReader reader(text);
  detail::Line line;
  while (reader.next(line)) {
    if (line.text.empty()) {
      // The first empty line ends the fields; the rest is the body.
      block.body = std::string(text.substr(line.next_offset));
      block.body_offset = line.next_offset;
      return block;
    }
    if (is_blank(line.text.front())) {
      if (block.fields.empty()) {
        return std::unexpected(util::ParseError::at(
            text, line.offset, line.text.size(),
            "continuation line before the first field (a line may start with a space or tab "
            "only to continue the field above it)"));
      }
      HeaderField& field = block.fields.back();
      field.value += '\n';
      field.value += line.text;
      field.end_offset = line.offset + line.text.size();
      continue;
    }
    const std::size_t colon = line.text.find(':');
    if (colon == std::string_view::npos) {
      return std::unexpected(util::ParseError::at(
          text, line.offset, line.text.size(),
          "expected a `Name: value` field (or an empty line before the body)"));
    }
    if (colon == 0) {
      return std::unexpected(util::ParseError::at(text, line.offset, 1, "empty field name"));
    }
    for (std::size_t i = 0; i < colon; ++i) {
      if (!is_field_name_char(line.text[i])) {
        return std::unexpected(util::ParseError::at(
            text, line.offset + i, 1,
            "invalid character in field name (expected `Name: value`; names are printable "
            "ASCII without spaces)"));
      }
    }
    std::size_t start = colon + 1;
    while (start < line.text.size() && is_blank(line.text[start]))
      ++start;
    HeaderField field;
    field.name = std::string(line.text.substr(0, colon));
    field.value = std::string(line.text.substr(start));
    field.offset = line.offset;
    field.value_offset = line.offset + start;
    field.end_offset = line.offset + line.text.size();
    block.fields.push_back(std::move(field));
  }
  return block;
}

std::string unfold_field_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c != '\n')
      out += c;
  }
  return std::string(util::trim_ascii(out));
}

std::string unescape_multiline_value(std::string_view value) {
  const std::vector<std::string_view> lines = value_lines(value);
  bool pipes = lines.size() > 1;
  for (std::size_t i = 1; i < lines.size() && pipes; ++i) {
    const std::string_view rest = util::trim_ascii(lines[i]);
    pipes = rest.empty() || rest.front() == '|';
  }
  std::string out(lines.front());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    out += '\n';
    if (util::trim_ascii(line).empty())
      continue;
    if (pipes) {
      while (util::is_ascii_space(line.front()))
        line.remove_prefix(1);
      line.remove_prefix(1);  // the '|'
    } else if (line.front() == '\t') {
      line.remove_prefix(1);
    } else {
      for (int column = 0; column < 8 && !line.empty() && line.front() == ' '; ++column)
        line.remove_prefix(1);
    }
    out += line;
  }
  return std::string(util::trim_ascii(out));
}

std::string escape_multiline_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n')
        ++i;
      out += "\n       |";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace gator::metadata

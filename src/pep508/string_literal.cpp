#include <cstdint>

#include "pep508/lexer.hpp"
#include "util/strings.hpp"

// String literals in markers, read as Python's ast.literal_eval reads them (which is what
// packaging does) and written so that reading gives the value back.
namespace gator::pep508::detail {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  const char lower = util::ascii_lower(c);
  if (lower >= 'a' && lower <= 'f')
    return lower - 'a' + 10;
  return -1;
}

}  // namespace

std::expected<std::string, std::string> decode_string_literal(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\n' || c == '\r')
      return std::unexpected("a line break inside a string must be written as \\n");
    if (c == '\0')
      return std::unexpected("a string cannot contain a NUL character");
    if (c != '\\') {
      out += c;
      continue;
    }
    if (i + 1 >= body.size())
      return std::unexpected("the closing quote is escaped by a backslash (write \\\\)");
    const char e = body[++i];
    switch (e) {
      case '\n':
        break;  // line continuation
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n')
          ++i;
        break;
      case '\\':
      case '\'':
      case '"':
        out += e;
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x':
      case 'u':
      case 'U': {
        const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::uint32_t cp = 0;
        for (std::size_t k = 0; k < digits; ++k) {
          const int v = i + 1 + k < body.size() ? hex_value(body[i + 1 + k]) : -1;
          if (v < 0)
            return std::unexpected(std::string("truncated \\") + e + " escape: it needs " +
                                   std::to_string(digits) + " hexadecimal digits");
          cp = cp * 16 + static_cast<std::uint32_t>(v);
        }
        i += digits;
        if (cp > 0x10ffff)
          return std::unexpected("escape beyond the last Unicode character U+10FFFF");
        if (cp >= 0xd800 && cp <= 0xdfff)
          return std::unexpected("escape for a lone UTF-16 surrogate");
        if (cp == 0)
          return std::unexpected("a string cannot contain a NUL character");
        append_utf8(out, cp);
        break;
      }
      case 'N':
        return std::unexpected("named Unicode escapes (\\N{...}) are not supported");
      default:
        if (e >= '0' && e <= '7') {
          std::uint32_t cp = static_cast<std::uint32_t>(e - '0');
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7';
               ++k)
            cp = cp * 8 + static_cast<std::uint32_t>(body[++i] - '0');
          if (cp == 0)
            return std::unexpected("a string cannot contain a NUL character");
          append_utf8(out, cp);
        } else {
          // Python keeps an unknown escape as written (with a warning).
          out += '\\';
          --i;
        }
        break;
    }
  }
  return out;
}

std::optional<std::string> encode_string_literal(std::string_view value) {
  const bool has_double = value.find('"') != std::string_view::npos;
  if (has_double && value.find('\'') != std::string_view::npos)
    return std::nullopt;
  const char quote = has_double ? '\'' : '"';
  std::string out(1, quote);
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  out += quote;
  return out;
}

}  // namespace gator::pep508::detail

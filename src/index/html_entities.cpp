#include "index/html_entities.hpp"

#include <array>
#include <cstdint>

#include "util/strings.hpp"

namespace gator::index {
namespace {

struct NamedEntity {
  std::string_view name;
  std::string_view text;  // UTF-8
  bool legacy;            // may appear without ';'
};

// The references simple-API pages use in practice; HTML's full table of 2,231 names is not
// needed for version specifiers, reasons and URLs.
constexpr std::array k_entities{
    NamedEntity{"amp", "&", true},
    NamedEntity{"lt", "<", true},
    NamedEntity{"gt", ">", true},
    NamedEntity{"quot", "\"", true},
    NamedEntity{"apos", "'", false},
    NamedEntity{"nbsp", "\xC2\xA0", true},
    NamedEntity{"excl", "!", false},
    NamedEntity{"equals", "=", false},
    NamedEntity{"tilde", "~", false},
    NamedEntity{"comma", ",", false},
    NamedEntity{"period", ".", false},
    NamedEntity{"ast", "*", false},
    NamedEntity{"plus", "+", false},
    NamedEntity{"sol", "/", false},
    NamedEntity{"num", "#", false},
    NamedEntity{"percnt", "%", false},
    NamedEntity{"colon", ":", false},
    NamedEntity{"semi", ";", false},
    NamedEntity{"lpar", "(", false},
    NamedEntity{"rpar", ")", false},
    NamedEntity{"lowbar", "_", false},
    NamedEntity{"hyphen", "\xE2\x80\x90", false},
    NamedEntity{"ge", "\xE2\x89\xA5", false},
    NamedEntity{"le", "\xE2\x89\xA4", false},
    NamedEntity{"ne", "\xE2\x89\xA0", false},
    NamedEntity{"copy", "\xC2\xA9", true},
};

constexpr char32_t k_replacement = 0xFFFD;

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// `text` starts after "&#": decodes the number, returns the characters consumed (0: none).
[[nodiscard]] std::size_t decode_numeric(std::string_view text, std::string& out) {
  bool hex = false;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) {
    hex = true;
    ++i;
  }
  const std::size_t digits_start = i;
  std::uint32_t value = 0;
  bool overflow = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    std::uint32_t digit = 0;
    if (util::is_ascii_digit(c))
      digit = static_cast<std::uint32_t>(c - '0');
    else if (hex && c >= 'a' && c <= 'f')
      digit = static_cast<std::uint32_t>(c - 'a' + 10);
    else if (hex && c >= 'A' && c <= 'F')
      digit = static_cast<std::uint32_t>(c - 'A' + 10);
    else
      break;
    if (value > 0x10FFFF)
      overflow = true;
    else
      value = value * (hex ? 16U : 10U) + digit;
  }
  if (i == digits_start)
    return 0;
  if (i < text.size() && text[i] == ';')
    ++i;
  char32_t code = value;
  if (overflow || value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    code = k_replacement;
  append_utf8(out, code);
  return i;
}

// `text` starts after '&': decodes a named reference, returns the characters consumed (0: none).
[[nodiscard]] std::size_t decode_named(std::string_view text, std::string& out) {
  std::size_t length = 0;
  while (length < text.size() && util::is_ascii_alnum(text[length]))
    ++length;
  const std::string_view name = text.substr(0, length);
  const bool semicolon = length < text.size() && text[length] == ';';
  for (const NamedEntity& entity : k_entities) {
    if (semicolon && name == entity.name) {
      out += entity.text;
      return length + 1;
    }
  }
  // Legacy form without ';': the known name that prefixes the text (as Python's html.unescape,
  // which pip uses, decodes them even before '=': "&gt=3.8" is ">=3.8").
  for (const NamedEntity& entity : k_entities) {
    if (entity.legacy && name.starts_with(entity.name)) {
      out += entity.text;
      return entity.name.size();
    }
  }
  return 0;
}

}  // namespace

std::string decode_html_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out += text.substr(i);
      break;
    }
    out += text.substr(i, amp - i);
    const std::string_view rest = text.substr(amp + 1);
    std::size_t used = 0;
    if (!rest.empty() && rest.front() == '#') {
      used = decode_numeric(rest.substr(1), out);
      if (used > 0)
        ++used;
    } else {
      used = decode_named(rest, out);
    }
    if (used == 0)
      out += '&';
    i = amp + 1 + used;
  }
  return out;
}

}  // namespace gator::index

#include "lock/toml_text.hpp"

#include <array>

#include "util/strings.hpp"

namespace gator::lock::detail {

namespace {

[[nodiscard]] bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

}  // namespace

std::string toml_string(std::string_view text) {
  bool has_double = false;
  bool literal_ok = true;
  for (const char c : text) {
    if (c == '"')
      has_double = true;
    if (c == '\'' || is_control(c))
      literal_ok = false;
  }
  if (has_double && literal_ok)
    return "'" + std::string(text) + "'";
  static constexpr std::array<char, 16> k_hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (is_control(c)) {
          const auto byte = static_cast<unsigned char>(c);
          out += "\\u00";
          out += k_hex[byte >> 4U];
          out += k_hex[byte & 0xFU];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string toml_key(std::string_view key) {
  bool bare = !key.empty();
  for (const char c : key)
    if (!util::is_ascii_alnum(c) && c != '-' && c != '_')
      bare = false;
  return bare ? std::string(key) : toml_string(key);
}

std::string toml_inline(const TomlValue& value) {
  switch (value.type) {
    case TomlValue::Type::string:
      return toml_string(value.text);
    case TomlValue::Type::integer:
      return std::to_string(value.integer);
    case TomlValue::Type::boolean:
      return value.integer != 0 ? "true" : "false";
    case TomlValue::Type::floating:
    case TomlValue::Type::offset_date_time:
    case TomlValue::Type::local_date_time:
    case TomlValue::Type::local_date:
    case TomlValue::Type::local_time:
      return value.text;
    case TomlValue::Type::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i)
        out += (i == 0 ? "" : ", ") + toml_inline(value.items[i]);
      return out + "]";
    }
    case TomlValue::Type::table: {
      if (value.items.empty())
        return "{}";
      std::string out = "{ ";
      for (std::size_t i = 0; i < value.items.size(); ++i)
        out += (i == 0 ? "" : ", ") + toml_key(value.keys[i]) + " = " + toml_inline(value.items[i]);
      return out + " }";
    }
  }
  return {};
}

}  // namespace gator::lock::detail

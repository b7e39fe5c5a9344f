#include "wheel/member_name.hpp"

#include "util/strings.hpp"

namespace gator::wheel {

std::optional<std::string> check_member_name(std::string_view name) {
  if (name.empty())
    return "has an empty name";
  for (const char c : name) {
    if (c == '\0')
      return "has a NUL character in its name";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return "has a control character in its name";
    if (c == '\\')
      return "has a backslash in its name";
  }
  if (name.front() == '/')
    return "is an absolute path";
  bool dotdot = false;
  bool empty_or_dot = false;
  for (const std::string_view component : util::split(name, '/')) {
    if (component == "..")
      dotdot = true;
    else if (component.empty() || component == ".")
      empty_or_dot = true;
    else if (component.size() > 255)
      return "has a path component longer than 255 bytes";
  }
  // ".." first: it is the one that escapes the target.
  if (dotdot)
    return "has a \"..\" path component";
  if (empty_or_dot)
    return "has an empty or \".\" path component";
  return std::nullopt;
}

std::string collision_key(std::string_view name) {
  return util::ascii_lower(name);
}

bool is_in_pycache(std::string_view path) {
  for (const std::string_view component : util::split(path, '/')) {
    if (component == "__pycache__")
      return true;
  }
  return false;
}

std::string quoted_name(std::string_view name) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += k_hex[byte >> 4];
      out += k_hex[byte & 0xf];
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace gator::wheel

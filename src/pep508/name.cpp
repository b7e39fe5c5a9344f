#include "pep508/name.hpp"

#include "util/strings.hpp"

namespace gator::pep508 {
namespace {

constexpr bool is_separator(char c) {
  return c == '-' || c == '_' || c == '.';
}

}  // namespace

std::string canonicalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (is_separator(name[i])) {
      while (i + 1 < name.size() && is_separator(name[i + 1]))
        ++i;
      out += '-';
    } else {
      out += util::ascii_lower(name[i]);
    }
  }
  return out;
}

bool is_valid_name(std::string_view name) {
  if (name.empty())
    return false;
  if (!util::is_ascii_alnum(name.front()) || !util::is_ascii_alnum(name.back()))
    return false;
  for (char c : name) {
    if (!util::is_ascii_alnum(c) && !is_separator(c))
      return false;
  }
  return true;
}

bool is_normalized_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-')
    return false;
  char previous = '\0';
  for (char c : name) {
    const bool allowed = util::is_ascii_digit(c) || (c >= 'a' && c <= 'z') || c == '-';
    if (!allowed || (c == '-' && previous == '-'))
      return false;
    previous = c;
  }
  return true;
}

std::expected<PackageName, util::ParseError> PackageName::parse(std::string_view name) {
  if (!is_valid_name(name)) {
    std::size_t bad = 0;
    while (bad < name.size() && (util::is_ascii_alnum(name[bad]) || is_separator(name[bad])))
      ++bad;
    if (bad == name.size())
      bad = (name.empty() || !util::is_ascii_alnum(name.front())) ? 0 : name.size() - 1;
    return std::unexpected(util::ParseError::at(
        name, bad, 1,
        name.empty() ? "empty project name"
                     : "invalid project name: use ASCII letters, digits and '-', '_', '.' "
                       "(not at the start or end)"));
  }
  return PackageName(canonicalize_name(name));
}

}  // namespace gator::pep508

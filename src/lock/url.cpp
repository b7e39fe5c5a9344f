#include "lock/url.hpp"

#include "util/strings.hpp"

namespace gator::lock {

namespace {

// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986); the length of "scheme:" or 0.
[[nodiscard]] std::size_t scheme_length(std::string_view url) {
  if (url.empty() || !util::is_ascii_alpha(url[0]))
    return 0;
  for (std::size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':')
      return i + 1;
    if (!util::is_ascii_alnum(c) && c != '+' && c != '-' && c != '.')
      return 0;
  }
  return 0;
}

// The authority of "scheme://authority/...", as [begin, end) offsets; nothing without "//".
struct Authority {
  std::size_t begin = 0;
  std::size_t end = 0;
};

[[nodiscard]] std::optional<Authority> authority(std::string_view url) {
  const std::size_t scheme = scheme_length(url);
  if (scheme == 0 || url.substr(scheme, 2) != "//")
    return std::nullopt;
  const std::size_t begin = scheme + 2;
  std::size_t end = url.find_first_of("/?#", begin);
  if (end == std::string_view::npos)
    end = url.size();
  return Authority{begin, end};
}

[[nodiscard]] int hex_value(char c) {
  if (util::is_ascii_digit(c))
    return c - '0';
  const char lower = util::ascii_lower(c);
  if (lower >= 'a' && lower <= 'f')
    return lower - 'a' + 10;
  return -1;
}

}  // namespace

std::optional<std::string_view> userinfo(std::string_view url) {
  const auto where = authority(url);
  if (!where)
    return std::nullopt;
  const std::string_view text = url.substr(where->begin, where->end - where->begin);
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos)
    return std::nullopt;
  return text.substr(0, at);
}

std::string without_userinfo(std::string_view url) {
  const auto where = authority(url);
  const auto info = userinfo(url);
  if (!where || !info)
    return std::string(url);
  return std::string(url.substr(0, where->begin)) +
         std::string(url.substr(where->begin + info->size() + 1));
}

std::optional<std::string> url_problem(std::string_view url) {
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f)
      return std::string("a URL has no spaces or control characters (write a space as %20)");
  }
  const std::size_t scheme = scheme_length(url);
  if (scheme == 0)
    return std::string("not an absolute URL (it needs a scheme such as https://)");
  const auto where = authority(url);
  if (!where) {
    if (util::iequals_ascii(url.substr(0, scheme), "file:"))
      return std::nullopt;
    return std::string("not an absolute URL (expected \"") + std::string(url.substr(0, scheme)) +
           "//\" and a host)";
  }
  if (userinfo(url))
    return std::string("the URL contains credentials (user:password@)");
  if (where->begin == where->end && !util::iequals_ascii(url.substr(0, scheme), "file:"))
    return std::string("the URL has no host");
  return std::nullopt;
}

std::string url_file_name(std::string_view url) {
  const std::size_t end = url.find_first_of("?#");
  std::string_view path = url.substr(0, end);
  if (const auto where = authority(url); where && where->end <= path.size())
    path = path.substr(where->end);
  const std::size_t slash = path.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string out;
  for (std::size_t i = 0; i < last.size(); ++i) {
    if (last[i] == '%' && i + 2 < last.size()) {
      const int high = hex_value(last[i + 1]);
      const int low = hex_value(last[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += last[i];
  }
  return out;
}

std::string path_file_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace gator::lock

// Index URL checks (RFC 3986 shape, restricted to what an index needs).
#include <string>

#include "profile/values.hpp"
#include "util/strings.hpp"

namespace gator::profile {

namespace {

using util::ParseError;

struct Authority {
  std::size_t begin = 0;  // just after "://"
  std::size_t end = 0;    // at the first '/', '?', '#' or the end
};

[[nodiscard]] bool is_hex(char c) {
  return util::is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// unreserved / sub-delims / ':' / '@' / '/' / '?' (percent-escapes are checked separately).
[[nodiscard]] bool is_url_char(char c) {
  if (util::is_ascii_alnum(c))
    return true;
  const std::string_view allowed = "-._~!$&'()*+,;=:@/?";
  return allowed.find(c) != std::string_view::npos;
}

[[nodiscard]] std::size_t scheme_end(std::string_view url) {
  std::size_t end = 0;
  while (end < url.size() &&
         (util::is_ascii_alnum(url[end]) || url[end] == '+' || url[end] == '-' || url[end] == '.'))
    ++end;
  return end;
}

[[nodiscard]] std::optional<Authority> authority(std::string_view url) {
  const std::size_t colon = scheme_end(url);
  if (colon == 0 || url.substr(colon, 3) != "://")
    return std::nullopt;
  Authority result{colon + 3, url.find_first_of("/?#", colon + 3)};
  if (result.end == std::string_view::npos)
    result.end = url.size();
  return result;
}

[[nodiscard]] std::expected<void, ParseError> check_host(std::string_view url, std::size_t begin,
                                                         std::size_t end) {
  std::size_t host_end = end;
  if (begin < end && url[begin] == '[') {
    // An IPv6 literal: hex digits, ':' and '.', closed by ']'.
    const std::size_t close = url.find(']', begin);
    if (close == std::string_view::npos || close >= end)
      return std::unexpected(ParseError::at(url, begin, end - begin, "unclosed IPv6 address"));
    for (std::size_t i = begin + 1; i < close; ++i)
      if (!is_hex(url[i]) && url[i] != ':' && url[i] != '.')
        return std::unexpected(ParseError::at(url, i, 1, "invalid character in IPv6 address"));
    host_end = close + 1;
  } else {
    host_end = url.find(':', begin);
    if (host_end == std::string_view::npos || host_end > end)
      host_end = end;
    for (std::size_t i = begin; i < host_end; ++i)
      if (!util::is_ascii_alnum(url[i]) && url[i] != '-' && url[i] != '.')
        return std::unexpected(ParseError::at(url, i, 1, "invalid character in the host name"));
  }
  if (host_end == begin)
    return std::unexpected(ParseError::at(url, begin, 0, "missing host name"));
  if (host_end == end)
    return {};
  if (url[host_end] != ':')
    return std::unexpected(ParseError::at(url, host_end, 1, "unexpected text after the host"));
  const std::string_view port = url.substr(host_end + 1, end - host_end - 1);
  bool ok = !port.empty() && port.size() <= 5;
  std::uint32_t value = 0;
  for (const char c : port) {
    ok = ok && util::is_ascii_digit(c);
    value = ok ? value * 10 + static_cast<std::uint32_t>(c - '0') : value;
  }
  if (!ok || value == 0 || value > 65535)
    return std::unexpected(ParseError::at(url, host_end + 1, port.size(),
                                          "the port must be a number from 1 to 65535"));
  return {};
}

}  // namespace

std::optional<UrlSpan> find_url_credentials(std::string_view url) {
  const auto parts = authority(url);
  if (!parts)
    return std::nullopt;
  const std::size_t at = url.rfind('@', parts->end == 0 ? 0 : parts->end - 1);
  if (at == std::string_view::npos || at < parts->begin)
    return std::nullopt;
  return UrlSpan{parts->begin, at + 1 - parts->begin};
}

std::expected<void, ParseError> check_index_url(std::string_view url) {
  if (url.empty())
    return std::unexpected(ParseError::at(url, 0, 0, "empty URL"));
  const std::size_t colon = scheme_end(url);
  if (colon == 0 || colon >= url.size() || url[colon] != ':')
    return std::unexpected(ParseError::at(url, 0, colon, "expected a scheme such as https://"));
  const std::string scheme = util::ascii_lower(url.substr(0, colon));
  if (scheme != "http" && scheme != "https" && scheme != "file")
    return std::unexpected(ParseError::at(url, 0, colon,
                                          "unsupported scheme \"" +
                                              std::string(url.substr(0, colon)) +
                                              "\" (use https, http or file)"));
  const auto parts = authority(url);
  if (!parts)
    return std::unexpected(ParseError::at(url, colon, 1, "expected \"://\" after the scheme"));
  if (const auto credentials = find_url_credentials(url))
    return std::unexpected(ParseError::at(url, credentials->offset, credentials->length,
                                          "credentials are not allowed in an index URL"));
  for (std::size_t i = parts->begin; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '#')
      return std::unexpected(ParseError::at(url, i, url.size() - i, "a fragment is not allowed"));
    if (c == '%') {
      if (i + 2 >= url.size() || !is_hex(url[i + 1]) || !is_hex(url[i + 2]))
        return std::unexpected(ParseError::at(url, i, std::min<std::size_t>(3, url.size() - i),
                                              "'%' must start an escape such as %20"));
      continue;
    }
    const bool bracket = (c == '[' || c == ']') && i < parts->end;  // an IPv6 host
    if (!is_url_char(c) && !bracket)
      return std::unexpected(
          ParseError::at(url, i, 1, "character not allowed in a URL (percent-encode it)"));
  }
  if (scheme == "file") {
    const std::string_view host = url.substr(parts->begin, parts->end - parts->begin);
    if ((!host.empty() && host != "localhost") || parts->end == url.size() ||
        url[parts->end] != '/')
      return std::unexpected(ParseError::at(url, parts->begin, parts->end - parts->begin,
                                            "expected file:///absolute/path"));
    return {};
  }
  return check_host(url, parts->begin, parts->end);
}

}  // namespace gator::profile

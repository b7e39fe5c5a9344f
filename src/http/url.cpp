#include "http/url.hpp"

#include <ostream>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace gator::http {
namespace {

constexpr std::string_view k_redacted = "****";

[[nodiscard]] bool is_scheme_char(char c) {
  return util::is_ascii_alnum(c) || c == '+' || c == '-' || c == '.';
}

}  // namespace

std::expected<RedactedUrl, util::ParseError> RedactedUrl::parse(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte <= 0x20 || byte == 0x7f) {
      return std::unexpected(util::ParseError::at(
          text, i, 1, "invalid URL: spaces and control characters must be percent-encoded"));
    }
  }
  if (text.empty() || !util::is_ascii_alpha(text.front())) {
    return std::unexpected(
        util::ParseError::at(text, 0, text.empty() ? 0 : 1, "invalid URL: expected a scheme"));
  }
  std::size_t pos = 1;
  while (pos < text.size() && is_scheme_char(text[pos]))
    ++pos;
  if (pos >= text.size() || text[pos] != ':') {
    return std::unexpected(
        util::ParseError::at(text, 0, pos, "invalid URL: expected `:` after the scheme"));
  }
  RedactedUrl url;
  url.m_scheme_length = pos;
  if (text.substr(pos + 1, 2) != "//") {
    return std::unexpected(util::ParseError::at(
        text, pos + 1, 0, "invalid URL: expected `//` and a host after the scheme"));
  }
  const std::size_t authority = pos + 3;
  std::size_t end = text.find_first_of("/?#", authority);
  if (end == std::string_view::npos)
    end = text.size();
  url.m_path_offset = end;

  std::size_t host = authority;
  const std::size_t at = text.substr(authority, end - authority).rfind('@');
  if (at != std::string_view::npos) {
    url.m_has_at = true;
    url.m_userinfo_offset = authority;
    url.m_userinfo_length = at;
    host = authority + at + 1;
  }
  std::size_t host_end = end;
  if (host < end && text[host] == '[') {
    const std::size_t close = text.find(']', host);
    if (close == std::string_view::npos || close >= end) {
      return std::unexpected(
          util::ParseError::at(text, host, end - host, "invalid URL: unterminated IPv6 address"));
    }
    host_end = close + 1;
  } else {
    const std::size_t colon = text.substr(host, end - host).find(':');
    if (colon != std::string_view::npos)
      host_end = host + colon;
  }
  if (host_end < end) {
    if (text[host_end] != ':') {
      return std::unexpected(util::ParseError::at(text, host_end, end - host_end,
                                                  "invalid URL: unexpected text after the host"));
    }
    const std::string_view digits = text.substr(host_end + 1, end - host_end - 1);
    if (!digits.empty()) {
      std::uint32_t port = 0;
      for (char c : digits) {
        if (!util::is_ascii_digit(c) || port > 65535) {
          port = 65536;
          break;
        }
        port = port * 10 + static_cast<std::uint32_t>(c - '0');
      }
      if (port > 65535) {
        return std::unexpected(util::ParseError::at(text, host_end + 1, digits.size(),
                                                    "invalid URL: the port must be 0 to 65535"));
      }
      url.m_port = static_cast<std::uint16_t>(port);
    }
  }
  url.m_host_offset = host;
  url.m_host_length = host_end - host;
  const std::string scheme = util::ascii_lower(text.substr(0, url.m_scheme_length));
  if (url.m_host_length == 0 && scheme != "file") {
    return std::unexpected(
        util::ParseError::at(text, host, 0, "invalid URL: expected a host after `//`"));
  }

  url.m_raw.reserve(text.size());
  url.m_raw = scheme;
  url.m_raw += text.substr(url.m_scheme_length);
  if (url.m_has_at) {
    url.m_display = url.m_raw.substr(0, authority);
    url.m_display += k_redacted;
    url.m_display += url.m_raw.substr(host - 1);
  } else {
    url.m_display = url.m_raw;
  }
  return url;
}

RedactedUrl RedactedUrl::from(std::string_view text) {
  auto parsed = parse(text);
  if (!parsed) {
    // The rendered error quotes the input, which may hold credentials: quote a redacted copy.
    util::ParseError error = parsed.error();
    const std::size_t at = error.input.find('@');
    const std::size_t slashes = error.input.find("//");
    if (at != std::string::npos && slashes != std::string::npos && slashes < at) {
      const std::size_t start = slashes + 2;
      error.input.replace(start, at - start, std::string(at - start, '*'));
    }
    throw Error(ErrorKind::invalid_input, error.render());
  }
  return std::move(*parsed);
}

std::string_view RedactedUrl::userinfo_for_scrubbing() const {
  return std::string_view(m_raw).substr(m_userinfo_offset, m_userinfo_length);
}

RedactedUrl RedactedUrl::without_credentials() const {
  if (!m_has_at)
    return *this;
  RedactedUrl copy = *this;
  const std::size_t removed = m_userinfo_length + 1;
  copy.m_raw.erase(m_userinfo_offset, removed);
  copy.m_display = copy.m_raw;
  copy.m_has_at = false;
  copy.m_userinfo_offset = 0;
  copy.m_userinfo_length = 0;
  copy.m_host_offset -= removed;
  copy.m_path_offset -= removed;
  return copy;
}

std::string_view RedactedUrl::scheme() const {
  return std::string_view(m_raw).substr(0, m_scheme_length);
}

std::string_view RedactedUrl::host() const {
  return std::string_view(m_raw).substr(m_host_offset, m_host_length);
}

std::string RedactedUrl::path_and_query() const {
  std::string_view rest = std::string_view(m_raw).substr(m_path_offset);
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() != '/')
    return "/" + std::string(rest);
  return std::string(rest);
}

std::ostream& operator<<(std::ostream& out, const RedactedUrl& url) {
  return out << url.display();
}

}  // namespace gator::http

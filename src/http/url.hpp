#pragma once

#include <cstdint>
#include <expected>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "util/parse_error.hpp"

namespace gator::http {

// An absolute URL that cannot print its credentials: to_string(), display() and operator<< put
// "****" in place of the userinfo, so a URL can go into errors, logs, observer events and the
// lockfile safely. The form with credentials is reachable only through raw_for_request(), which
// the client uses to build the request and nothing should use for output.
class RedactedUrl {
 public:
  // Accepts `scheme://[userinfo@]host[:port][/path][?query][#fragment]` (and `file:///path`).
  // Spaces and control characters are rejected: they have to be percent-encoded.
  [[nodiscard]] static std::expected<RedactedUrl, util::ParseError> parse(std::string_view text);
  // Like parse(), throwing gator::Error(invalid_input) with the rendered parse error.
  [[nodiscard]] static RedactedUrl from(std::string_view text);

  [[nodiscard]] const std::string& display() const { return m_display; }
  [[nodiscard]] std::string to_string() const { return m_display; }
  // The URL as given, credentials included: for building requests only, never for output.
  [[nodiscard]] const std::string& raw_for_request() const { return m_raw; }
  // The userinfo (`user:password`, still percent-encoded): lets error text be scrubbed of it.
  [[nodiscard]] std::string_view userinfo_for_scrubbing() const;

  [[nodiscard]] bool has_credentials() const { return m_has_at; }
  [[nodiscard]] RedactedUrl without_credentials() const;

  [[nodiscard]] std::string_view scheme() const;  // lowercase
  [[nodiscard]] std::string_view host() const;    // as written (IPv6 keeps its brackets)
  [[nodiscard]] std::optional<std::uint16_t> port() const { return m_port; }
  // Everything after the authority, without the fragment; "/" when empty.
  [[nodiscard]] std::string path_and_query() const;

  friend bool operator==(const RedactedUrl& a, const RedactedUrl& b) { return a.m_raw == b.m_raw; }

 private:
  RedactedUrl() = default;

  std::string m_raw;
  std::string m_display;
  std::size_t m_scheme_length = 0;
  std::size_t m_userinfo_offset = 0;
  std::size_t m_userinfo_length = 0;
  bool m_has_at = false;
  std::size_t m_host_offset = 0;
  std::size_t m_host_length = 0;
  std::optional<std::uint16_t> m_port;
  std::size_t m_path_offset = 0;  // start of path, query or fragment (end of the authority)
};

// Prints the redacted form, so that GoogleTest and logs never show credentials either.
std::ostream& operator<<(std::ostream& out, const RedactedUrl& url);

}  // namespace gator::http

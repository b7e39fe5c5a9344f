#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "http/url.hpp"
#include "util/error.hpp"

// How a failed attempt is described and turned into a gator::Error (internal; pure).
namespace gator::http::detail {

struct Failure {
  ErrorKind kind = ErrorKind::network;
  std::string reason;  // one line, already redacted
  std::vector<std::string> hints;
  bool retryable = false;
  long status = 0;  // 0 for transfer errors
  std::optional<std::chrono::seconds> retry_after;
};

// "HTTP 503 Service Unavailable" (the reason phrase when the status is a common one).
[[nodiscard]] std::string status_text(long status);

// A failure for an HTTP status that is not returned as a response.
[[nodiscard]] Failure status_failure(long status, std::optional<std::chrono::seconds> retry_after);

// Removes the URL's credentials from text that came from elsewhere (libcurl's error buffer).
[[nodiscard]] std::string scrub(std::string text, const RedactedUrl& url);

// "cannot fetch <redacted url>", caused by the reason and "after N attempts" (unless none was
// made), with the hints.
[[nodiscard]] Error make_error(const RedactedUrl& url, const Failure& failure, unsigned attempts);

// "the server asked to retry after 30 s"
[[nodiscard]] std::string retry_after_hint(std::chrono::seconds delay);

}  // namespace gator::http::detail

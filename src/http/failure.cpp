#include "http/failure.hpp"

namespace gator::http::detail {
namespace {

[[nodiscard]] const char* reason_phrase(long status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 407:
      return "Proxy Authentication Required";
    case 408:
      return "Request Timeout";
    case 410:
      return "Gone";
    case 416:
      return "Range Not Satisfiable";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return nullptr;
  }
}

void replace_all(std::string& text, std::string_view needle) {
  if (needle.empty())
    return;
  std::size_t pos = 0;
  while ((pos = text.find(needle, pos)) != std::string::npos) {
    text.replace(pos, needle.size(), "****");
    pos += 4;
  }
}

}  // namespace

std::string status_text(long status) {
  std::string text = "HTTP " + std::to_string(status);
  if (const char* phrase = reason_phrase(status))
    text += std::string(" ") + phrase;
  return text;
}

std::string retry_after_hint(std::chrono::seconds delay) {
  return "the server asked to retry after " + std::to_string(delay.count()) + " s";
}

Failure status_failure(long status, std::optional<std::chrono::seconds> retry_after) {
  Failure failure;
  failure.status = status;
  failure.reason = status_text(status);
  failure.retry_after = retry_after;
  failure.retryable = status == 408 || status == 429 || (status >= 500 && status <= 599);
  if (retry_after)
    failure.hints.push_back(retry_after_hint(*retry_after));
  if (status == 401) {
    failure.hints.push_back(
        "the server wants credentials: put them in the URL (https://user:password@host/...) or "
        "in a netrc file");
  } else if (status == 407) {
    failure.hints.push_back("the proxy wants credentials: put them in the proxy URL");
  } else if (status == 429) {
    failure.hints.push_back(
        "the server is limiting the request rate; try again later or with fewer parallel "
        "downloads");
  } else if (status >= 500) {
    failure.hints.push_back("the server is failing; try again later");
  }
  return failure;
}

std::string scrub(std::string text, const RedactedUrl& url) {
  const std::string_view userinfo = url.userinfo_for_scrubbing();
  replace_all(text, userinfo);
  const std::size_t colon = userinfo.find(':');
  // A password on its own (long enough not to mangle ordinary words).
  if (colon != std::string_view::npos && userinfo.size() - colon - 1 >= 4)
    replace_all(text, userinfo.substr(colon + 1));
  return text;
}

Error make_error(const RedactedUrl& url, const Failure& failure, unsigned attempts) {
  Error error(failure.kind, "cannot fetch " + url.to_string());
  error.caused_by(scrub(failure.reason, url));
  if (attempts > 0) {
    error.caused_by("after " + std::to_string(attempts) +
                    (attempts == 1 ? " attempt" : " attempts"));
  }
  for (const std::string& hint : failure.hints)
    error.hint(scrub(hint, url));
  return error;
}

}  // namespace gator::http::detail

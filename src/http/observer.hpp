#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "http/request.hpp"
#include "http/url.hpp"

namespace gator::http {

// Events carry only redacted URLs and redacted text, so an observer may print all of them.
// `transfer` identifies one request for the lifetime of a Client (it survives retries).
struct TransferStarted {
  std::uint64_t transfer = 0;
  RedactedUrl url;
  unsigned attempt = 1;
  std::uint64_t resume_from = 0;  // bytes already on disk that this attempt continues
};

struct TransferProgress {
  std::uint64_t transfer = 0;
  RedactedUrl url;
  std::uint64_t done = 0;                // bytes of the body so far (a resumed part included)
  std::optional<std::uint64_t> total{};  // when the server or the request says
};

struct TransferRetry {
  std::uint64_t transfer = 0;
  RedactedUrl url;
  unsigned failed_attempt = 1;
  unsigned max_attempts = 1;
  std::string reason{};  // "HTTP 503 Service Unavailable", "Failed to connect to ...", ...
  std::chrono::milliseconds delay{0};
  bool delay_from_retry_after = false;  // the server chose the delay
};

struct TransferFinished {
  std::uint64_t transfer = 0;
  RedactedUrl url;
  bool ok = false;  // a response (including 403/404) rather than an error
  long status = 0;
  std::uint64_t bytes_transferred = 0;
  unsigned attempts = 0;
  CacheOutcome cache = CacheOutcome::not_used;
  std::string error{};  // the first line of the error when !ok
};

// Progress and results of transfers; the library never prints, the CLI draws these. Callbacks
// run on the thread that called Client::fetch/fetch_all, between transfers' I/O, so they must
// be quick. An exception thrown by a callback aborts the whole batch and propagates.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_started(const TransferStarted& /*event*/) {}
  virtual void on_progress(const TransferProgress& /*event*/) {}
  virtual void on_retry(const TransferRetry& /*event*/) {}
  virtual void on_finished(const TransferFinished& /*event*/) {}
};

}  // namespace gator::http

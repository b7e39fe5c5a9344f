#pragma once

#include <expected>
#include <memory>
#include <vector>

#include "http/observer.hpp"
#include "http/options.hpp"
#include "http/request.hpp"
#include "util/error.hpp"

namespace gator::http {

// An HTTP(S) client over one libcurl multi handle: up to max_concurrency transfers at once,
// kept-alive connections reused across calls, HTTP/2 multiplexing where offered, retries with
// backoff, an optional on-disk cache for index pages and resumable file downloads.
// Not thread-safe: use one Client per thread.
class Client {
 public:
  using Outcome = std::expected<Response, Error>;

  explicit Client(ClientOptions options, Observer* observer = nullptr);
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // One request; throws gator::Error(network) when it fails after its retries (the error names
  // the redacted URL, the status or transfer error, the attempts and a hint), Error(io) when
  // the destination cannot be written and Error(interrupted) when cancelled.
  [[nodiscard]] Response fetch(Request request);

  // Many requests in parallel; results in request order. A failed request yields its Error and
  // does not stop the others; cancellation and observer exceptions are thrown.
  [[nodiscard]] std::vector<Outcome> fetch_all(std::vector<Request> requests);

  [[nodiscard]] const ClientOptions& options() const;

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace gator::http

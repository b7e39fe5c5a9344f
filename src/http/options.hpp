#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "http/retry.hpp"

namespace gator::http {

// Everything the client can be told, as one plain struct built by the caller (the CLI merges
// command line, environment and profile; nothing here reads the environment itself, except
// that libcurl keeps its own http_proxy / https_proxy / no_proxy handling when `proxy` is unset).
struct ClientOptions {
  std::size_t max_concurrency = 16;  // transfers (and connections) at once
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(15)};
  // A transfer slower than low_speed_limit bytes/s for low_speed_time is a timeout.
  std::uint64_t low_speed_limit = 1;
  std::chrono::seconds low_speed_time{30};
  std::chrono::milliseconds total_timeout{0};  // per attempt; 0: none
  long max_redirects = 10;
  RetryOptions retry;
  bool http2 = true;  // negotiated over TLS (ALPN) and multiplexed when the server offers it

  // TLS: verified against the system CA store unless one of these names another bundle.
  std::filesystem::path ca_file;        // --cert FILE; wins over ssl_cert_file
  std::filesystem::path ssl_cert_file;  // the value of SSL_CERT_FILE, passed in by the caller
  std::filesystem::path ssl_cert_dir;   // the value of SSL_CERT_DIR

  // Unset: libcurl reads http_proxy, https_proxy, all_proxy and no_proxy from the environment.
  std::optional<std::string> proxy;
  std::optional<std::string> no_proxy;

  // Credentials for hosts whose URL has none; empty: no netrc. Credentials in a URL win.
  std::filesystem::path netrc_file;

  std::filesystem::path cache_dir;  // for CacheMode::revalidate requests; empty: no HTTP cache
  bool offline = false;             // only the cache and file:// URLs; a miss is an error

  std::string user_agent = "gator-provision";
  std::uint64_t max_memory_body = std::uint64_t{512} << 20;  // in-memory bodies larger fail

  // Set (e.g. from a SIGINT handler) to abort all transfers: fetch throws Error(interrupted)
  // and `.part` files stay for a later resume. Checked at least every 100 ms.
  const std::atomic<bool>* cancel = nullptr;
};

}  // namespace gator::http

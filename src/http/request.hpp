#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/range.hpp"
#include "http/url.hpp"
#include "util/sha256.hpp"

namespace gator::http {

struct Header {
  std::string name{};  // responses: lowercase
  std::string value{};

  friend bool operator==(const Header&, const Header&) = default;
};

// The value of the last header called `name` (ASCII case-insensitive), if any.
[[nodiscard]] std::optional<std::string_view> find_header(const std::vector<Header>& headers,
                                                          std::string_view name);

enum class CacheMode {
  bypass,      // neither read nor write the HTTP cache
  revalidate,  // serve from the cache after a conditional request (304); offline: cache only
};

enum class Resume {
  no,   // always download a file destination from the start
  yes,  // continue a `<destination>.part` left by an interrupted download when it is safe
};

// What to do when a server answers a Range request with the whole body (200 instead of 206).
enum class RangeIgnored {
  stop,         // abort the transfer at once; the response says range == ignored, body empty
  accept_body,  // keep the full body
};

// One request, as a plain value.
struct Request {
  RedactedUrl url;
  std::vector<Header> headers{};  // extra request headers (Accept, ...)
  std::optional<ByteRange> range{};
  RangeIgnored on_range_ignored = RangeIgnored::stop;
  // Empty: the body is returned in memory. Otherwise it streams into `<destination>.part`, which
  // is renamed to `destination` when complete (the parent directory is created).
  std::filesystem::path destination{};
  Resume resume = Resume::yes;
  // A body of another size is an error (bigger: stopped at once; smaller: retried as truncated).
  std::optional<std::uint64_t> expected_size{};
  CacheMode cache = CacheMode::bypass;  // only for in-memory bodies
  // File destinations: hash the body as it streams in (Response::sha256); ignored otherwise.
  bool compute_sha256 = false;
};

enum class CacheOutcome {
  not_used,
  stored,          // fetched from the network and written to the cache
  revalidated,     // the server answered 304: the body comes from the cache
  served_offline,  // offline mode: the body comes from the cache without a request
};

enum class RangeOutcome {
  not_requested,
  partial,  // 206 with the requested bytes
  ignored,  // the server sent 200 and the whole resource (or nothing, with RangeIgnored::stop)
};

struct Timings {
  std::chrono::microseconds name_lookup{0};
  std::chrono::microseconds connect{0};
  std::chrono::microseconds tls_handshake{0};  // until the TLS handshake completed
  std::chrono::microseconds first_byte{0};
  std::chrono::microseconds total{0};
};

// The result of a request, as a plain value. 2xx, 304, 403, 404 and 410 come back as responses
// (the index layer reads 403/404 as "not on this index"); other failures are thrown.
struct Response {
  RedactedUrl url;
  RedactedUrl effective_url;  // after redirects
  long status = 0;
  int http_version = 0;           // 10, 11, 20, 30; 0 for file:// URLs
  std::vector<Header> headers{};  // of the final response, names lowercase
  std::string body{};             // in-memory requests (and the body of 403/404 responses)
  std::filesystem::path file{};   // file destinations, once complete
  // With Request::compute_sha256: the digest and size of the whole completed file (a kept
  // `.part` prefix included), computed while it streamed in.
  std::optional<util::Sha256Digest> sha256{};
  // Body bytes received for this request, every attempt included (0 for a cache hit, the
  // remainder for a resumed download; after content decoding for in-memory bodies).
  std::uint64_t bytes_transferred = 0;
  std::uint64_t resumed_from = 0;  // bytes of a `.part` file that were kept
  unsigned attempts = 0;
  unsigned redirects = 0;
  long new_connections = 0;  // connections the final attempt opened: 0 means one was reused
  CacheOutcome cache = CacheOutcome::not_used;
  RangeOutcome range = RangeOutcome::not_requested;
  Timings timings{};                                 // of the final attempt
  std::chrono::steady_clock::time_point started{};   // first attempt began
  std::chrono::steady_clock::time_point finished{};  // final attempt ended

  [[nodiscard]] bool ok() const { return status >= 200 && status <= 299; }
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

}  // namespace gator::http

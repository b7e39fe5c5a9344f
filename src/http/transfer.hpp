#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/cache.hpp"
#include "http/client.hpp"
#include "http/curl_handles.hpp"
#include "http/failure.hpp"
#include "util/sha256.hpp"

// One request's life inside the Client: its easy handle, the state of the current attempt and
// the libcurl callbacks that fill it (internal to the HTTP module).
namespace gator::http::detail {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// What the transfers of one Client share.
struct Shared {
  const ClientOptions* options = nullptr;
  Observer* observer = nullptr;
  std::exception_ptr observer_error;  // thrown by an observer inside a curl callback
};

// Filled by the callbacks during one attempt; reset before the next.
struct Attempt {
  long status = 0;  // of the last status line seen
  std::vector<Header> headers;
  bool body_decided = false;
  bool sink_body = false;  // a 2xx body: goes to the destination; otherwise to error_body
  std::string error_body;
  std::uint64_t written = 0;  // bytes given to the sink by this attempt
  std::uint64_t last_progress = UINT64_MAX;
  // Why a callback stopped the transfer, if it did.
  bool range_ignored = false;
  bool resume_mismatch = false;  // a 206 that does not continue the part file
  bool cancelled = false;
  std::optional<std::string> too_large;
  std::optional<std::string> io_error;
};

enum class TransferState { waiting, running, done };

struct Transfer {
  explicit Transfer(Request r) : request(std::move(r)) {}

  std::uint64_t id = 0;
  std::size_t index = 0;
  Request request;
  Shared* shared = nullptr;
  std::string accept;  // the request's Accept header (the cache varies on it)
  std::optional<CacheEntry> cached;

  CurlEasy easy;
  CurlSlist header_list;
  char error_buffer[CURL_ERROR_SIZE] = {};

  TransferState state = TransferState::waiting;
  unsigned attempts = 0;
  std::chrono::steady_clock::time_point not_before;
  std::chrono::steady_clock::time_point started;
  std::uint64_t received = 0;  // body bytes from the network, all attempts

  std::filesystem::path part_path;       // <destination>.part
  std::filesystem::path validator_path;  // <destination>.part.validator: ETag or Last-Modified
  std::unique_ptr<std::FILE, FileCloser> part;
  std::uint64_t resume_from = 0;
  std::string memory_body;
  // Request::compute_sha256 with a file destination: the bytes of the part file so far (a kept
  // prefix is fed once a resume is accepted, then what this attempt writes).
  std::optional<util::Sha256Hasher> hasher;

  Attempt attempt;
  std::optional<Client::Outcome> outcome;

  [[nodiscard]] bool is_file_url() const { return request.url.scheme() == "file"; }
  [[nodiscard]] bool to_file() const { return !request.destination.empty(); }
  [[nodiscard]] bool hashing() const { return to_file() && request.compute_sha256; }
};

// Prepares the next attempt: resume decision, easy handle options and request headers. Throws
// gator::Error(internal) when libcurl (or OpenSSL) refuses.
void configure_attempt(Transfer& transfer);

// Decides where the body of the final response goes (called by the first body byte, or at the
// end for an empty body); when a resume is accepted, hashes the kept part first. Returns false
// when the transfer must stop.
bool decide_body(Transfer& transfer);

// Closes the part file; records a write error in the attempt.
void close_part(Transfer& transfer);

// Describes a libcurl error for errors and retry events (redacted, with hints).
[[nodiscard]] Failure curl_failure(const Transfer& transfer, CURLcode code);

[[nodiscard]] Timings read_timings(CURL* easy);

// The response of a finished attempt (status, headers, final URL, counters, timings); the body
// and file are filled in by the caller.
[[nodiscard]] Response response_from_transfer(const Transfer& transfer, long status);

// A response built from the transfer's cache entry.
[[nodiscard]] Response response_from_cache(const Transfer& transfer, CacheOutcome outcome);

}  // namespace gator::http::detail

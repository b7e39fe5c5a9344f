#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace gator::http {

struct RetryOptions {
  unsigned max_attempts = 4;  // the first attempt included; 1 disables retries
  std::chrono::milliseconds initial_delay{500};
  std::chrono::milliseconds max_delay{std::chrono::seconds(20)};
  // Each backoff delay is drawn from [(1 - jitter) * d, d], so that clients that failed together
  // do not retry together.
  double jitter = 0.5;
  // A Retry-After longer than this is not waited for: the request fails at once, saying so.
  std::chrono::seconds max_retry_after{60};
  // Fixes the jitter sequence (tests); otherwise it is seeded from std::random_device.
  std::optional<std::uint64_t> jitter_seed;
};

// 408, 429 and every 5xx: the server may well answer differently a little later.
[[nodiscard]] bool is_retryable_status(long status);

// An HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text);

// Retry-After: delay-seconds or an HTTP-date (a date in the past means "now"). nullopt for
// anything else, which callers treat as if the header were absent.
[[nodiscard]] std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

// The un-jittered delay before retry number `retry` (1-based): initial * 2^(retry-1), capped.
[[nodiscard]] std::chrono::milliseconds nominal_delay(const RetryOptions& options, unsigned retry);

// Exponential backoff with jitter; deterministic when the options carry a seed.
class Backoff {
 public:
  explicit Backoff(const RetryOptions& options);

  [[nodiscard]] std::chrono::milliseconds delay(unsigned retry);

 private:
  RetryOptions m_options;
  std::mt19937_64 m_rng;
};

}  // namespace gator::http

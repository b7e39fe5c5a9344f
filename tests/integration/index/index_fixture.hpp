#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "index/digest.hpp"
#include "index/finder.hpp"
#include "nginx_test.hpp"

namespace gator::index::testing {

// Short timeouts and tiny, deterministic backoff.
[[nodiscard]] inline http::ClientOptions fast_options() {
  http::ClientOptions options;
  options.connect_timeout = std::chrono::seconds(3);
  options.low_speed_time = std::chrono::seconds(10);
  options.retry.max_attempts = 2;
  options.retry.initial_delay = std::chrono::milliseconds(10);
  options.retry.max_delay = std::chrono::milliseconds(50);
  options.retry.jitter_seed = 7;
  return options;
}

[[nodiscard]] inline pep508::PackageName name(std::string_view text) {
  return *pep508::PackageName::parse(text);
}

[[nodiscard]] inline std::string sha256_of(std::string_view data) {
  return *hex_digest("sha256", data);
}

[[nodiscard]] inline std::vector<std::string> filenames(const ProjectFiles& files) {
  std::vector<std::string> names;
  for (const IndexFile& file : files.files)
    names.push_back(file.filename());
  return names;
}

// Sums the body bytes nginx logged for the lines given.
[[nodiscard]] inline std::uint64_t logged_bytes(const std::vector<test::AccessLogLine>& lines) {
  std::uint64_t total = 0;
  for (const test::AccessLogLine& line : lines)
    total += line.body_bytes;
  return total;
}

}  // namespace gator::index::testing

#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "nginx_server.hpp"

namespace gator::test {

// Base class of tests against the fixture's nginx. The state directory comes from
// $GATOR_NGINX_STATE (set by gator_integration_test) or the compiled-in default. Without a server
// every test skips with the reason, except in CI, where it fails.
class NginxTest : public ::testing::Test {
 protected:
  // Inline so that GATOR_NGINX_DEFAULT_STATE comes from the test executable's own definitions.
  static void SetUpTestSuite() {
#ifdef GATOR_NGINX_DEFAULT_STATE
    attach_once(GATOR_NGINX_DEFAULT_STATE);
#else
    attach_once({});
#endif
  }
  void SetUp() override;

  [[nodiscard]] static const NginxServer& server() {
    return *s_server;
  }
  // The requests nginx logged since this test began whose request line contains `needle`.
  [[nodiscard]] std::vector<AccessLogLine> logged_requests(const std::string& needle) const {
    return server().access_log_lines(needle, m_log_offset);
  }
  // nginx logs a request when it is over for nginx, which for a request the client aborted can
  // be a little later: waits (up to `timeout`) until `count` lines are there.
  [[nodiscard]] std::vector<AccessLogLine> wait_for_logged_requests(
      const std::string& needle, std::size_t count,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

  // A fresh, empty directory for this test's files under the document root, optionally below a
  // top-level `area` that a location block configures (e.g. "slow" for a rate-limited one):
  // <root>/<area>/<Suite>.<Test>/.
  [[nodiscard]] std::filesystem::path serve_dir(std::string_view area = "") const;
  // A fresh, empty directory outside the document root (downloads, caches).
  [[nodiscard]] std::filesystem::path scratch_dir() const;
  // http://127.0.0.1:PORT/<path of `file` below the document root>
  [[nodiscard]] std::string url_for(const std::filesystem::path& file) const;
  [[nodiscard]] std::string tls_url_for(const std::filesystem::path& file) const;
  // A URL that certainly refuses connections (a port bound by nobody).
  [[nodiscard]] static std::string closed_port_url(std::string_view userinfo = "");

  static void write_file(const std::filesystem::path& path, std::string_view content);
  [[nodiscard]] static std::string read_file(const std::filesystem::path& path);
  [[nodiscard]] static std::string test_name();

 private:
  static void attach_once(const std::filesystem::path& default_state);

  std::uintmax_t m_log_offset = 0;
  static std::optional<NginxServer> s_server;
  static std::string s_unavailable;
};

}  // namespace gator::test

// Inside a test body: TLS is needed (skip, or fail in CI, when the fixture has none).
#define GATOR_REQUIRE_TLS()                                                             \
  do {                                                                                  \
    if (server().tls_port() == 0) {                                                     \
      if (::gator::test::running_in_ci())                                               \
        GTEST_FAIL() << "no TLS listener in CI: " << server().tls_unavailable_reason(); \
      GTEST_SKIP() << "no TLS listener: " << server().tls_unavailable_reason();         \
    }                                                                                   \
  } while (false)

#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// A real nginx on 127.0.0.1 for integration tests: configuration, pid, logs and temp paths all
// live in one state directory (nothing under /etc, /var or /run is touched). A CTest fixture
// starts it (`gator_nginx_fixture start`), tests attach to it by reading `server.env` from the
// state directory, and the fixture's cleanup test stops it. See tests/integration/README.md.
namespace gator::test {

// CI=true: a missing nginx (or openssl, for TLS tests) fails the tests instead of skipping them.
[[nodiscard]] bool running_in_ci();

struct NginxOptions {
  std::filesystem::path state_dir;      // created; holds nginx.conf, server.env, logs/, tmp/
  std::filesystem::path document_root;  // empty: <state_dir>/www (created)
  // Extra directives for every server block (typically `location` blocks), inline and/or in a
  // file that is `include`d.
  std::string server_config;
  std::filesystem::path server_config_file;
  // A second listener with TLS (HTTP/2 over ALPN), using a self-signed certificate for
  // 127.0.0.1 generated with the openssl command line tool into <state_dir>/tls/.
  bool tls = false;
  // Users for `auth_basic_user_file <state_dir>/htpasswd` (plain-text scheme).
  std::vector<std::pair<std::string, std::string>> users;
  std::filesystem::path nginx;    // empty: find_nginx()
  std::filesystem::path openssl;  // empty: $GATOR_OPENSSL, then PATH
};

struct AccessLogLine {
  std::uint64_t connection = 0;           // $connection
  std::uint64_t connection_requests = 0;  // $connection_requests: > 1 on a reused connection
  int status = 0;
  std::uint64_t body_bytes = 0;
  std::string request;  // "GET /path HTTP/1.1"
};

class NginxServer {
 public:
  // $GATOR_NGINX when set (empty or missing file: none), else `hint`, /usr/sbin/nginx,
  // /usr/local/sbin/nginx, /usr/local/nginx/sbin/nginx, then PATH.
  [[nodiscard]] static std::optional<std::filesystem::path> find_nginx(
      const std::filesystem::path& hint = {});

  // Writes the configuration, picks free ports and starts a daemonised nginx; returns once it
  // accepts connections. Throws std::runtime_error (with the error log) when it cannot.
  [[nodiscard]] static NginxServer start(const NginxOptions& options);

  // Records in server.env that no server could be started, and why (tests then skip, or fail
  // in CI).
  static void write_unavailable(const std::filesystem::path& state_dir, const std::string& reason);

  // The server started in `state_dir` (by this or another process), or why there is none.
  [[nodiscard]] static std::expected<NginxServer, std::string> attach(
      const std::filesystem::path& state_dir);

  // Stops the server of `state_dir` if one runs (graceful, then forced); never throws.
  static void stop(const std::filesystem::path& state_dir);

  [[nodiscard]] std::string base_url() const;      // "http://127.0.0.1:PORT"
  [[nodiscard]] std::string tls_base_url() const;  // "https://127.0.0.1:PORT"; empty without TLS
  [[nodiscard]] std::uint16_t port() const { return m_port; }
  [[nodiscard]] std::uint16_t tls_port() const { return m_tls_port; }
  [[nodiscard]] const std::string& tls_unavailable_reason() const { return m_tls_reason; }
  [[nodiscard]] const std::filesystem::path& state_dir() const { return m_state_dir; }
  [[nodiscard]] const std::filesystem::path& document_root() const { return m_root; }
  [[nodiscard]] std::filesystem::path cert_file() const { return m_state_dir / "tls" / "cert.pem"; }
  [[nodiscard]] std::filesystem::path access_log() const {
    return m_state_dir / "logs" / "access.log";
  }
  [[nodiscard]] std::filesystem::path error_log() const {
    return m_state_dir / "logs" / "error.log";
  }
  // Access log lines whose request contains `needle`, from byte `offset` of the log on (the log
  // is shared by parallel tests: filter on a path unique to the test).
  [[nodiscard]] std::vector<AccessLogLine> access_log_lines(const std::string& needle,
                                                            std::uintmax_t offset = 0) const;
  [[nodiscard]] std::uintmax_t access_log_size() const;

 private:
  std::filesystem::path m_state_dir;
  std::filesystem::path m_root;
  std::uint16_t m_port = 0;
  std::uint16_t m_tls_port = 0;
  std::string m_tls_reason;
};

}  // namespace gator::test

#include "nginx_server.hpp"

#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/error.hpp"
#include "util/subprocess.hpp"

extern char** environ;

namespace gator::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

[[nodiscard]] bool is_executable(const fs::path& path) {
  std::error_code ec;
  return !path.empty() && fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

[[nodiscard]] std::optional<fs::path> search_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && is_executable(fs::path(dir) / name))
      return fs::path(dir) / name;
  }
  return std::nullopt;
}

[[nodiscard]] std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
}

[[nodiscard]] std::map<std::string, std::string> read_env_file(const fs::path& path) {
  std::map<std::string, std::string> values;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t equals = line.find('=');
    if (equals != std::string::npos)
      values[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return values;
}

// Alive and not a zombie (PID 1 in a container may never reap the daemon).
[[nodiscard]] bool process_alive(pid_t pid) {
  if (pid <= 0 || ::kill(pid, 0) != 0)
    return false;
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t paren = stat.rfind(')');
  return paren == std::string::npos || paren + 2 >= stat.size() || stat[paren + 2] != 'Z';
}

// Only signal a process that is an nginx: a stale pid file must not kill a stranger.
[[nodiscard]] bool is_nginx(pid_t pid) {
  const std::string cmdline = read_text("/proc/" + std::to_string(pid) + "/cmdline");
  return cmdline.find("nginx") != std::string::npos;
}

[[nodiscard]] pid_t read_pid(const fs::path& path) {
  try {
    return static_cast<pid_t>(std::stol(read_text(path)));
  } catch (const std::exception&) {
    return 0;
  }
}

// Ports the kernel hands out for 127.0.0.1:0 (all sockets held until every port is known, so
// they differ). nginx binds them right after; start() retries if another process was faster.
[[nodiscard]] std::vector<std::uint16_t> free_ports(std::size_t count) {
  std::vector<int> sockets;
  std::vector<std::uint16_t> ports;
  for (std::size_t i = 0; i < count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      if (fd >= 0)
        ::close(fd);
      break;
    }
    sockets.push_back(fd);
    ports.push_back(ntohs(address.sin_port));
  }
  for (int fd : sockets)
    ::close(fd);
  if (ports.size() != count)
    throw std::runtime_error("cannot find a free port on 127.0.0.1");
  return ports;
}

[[nodiscard]] bool accepts_connections(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// Runs a program with stdin from /dev/null and stdout+stderr into `log`, waiting at most
// `timeout`; returns its exit status (-1: killed after the timeout).
int run_logged(const std::vector<std::string>& args, const fs::path& log,
               std::chrono::milliseconds timeout) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> argv;
  for (const std::string& arg : args)
    argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int error = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0)
    throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(error));
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(10ms);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

[[nodiscard]] std::string generate_certificate(const NginxOptions& options, const fs::path& dir) {
  fs::path openssl = options.openssl;
  if (openssl.empty()) {
    if (const char* env = std::getenv("GATOR_OPENSSL"))
      openssl = env;
    else if (auto found = search_path("openssl"))
      openssl = *found;
  }
  if (!is_executable(openssl))
    return "the openssl command line tool was not found (set GATOR_OPENSSL)";
  util::ProcessRequest request;
  request.executable = openssl;
  request.args = {"req",
                  "-x509",
                  "-newkey",
                  "ec",
                  "-pkeyopt",
                  "ec_paramgen_curve:prime256v1",
                  "-nodes",
                  "-keyout",
                  (dir / "key.pem").string(),
                  "-out",
                  (dir / "cert.pem").string(),
                  "-days",
                  "7",
                  "-subj",
                  "/CN=127.0.0.1",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1,DNS:localhost"};
  request.timeout = 30s;
  try {
    const util::ProcessResult result = util::run_process(request);
    if (result.exit_code != 0)
      return "openssl could not create a certificate: " + result.err;
  } catch (const Error& error) {
    return std::string("openssl could not run: ") + error.what();
  }
  return {};
}

// A path as an nginx string (build directories may contain spaces).
[[nodiscard]] std::string quoted(const fs::path& path) {
  std::string out = "\"";
  for (char c : path.string()) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

[[nodiscard]] std::string config_text(const NginxOptions& options, const fs::path& state,
                                      const fs::path& root, std::uint16_t port,
                                      std::uint16_t tls_port) {
  std::string conf = "# Generated by the gator-provision integration tests.\n";
  conf += "worker_processes 1;\ndaemon on;\n";
  conf +=
      "pid " + quoted(state / "nginx.pid") + ";\nlock_file " + quoted(state / "nginx.lock") + ";\n";
  conf += "error_log " + quoted(state / "logs" / "error.log") + " warn;\n";
  if (::geteuid() == 0) {
    // Run as root, nginx would switch its workers to `nobody`, who may not read the build dir.
    const passwd* user = ::getpwuid(::geteuid());
    const group* grp = ::getgrgid(::getegid());
    if (user != nullptr && grp != nullptr)
      conf += std::string("user ") + user->pw_name + " " + grp->gr_name + ";\n";
  }
  conf += "events { worker_connections 1024; }\n";
  conf += "http {\n";
  conf +=
      "  log_format gator '$connection $connection_requests $status $body_bytes_sent "
      "\"$request\"';\n";
  conf += "  access_log " + quoted(state / "logs" / "access.log") + " gator;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
    conf += std::string("  ") + temp + "_temp_path " + quoted(state / "tmp" / temp) + ";\n";
  conf +=
      "  types {\n"
      "    text/html html htm;\n    text/plain txt METADATA;\n    application/json json;\n"
      "    application/vnd.pypi.simple.v1+json pypi-json;\n    application/zip zip whl;\n"
      "    application/gzip gz;\n  }\n"
      "  default_type application/octet-stream;\n"
      "  sendfile on;\n  keepalive_timeout 60s;\n  keepalive_requests 10000;\n";
  conf += "  server {\n";
  conf += "    listen 127.0.0.1:" + std::to_string(port) + ";\n";
  if (tls_port != 0) {
    conf += "    listen 127.0.0.1:" + std::to_string(tls_port) + " ssl http2;\n";
    conf += "    ssl_certificate " + quoted(state / "tls" / "cert.pem") + ";\n";
    conf += "    ssl_certificate_key " + quoted(state / "tls" / "key.pem") + ";\n";
  }
  conf += "    server_name localhost;\n";
  conf += "    root " + quoted(root) + ";\n";
  if (!options.server_config.empty())
    conf += options.server_config + "\n";
  if (!options.server_config_file.empty())
    conf += "    include " + quoted(fs::absolute(options.server_config_file)) + ";\n";
  conf += "  }\n}\n";
  return conf;
}

}  // namespace

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

std::optional<fs::path> NginxServer::find_nginx(const fs::path& hint) {
  if (const char* env = std::getenv("GATOR_NGINX")) {
    if (is_executable(env))
      return fs::path(env);
    return std::nullopt;  // set but empty or wrong: "no nginx" (lets a developer test skips)
  }
  for (const fs::path& candidate :
       {hint, fs::path("/usr/sbin/nginx"), fs::path("/usr/local/sbin/nginx"),
        fs::path("/usr/local/nginx/sbin/nginx")}) {
    if (is_executable(candidate))
      return candidate;
  }
  return search_path("nginx");
}

NginxServer NginxServer::start(const NginxOptions& options) {
  const fs::path state = fs::absolute(options.state_dir);
  stop(state);  // a server left by an earlier run of the same build
  for (const char* dir : {"logs", "tmp", "tls"})
    fs::create_directories(state / dir);
  fs::remove(state / "server.env");
  for (const char* log : {"access.log", "error.log", "startup.log"})
    fs::remove(state / "logs" / log);
  NginxServer server;
  server.m_state_dir = state;
  server.m_root =
      options.document_root.empty() ? state / "www" : fs::absolute(options.document_root);
  fs::create_directories(server.m_root);

  const std::optional<fs::path> nginx =
      options.nginx.empty() ? find_nginx() : std::optional<fs::path>(options.nginx);
  if (!nginx || !is_executable(*nginx))
    throw std::runtime_error("nginx was not found (set GATOR_NGINX to its path)");
  if (options.tls)
    server.m_tls_reason = generate_certificate(options, state / "tls");
  const bool tls = options.tls && server.m_tls_reason.empty();
  if (!options.tls)
    server.m_tls_reason = "this fixture was started without TLS";
  std::string users;
  for (const auto& [name, password] : options.users)
    users += name + ":{PLAIN}" + password + "\n";
  write_text(state / "htpasswd", users);

  std::string failure;
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::vector<std::uint16_t> ports = free_ports(tls ? 2 : 1);
    server.m_port = ports[0];
    server.m_tls_port = tls ? ports[1] : 0;
    write_text(state / "nginx.conf",
               config_text(options, state, server.m_root, server.m_port, server.m_tls_port));
    fs::remove(state / "nginx.pid");
    const fs::path log = state / "logs" / "startup.log";
    const int code =
        run_logged({nginx->string(), "-p", state.string(), "-c", (state / "nginx.conf").string(),
                    "-e", (state / "logs" / "error.log").string()},
                   log, 20s);
    failure = read_text(log);
    if (code == 0) {
      const auto deadline = std::chrono::steady_clock::now() + 10s;
      while (std::chrono::steady_clock::now() < deadline) {
        if (process_alive(read_pid(state / "nginx.pid")) && accepts_connections(server.m_port)) {
          std::ostringstream env;
          env << "status=running\nhttp_port=" << server.m_port
              << "\nhttps_port=" << server.m_tls_port << "\ntls_reason=" << server.m_tls_reason
              << "\nroot=" << server.m_root.string() << "\npid=" << read_pid(state / "nginx.pid")
              << "\n";
          write_text(state / "server.env", env.str());
          return server;
        }
        std::this_thread::sleep_for(20ms);
      }
      failure = "nginx started but does not accept connections\n" + read_text(server.error_log());
      stop(state);
    }
    if (failure.find("Address already in use") == std::string::npos)
      break;
  }
  throw std::runtime_error("nginx could not start (" + (state / "nginx.conf").string() + "):\n" +
                           failure);
}

void NginxServer::write_unavailable(const fs::path& state_dir, const std::string& reason) {
  fs::create_directories(state_dir);
  std::string one_line = reason;
  for (char& c : one_line) {
    if (c == '\n')
      c = ' ';
  }
  write_text(state_dir / "server.env", "status=unavailable\nreason=" + one_line + "\n");
}

std::expected<NginxServer, std::string> NginxServer::attach(const fs::path& state_dir) {
  const fs::path state = fs::absolute(state_dir);
  if (!fs::exists(state / "server.env")) {
    return std::unexpected("no nginx was started for " + state.string() +
                           " (run the tests with ctest, whose fixture starts it)");
  }
  const auto values = read_env_file(state / "server.env");
  const auto get = [&values](const std::string& key) {
    const auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
  };
  if (get("status") != "running")
    return std::unexpected(get("reason").empty() ? "nginx is not running" : get("reason"));
  const pid_t pid = read_pid(state / "nginx.pid");
  if (!process_alive(pid)) {
    return std::unexpected("nginx (" + state.string() + ") is not running any more; see " +
                           (state / "logs" / "error.log").string());
  }
  NginxServer server;
  server.m_state_dir = state;
  server.m_root = get("root");
  server.m_port = static_cast<std::uint16_t>(std::stoul(get("http_port")));
  server.m_tls_port = static_cast<std::uint16_t>(std::stoul(get("https_port")));
  server.m_tls_reason = get("tls_reason");
  return server;
}

void NginxServer::stop(const fs::path& state_dir) {
  const fs::path pid_file = fs::absolute(state_dir) / "nginx.pid";
  const pid_t pid = read_pid(pid_file);
  if (pid > 0 && process_alive(pid) && is_nginx(pid)) {
    for (const auto& [signal, wait] : std::array<std::pair<int, std::chrono::milliseconds>, 3>{
             {{SIGQUIT, 5000ms}, {SIGTERM, 2000ms}, {SIGKILL, 2000ms}}}) {
      ::kill(pid, signal);
      const auto deadline = std::chrono::steady_clock::now() + wait;
      while (process_alive(pid) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
      if (!process_alive(pid))
        break;
    }
  }
  std::error_code ec;
  fs::remove(pid_file, ec);
}

std::string NginxServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(m_port);
}

std::string NginxServer::tls_base_url() const {
  return m_tls_port == 0 ? std::string() : "https://127.0.0.1:" + std::to_string(m_tls_port);
}

std::uintmax_t NginxServer::access_log_size() const {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(access_log(), ec);
  return ec ? 0 : size;
}

std::vector<AccessLogLine> NginxServer::access_log_lines(const std::string& needle,
                                                         std::uintmax_t offset) const {
  std::vector<AccessLogLine> lines;
  std::ifstream in(access_log());
  in.seekg(static_cast<std::streamoff>(offset));
  std::string text;
  while (std::getline(in, text)) {
    if (text.find(needle) == std::string::npos)
      continue;
    std::istringstream fields(text);
    AccessLogLine line;
    fields >> line.connection >> line.connection_requests >> line.status >> line.body_bytes;
    const std::size_t open = text.find('"');
    const std::size_t close = text.rfind('"');
    if (open != std::string::npos && close > open)
      line.request = text.substr(open + 1, close - open - 1);
    lines.push_back(line);
  }
  return lines;
}

}  // namespace gator::test

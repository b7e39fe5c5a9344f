#include "nginx_test.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gator::test {

namespace fs = std::filesystem;

std::optional<NginxServer> NginxTest::s_server;
std::string NginxTest::s_unavailable;

void NginxTest::attach_once(const fs::path& default_state) {
  if (s_server || !s_unavailable.empty())
    return;
  fs::path state = default_state;
  if (const char* env = std::getenv("GATOR_NGINX_STATE"))
    state = env;
  if (state.empty()) {
    s_unavailable = "GATOR_NGINX_STATE is not set";
    return;
  }
  auto attached = NginxServer::attach(state);
  if (attached)
    s_server = std::move(*attached);
  else
    s_unavailable = attached.error();
}

void NginxTest::SetUp() {
  if (s_server) {
    m_log_offset = s_server->access_log_size();
    return;
  }
  if (running_in_ci())
    GTEST_FAIL() << "nginx is required in CI: " << s_unavailable;
  GTEST_SKIP() << "no nginx: " << s_unavailable;
}

std::vector<AccessLogLine> NginxTest::wait_for_logged_requests(
    const std::string& needle, std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<AccessLogLine> lines = logged_requests(needle);
  while (lines.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    lines = logged_requests(needle);
  }
  return lines;
}

std::string NginxTest::test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string(info->test_suite_name()) + "." + info->name();
}

fs::path NginxTest::serve_dir(std::string_view area) const {
  const fs::path dir = server().document_root() / fs::path(area) / test_name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path NginxTest::scratch_dir() const {
  const fs::path dir = server().state_dir() / "scratch" / test_name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string NginxTest::url_for(const fs::path& file) const {
  return server().base_url() + "/" + fs::relative(file, server().document_root()).generic_string();
}

std::string NginxTest::tls_url_for(const fs::path& file) const {
  return server().tls_base_url() + "/" +
         fs::relative(file, server().document_root()).generic_string();
}

std::string NginxTest::closed_port_url(std::string_view userinfo) {
  // Bind without listen: connecting to this port is refused while the socket is held, and the
  // kernel will not hand it out again right away once closed.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  std::string url = "http://";
  if (!userinfo.empty())
    url += std::string(userinfo) + "@";
  return url + "127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/simple/secret/";
}

void NginxTest::write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::string NginxTest::read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace gator::test

// The CTest fixture's setup and cleanup: `gator_nginx_fixture start|stop --state DIR ...`.
// Without nginx, `start` records why in DIR/server.env and succeeds, so that the tests skip,
// except when CI=true, where it fails.
#include <cstring>
#include <iostream>
#include <string>

#include "nginx_server.hpp"

namespace {

int usage() {
  std::cerr << "usage: gator_nginx_fixture start --state DIR [--root DIR] [--locations FILE] "
               "[--tls] [--user NAME:PASSWORD]... [--nginx PATH]\n"
               "       gator_nginx_fixture stop --state DIR\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using gator::test::NginxServer;
  if (argc < 2)
    return usage();
  const std::string command = argv[1];
  gator::test::NginxOptions options;
  std::filesystem::path nginx_hint;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--tls") {
      options.tls = true;
    } else if (arg == "--state" && has_value) {
      options.state_dir = argv[++i];
    } else if (arg == "--root" && has_value) {
      options.document_root = argv[++i];
    } else if (arg == "--locations" && has_value) {
      options.server_config_file = argv[++i];
    } else if (arg == "--nginx" && has_value) {
      nginx_hint = argv[++i];
    } else if (arg == "--user" && has_value) {
      const std::string user = argv[++i];
      const std::size_t colon = user.find(':');
      if (colon == std::string::npos)
        return usage();
      options.users.emplace_back(user.substr(0, colon), user.substr(colon + 1));
    } else {
      return usage();
    }
  }
  if (options.state_dir.empty())
    return usage();
  if (command == "stop") {
    NginxServer::stop(options.state_dir);
    std::cout << "nginx stopped (" << options.state_dir.string() << ")\n";
    return 0;
  }
  if (command != "start")
    return usage();
  const auto nginx = NginxServer::find_nginx(nginx_hint);
  if (!nginx) {
    const std::string reason = "nginx was not found (install it, or set GATOR_NGINX to its path)";
    NginxServer::write_unavailable(options.state_dir, reason);
    if (gator::test::running_in_ci()) {
      std::cerr << "error: " << reason << "; CI=true requires it\n";
      return 1;
    }
    std::cout << "skipping the nginx tests: " << reason << "\n";
    return 0;
  }
  options.nginx = *nginx;
  try {
    const NginxServer server = NginxServer::start(options);
    std::cout << "nginx " << nginx->string() << " serving " << server.document_root().string()
              << " at " << server.base_url();
    if (server.tls_port() != 0)
      std::cout << " and " << server.tls_base_url();
    else
      std::cout << " (no TLS: " << server.tls_unavailable_reason() << ")";
    std::cout << "\n";
    if (options.tls && server.tls_port() == 0 && gator::test::running_in_ci()) {
      std::cerr << "error: TLS was requested and CI=true requires it\n";
      return 1;
    }
    return 0;
  } catch (const std::exception& error) {
    NginxServer::write_unavailable(options.state_dir, error.what());
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
}

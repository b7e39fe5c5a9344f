#include "hardware/sysroot.hpp"

#include <algorithm>
#include <cerrno>
#include <deque>
#include <memory>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include "util/strings.hpp"

namespace gator::hardware {
namespace {

// Linux gives up after 40 links (ELOOP); so do we.
constexpr int k_max_links = 40;

std::error_code last_error() {
  return {errno, std::generic_category()};
}

void push_components(std::string_view path, std::deque<std::string>& out, bool front) {
  std::vector<std::string> parts;
  for (const std::string_view part : util::split(path, '/')) {
    if (!part.empty() && part != ".") {
      parts.emplace_back(part);
    }
  }
  if (front) {
    out.insert(out.begin(), parts.begin(), parts.end());
  } else {
    out.insert(out.end(), parts.begin(), parts.end());
  }
}

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

}  // namespace

std::string DetectError::render() const {
  std::string out = path;
  if (!out.empty() && line > 0) {
    out += ':' + std::to_string(line);
  }
  if (!out.empty()) {
    out += ": ";
  }
  return out + message;
}

Sysroot::Sysroot(std::filesystem::path root) {
  if (root.empty()) {
    root = "/";
  }
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(root, error);
  m_root = (error ? root : absolute).lexically_normal();
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(m_root, error);
  m_is_host = !error && canonical == "/";
  if (m_is_host) {
    m_root = "/";
  }
  // "/tmp/x/" and "/tmp/x" are one root; keep the form without the trailing separator.
  std::string text = m_root.string();
  while (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  m_root = text;
}

std::string Sysroot::display(std::string_view machine_path) const {
  if (m_is_host) {
    return std::string(machine_path);
  }
  std::string out = m_root.string();
  if (machine_path.empty() || machine_path.front() != '/') {
    out += '/';
  }
  return out + std::string(machine_path);
}

std::filesystem::path Sysroot::resolve(std::string_view machine_path) const {
  if (m_is_host) {
    return std::filesystem::path("/") / std::filesystem::path(machine_path).relative_path();
  }
  std::deque<std::string> todo;
  push_components(machine_path, todo, false);
  std::vector<std::string> done;
  int links = 0;
  auto current = [&] {
    std::filesystem::path path = m_root;
    for (const std::string& part : done) {
      path /= part;
    }
    return path;
  };
  while (!todo.empty()) {
    std::string part = std::move(todo.front());
    todo.pop_front();
    if (part == "..") {
      if (!done.empty()) {
        done.pop_back();
      }
      continue;
    }
    const std::filesystem::path candidate = current() / part;
    struct stat info {};
    if (links < k_max_links && ::lstat(candidate.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) {
      ++links;
      std::string target(4096, '\0');
      const ssize_t length = ::readlink(candidate.c_str(), target.data(), target.size());
      if (length > 0) {
        target.resize(static_cast<std::size_t>(length));
        if (target.front() == '/') {
          done.clear();
        }
        push_components(target, todo, true);
        continue;
      }
    }
    // Missing components and too many links are kept literally: opening the result then fails
    // with the error the caller reports.
    done.push_back(std::move(part));
  }
  return current();
}

std::expected<std::string, std::error_code> Sysroot::read(std::string_view machine_path,
                                                          std::size_t max_bytes) const {
  const std::filesystem::path path = resolve(machine_path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(last_error());
  }
  std::string out;
  char buffer[65536];
  for (;;) {
    const ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      const std::error_code error = last_error();
      ::close(fd);
      return std::unexpected(error);
    }
    if (count == 0) {
      break;
    }
    if (out.size() + static_cast<std::size_t>(count) > max_bytes) {
      ::close(fd);
      return std::unexpected(std::make_error_code(std::errc::file_too_large));
    }
    out.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(fd);
  return out;
}

std::expected<std::vector<std::string>, std::error_code> Sysroot::list(
    std::string_view machine_path) const {
  const std::filesystem::path path = resolve(machine_path);
  const std::unique_ptr<DIR, DirCloser> dir(::opendir(path.c_str()));
  if (!dir) {
    return std::unexpected(last_error());
  }
  std::vector<std::string> names;
  errno = 0;
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") {
      names.emplace_back(name);
    }
  }
  if (errno != 0) {
    return std::unexpected(last_error());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::expected<struct stat, std::error_code> Sysroot::status(std::string_view machine_path) const {
  const std::filesystem::path path = resolve(machine_path);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return std::unexpected(last_error());
  }
  return info;
}

bool Sysroot::exists(std::string_view machine_path) const {
  return status(machine_path).has_value();
}

bool is_absent(const std::error_code& error) {
  return error == std::errc::no_such_file_or_directory || error == std::errc::not_a_directory;
}

std::string quote(std::string_view text) {
  constexpr std::size_t k_max_shown = 60;
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "\"";
  const std::size_t shown = std::min(text.size(), k_max_shown);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += static_cast<char>(byte);
    } else if (byte < 0x20 || byte >= 0x7f) {
      out += "\\x";
      out += k_hex[byte >> 4];
      out += k_hex[byte & 0xf];
    } else {
      out += static_cast<char>(byte);
    }
  }
  out += '"';
  if (text.size() > k_max_shown) {
    out += "...";
  }
  return out;
}

}  // namespace gator::hardware

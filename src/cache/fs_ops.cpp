#include "cache/fs_ops.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace gator::cache::detail {

namespace fs = std::filesystem;

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other)
    reset(other.release());
  return *this;
}

void Fd::reset(int fd) {
  if (m_fd >= 0)
    ::close(m_fd);
  m_fd = fd;
}

std::string describe_errno(std::string_view what, const fs::path& path, int error_number) {
  std::string text(what);
  text += " ";
  text += path.string();
  text += ": ";
  text += std::strerror(error_number);
  return text;
}

std::string unique_token() {
  static std::atomic<unsigned> counter{0};
  thread_local std::mt19937_64 random{std::random_device{}()};
  const unsigned serial = counter.fetch_add(1);
  return std::to_string(::getpid()) + "-" + std::to_string(serial) + "-" +
         std::to_string(random() % 1000000007ULL);
}

bool rename_no_replace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
    return true;
  const int error = errno;
  if (error == EEXIST || error == ENOTEMPTY)
    return false;
  if (error != EINVAL && error != ENOSYS && error != ENOTSUP)
    throw Error(ErrorKind::io, describe_errno("cannot rename " + from.string() + " to", to, error));
  // No RENAME_NOREPLACE on this filesystem.
  struct stat status {};
  if (::lstat(from.c_str(), &status) != 0)
    throw Error(ErrorKind::io, describe_errno("cannot stat", from, errno));
  if (S_ISDIR(status.st_mode)) {
    // rename() refuses to replace a non-empty directory, and our trees are never empty.
    if (::rename(from.c_str(), to.c_str()) == 0)
      return true;
    if (errno == EEXIST || errno == ENOTEMPTY)
      return false;
    throw Error(ErrorKind::io, describe_errno("cannot rename " + from.string() + " to", to, errno));
  }
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST)
      return false;
    throw Error(ErrorKind::io, describe_errno("cannot link " + from.string() + " to", to, errno));
  }
  ::unlink(from.c_str());
  return true;
}

std::uint64_t remove_tree(const fs::path& path) {
  std::uint64_t bytes = 0;
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (error || !fs::exists(status))
    return 0;
  if (fs::is_directory(status)) {
    for (auto it = fs::recursive_directory_iterator(path, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::error_code ignored;
      if (it->is_regular_file(ignored) && !it->is_symlink(ignored))
        bytes += it->file_size(ignored);
    }
  } else if (fs::is_regular_file(status)) {
    bytes = fs::file_size(path, error);
  }
  fs::remove_all(path, error);
  if (error)
    throw Error(ErrorKind::io, "cannot remove " + path.string() + ": " + error.message());
  return bytes;
}

void make_directories(const fs::path& path) {
  std::error_code error;
  fs::create_directories(path, error);
  if (error)
    throw Error(ErrorKind::io, "cannot create directory " + path.string() + ": " + error.message());
}

void write_all(int fd, std::span<const std::byte> bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      throw Error(ErrorKind::io, describe_errno("cannot write", path, errno));
    }
    bytes = bytes.subspan(static_cast<std::size_t>(written));
  }
}

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  write_all(fd, std::as_bytes(std::span(bytes.data(), bytes.size())), path);
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  const fs::path temp =
      path.parent_path() / ("." + path.filename().string() + "." + unique_token());
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!fd)
    throw Error(ErrorKind::io, describe_errno("cannot create", temp, errno));
  try {
    write_all(fd.get(), content, temp);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  fd.reset();
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw Error(ErrorKind::io,
                describe_errno("cannot rename " + temp.string() + " to", path, error));
  }
}

}  // namespace gator::cache::detail

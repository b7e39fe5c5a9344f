#include "provision/venv_files.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace gator::provision::detail {
namespace {

EntryType type_of(mode_t mode) {
  if (S_ISREG(mode))
    return EntryType::file;
  if (S_ISDIR(mode))
    return EntryType::directory;
  if (S_ISLNK(mode))
    return EntryType::symlink;
  return EntryType::other;
}

std::string describe(EntryType type) {
  switch (type) {
    case EntryType::symlink:
      return "is a symbolic link";
    case EntryType::directory:
      return "is a directory";
    case EntryType::other:
      return "is not a regular file";
    case EntryType::missing:
    case EntryType::file:
      break;
  }
  return "is not a regular file";
}

// Closes the descriptor on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  ~Descriptor() {
    if (m_fd >= 0)
      ::close(m_fd);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  [[nodiscard]] int get() const { return m_fd; }

 private:
  int m_fd;
};

// O_NOFOLLOW: a symbolic link is refused (ELOOP); O_NONBLOCK: opening a FIFO does not wait for
// a writer. The fstat afterwards refuses anything but a regular file.
std::expected<int, ReadError> open_regular(const std::filesystem::path& path, struct stat& status) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ELOOP)
      return std::unexpected(ReadError{describe(EntryType::symlink), false});
    return std::unexpected(ReadError{std::strerror(error), error == ENOENT});
  }
  if (::fstat(fd, &status) != 0) {
    const int error = errno;
    ::close(fd);
    return std::unexpected(ReadError{std::strerror(error), false});
  }
  if (!S_ISREG(status.st_mode)) {
    ::close(fd);
    return std::unexpected(ReadError{describe(type_of(status.st_mode)), false});
  }
  return fd;
}

}  // namespace

const char* to_string(EntryType type) {
  switch (type) {
    case EntryType::missing:
      return "missing";
    case EntryType::file:
      return "file";
    case EntryType::directory:
      return "directory";
    case EntryType::symlink:
      return "symlink";
    case EntryType::other:
      return "special file";
  }
  return "?";
}

EntryStatus entry_status(const std::filesystem::path& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) {
    const int error = errno;
    return EntryStatus{EntryType::missing, 0, error == ENOENT || error == ENOTDIR ? 0 : error};
  }
  const EntryType type = type_of(status.st_mode);
  return EntryStatus{type, type == EntryType::file ? static_cast<std::uint64_t>(status.st_size) : 0,
                     0};
}

std::expected<std::string, ReadError> read_regular_file(const std::filesystem::path& path,
                                                        std::size_t limit) {
  struct stat status {};
  const auto opened = open_regular(path, status);
  if (!opened)
    return std::unexpected(opened.error());
  const Descriptor fd(*opened);
  if (static_cast<std::uint64_t>(status.st_size) > limit)
    return std::unexpected(
        ReadError{"is larger than " + std::to_string(limit >> 20) + " MiB", false});
  std::string content;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return std::unexpected(ReadError{std::strerror(errno), false});
    if (got == 0)
      break;
    // The file may grow while it is read: the limit holds for what is read, too.
    if (content.size() + static_cast<std::size_t>(got) > limit)
      return std::unexpected(
          ReadError{"is larger than " + std::to_string(limit >> 20) + " MiB", false});
    content.append(buffer, static_cast<std::size_t>(got));
  }
  return content;
}

std::expected<util::Sha256Digest, std::string> hash_regular_file(
    const std::filesystem::path& path) {
  struct stat status {};
  const auto opened = open_regular(path, status);
  if (!opened)
    return std::unexpected(opened.error().message);
  const Descriptor fd(*opened);
  try {
    return util::hash_descriptor(fd.get(), path);
  } catch (const Error& error) {
    return std::unexpected(std::string(error.what()));
  }
}

}  // namespace gator::provision::detail

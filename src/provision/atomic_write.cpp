#include "provision/atomic_write.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace gator::provision {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error) {
  throw Error(ErrorKind::io, "cannot write " + path.string())
      .caused_by(what + ": " + std::strerror(error));
}

}  // namespace

void write_file_atomically(const fs::path& path, std::string_view content) {
  const fs::path directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code error;
  fs::create_directories(directory, error);
  if (error)
    throw Error(ErrorKind::io, "cannot write " + path.string())
        .caused_by("cannot create " + directory.string() + ": " + error.message());

  std::string temp_name = (directory / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0)
    fail("cannot create a temporary file in " + directory.string(), path, errno);
  const fs::path temp(temp_name);
  const auto cleanup = [&](const std::string& what, int code) {
    ::close(fd);
    ::unlink(temp.c_str());
    fail(what, path, code);
  };
  // mkstemp creates 0600; a lock file is meant to be read by everyone.
  if (::fchmod(fd, 0644) != 0)
    cleanup("cannot set the mode of " + temp.string(), errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      cleanup("cannot write " + temp.string(), errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0)
    cleanup("cannot flush " + temp.string(), errno);
  if (::close(fd) != 0) {
    const int code = errno;
    ::unlink(temp.c_str());
    fail("cannot close " + temp.string(), path, code);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int code = errno;
    ::unlink(temp.c_str());
    fail("cannot rename " + temp.string() + " to " + path.string(), path, code);
  }
  // The rename itself is durable once the directory is flushed.
  const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    static_cast<void>(::fsync(dir_fd));
    ::close(dir_fd);
  }
}

}  // namespace gator::provision

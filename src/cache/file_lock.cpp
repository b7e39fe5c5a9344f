#include "cache/file_lock.hpp"

#include <cerrno>

#include <fcntl.h>
#include <sys/file.h>

#include "util/error.hpp"

namespace gator::cache {
namespace {

[[nodiscard]] detail::Fd open_lock_file(const std::filesystem::path& path) {
  detail::Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd)
    throw Error(ErrorKind::io, detail::describe_errno("cannot open lock file", path, errno));
  return fd;
}

[[nodiscard]] int operation(LockMode mode) {
  return mode == LockMode::shared ? LOCK_SH : LOCK_EX;
}

// Blocks (retrying after signals) or, with LOCK_NB, returns false on a conflicting holder.
[[nodiscard]] bool lock(int fd, int op, const std::filesystem::path& path) {
  while (::flock(fd, op) != 0) {
    if (errno == EINTR)
      continue;
    if (errno == EWOULDBLOCK)
      return false;
    throw Error(ErrorKind::io, detail::describe_errno("cannot lock", path, errno));
  }
  return true;
}

}  // namespace

FileLock FileLock::acquire(const std::filesystem::path& path, LockMode mode) {
  detail::Fd fd = open_lock_file(path);
  (void)lock(fd.get(), operation(mode), path);
  return FileLock(path, std::move(fd), mode);
}

std::optional<FileLock> FileLock::try_acquire(const std::filesystem::path& path, LockMode mode) {
  detail::Fd fd = open_lock_file(path);
  if (!lock(fd.get(), operation(mode) | LOCK_NB, path))
    return std::nullopt;
  return FileLock(path, std::move(fd), mode);
}

void FileLock::change(LockMode mode) {
  if (mode == m_mode)
    return;
  (void)lock(m_fd.get(), operation(mode), m_path);
  m_mode = mode;
}

}  // namespace gator::cache

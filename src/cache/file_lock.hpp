#pragma once

#include <filesystem>
#include <optional>

#include "cache/fs_ops.hpp"

// Advisory whole-file locks (flock(2)): held by an open file description, released when it is
// closed or the process dies, so a killed run never leaves a lock behind.
namespace gator::cache {

enum class LockMode { shared, exclusive };

class FileLock {
 public:
  // Opens (creating, mode 0644) `path` and waits until the lock is granted.
  [[nodiscard]] static FileLock acquire(const std::filesystem::path& path, LockMode mode);
  // Nothing when another process holds a conflicting lock.
  [[nodiscard]] static std::optional<FileLock> try_acquire(const std::filesystem::path& path,
                                                           LockMode mode);

  // Converts the lock, waiting for a conflicting holder. Not atomic (flock(2) drops the old lock
  // first), so another process may take the lock in between.
  void change(LockMode mode);

  [[nodiscard]] LockMode mode() const { return m_mode; }
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] int fd() const { return m_fd.get(); }

 private:
  FileLock(std::filesystem::path path, detail::Fd fd, LockMode mode)
      : m_path(std::move(path)), m_fd(std::move(fd)), m_mode(mode) {}

  std::filesystem::path m_path;
  detail::Fd m_fd;
  LockMode m_mode;
};

}  // namespace gator::cache

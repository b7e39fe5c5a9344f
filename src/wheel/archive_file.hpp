#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include <sys/stat.h>

#include "cache/fs_ops.hpp"
#include "cache/sha256_hasher.hpp"

namespace gator::wheel {

// A wheel archive opened once and read by several threads at once: every read is a pread(2)
// on the one descriptor, so the readers share no file offset. The file's identity (inode, size,
// modification and change times) is kept, so that a file written to while it was being unpacked
// is noticed: the bytes that were hashed are then not known to be the bytes that were unpacked.
class ArchiveFile {
 public:
  // Throws gator::Error(io) when the file cannot be opened or is not a regular file.
  [[nodiscard]] static std::shared_ptr<const ArchiveFile> open(const std::filesystem::path& path);

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] int descriptor() const { return m_fd.get(); }
  [[nodiscard]] std::uint64_t size() const { return static_cast<std::uint64_t>(m_status.st_size); }

  // The sha256 and size of the whole file, read through the descriptor.
  [[nodiscard]] cache::FileDigest digest() const;

  // False when the file was written to, truncated or extended since open(): any write moves its
  // change time, which no program can set back. Throws gator::Error(io) when fstat fails.
  [[nodiscard]] bool unchanged() const;

 private:
  ArchiveFile(std::filesystem::path path, cache::detail::Fd fd, const struct stat& status)
      : m_path(std::move(path)), m_fd(std::move(fd)), m_status(status) {}

  std::filesystem::path m_path;
  cache::detail::Fd m_fd;
  struct stat m_status {};
};

}  // namespace gator::wheel

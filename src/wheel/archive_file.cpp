#include "wheel/archive_file.hpp"

#include <cerrno>

#include <fcntl.h>

#include "util/error.hpp"
#include "util/sha256.hpp"

namespace gator::wheel {

namespace fs = std::filesystem;
using cache::detail::describe_errno;

namespace {

[[nodiscard]] bool same_time(const timespec& a, const timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

}  // namespace

std::shared_ptr<const ArchiveFile> ArchiveFile::open(const fs::path& path) {
  cache::detail::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd)
    throw Error(ErrorKind::io, describe_errno("cannot open", path, errno));
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0)
    throw Error(ErrorKind::io, describe_errno("cannot stat", path, errno));
  if (!S_ISREG(status.st_mode))
    throw Error(ErrorKind::io, "cannot read the wheel " + path.string() + ": not a regular file");
  // The whole file is read front to back at least once.
  (void)::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::shared_ptr<const ArchiveFile>(new ArchiveFile(path, std::move(fd), status));
}

cache::FileDigest ArchiveFile::digest() const {
  return cache::to_file_digest(util::hash_whole_descriptor(m_fd.get(), m_path));
}

bool ArchiveFile::unchanged() const {
  struct stat now {};
  if (::fstat(m_fd.get(), &now) != 0)
    throw Error(ErrorKind::io, describe_errno("cannot stat", m_path, errno));
  return now.st_ino == m_status.st_ino && now.st_dev == m_status.st_dev &&
         now.st_size == m_status.st_size && same_time(now.st_mtim, m_status.st_mtim) &&
         same_time(now.st_ctim, m_status.st_ctim);
}

}  // namespace gator::wheel

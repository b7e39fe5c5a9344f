#include "wheel/placer.hpp"

#include <algorithm>
#include <array>
#include <cerrno>

#include <fcntl.h>
#include <linux/fs.h>  // FICLONE
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/fs_ops.hpp"
#include "util/error.hpp"

namespace gator::wheel::detail {

namespace fs = std::filesystem;
using cache::detail::describe_errno;
using cache::detail::Fd;

namespace {

// Errors that mean "this filesystem (pair) cannot do that", as opposed to a real failure.
[[nodiscard]] bool is_unsupported(int error) {
  return error == EOPNOTSUPP || error == ENOTSUP || error == EXDEV || error == EINVAL ||
         error == ENOTTY || error == ENOSYS || error == EPERM;
}

[[nodiscard]] Fd open_source(const fs::path& source, struct stat& status) {
  Fd fd(::open(source.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd)
    throw Error(ErrorKind::io, describe_errno("cannot open", source, errno));
  if (::fstat(fd.get(), &status) != 0)
    throw Error(ErrorKind::io, describe_errno("cannot stat", source, errno));
  return fd;
}

void copy_with_read_write(int in, int out, const fs::path& source, const fs::path& target) {
  std::array<std::byte, 1 << 16> buffer{};
  for (;;) {
    const ssize_t got = ::read(in, buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR)
        continue;
      throw Error(ErrorKind::io, describe_errno("cannot read", source, errno));
    }
    if (got == 0)
      return;
    cache::detail::write_all(out, std::span(buffer.data(), static_cast<std::size_t>(got)), target);
  }
}

void copy_contents(int in, int out, const fs::path& source, const fs::path& target) {
  bool copied_any = false;
  for (;;) {
    const ssize_t copied = ::copy_file_range(in, nullptr, out, nullptr, std::size_t{1} << 30, 0);
    if (copied > 0) {
      copied_any = true;
      continue;
    }
    if (copied == 0)
      return;
    if (errno == EINTR)
      continue;
    if (!copied_any && (is_unsupported(errno) || errno == EBADF)) {
      copy_with_read_write(in, out, source, target);
      return;
    }
    throw Error(ErrorKind::io,
                describe_errno("cannot copy " + source.string() + " to", target, errno));
  }
}

}  // namespace

Placer::~Placer() {
  if (m_committed)
    return;
  for (auto it = m_created_files.rbegin(); it != m_created_files.rend(); ++it)
    ::unlink(it->c_str());
  for (auto it = m_created_dirs.rbegin(); it != m_created_dirs.rend(); ++it)
    ::rmdir(it->c_str());
}

void Placer::exists(const fs::path& destination) const {
  throw Error(ErrorKind::invalid_input,
              "cannot install " + m_wheel + ": " + destination.string() + " already exists")
      .hint("another package installs the same file");
}

void Placer::ensure_parent(const fs::path& path) {
  const fs::path parent = path.parent_path();
  if (m_known_dirs.contains(parent.string()))
    return;
  std::vector<fs::path> missing;
  for (fs::path dir = parent; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    struct stat status {};
    if (::stat(dir.c_str(), &status) == 0) {
      if (!S_ISDIR(status.st_mode))
        throw Error(ErrorKind::io,
                    "cannot create " + path.string() + ": " + dir.string() + " is not a directory");
      break;
    }
    if (errno != ENOENT)
      throw Error(ErrorKind::io, describe_errno("cannot stat", dir, errno));
    missing.push_back(dir);
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) == 0)
      m_created_dirs.push_back(*it);
    else if (errno != EEXIST)
      throw Error(ErrorKind::io, describe_errno("cannot create directory", *it, errno));
  }
  m_known_dirs.insert(parent.string());
}

template <typename Create>
bool Placer::create_at(const fs::path& destination, Create create) {
  ensure_parent(destination);
  // Replacing needs a temporary name and a rename; a path nothing occupies yet (the common
  // case: a fresh venv) is created in place, which halves the system calls per file.
  struct stat existing {};
  if (m_overwrite == Overwrite::refuse || ::lstat(destination.c_str(), &existing) != 0) {
    if (!create(destination))
      return false;
    m_created_files.push_back(destination);
    return true;
  }
  const fs::path temp =
      destination.parent_path() / (".gator-" + cache::detail::unique_token() + ".tmp");
  if (!create(temp))
    return false;
  if (cache::detail::rename_no_replace(temp, destination)) {
    m_created_files.push_back(destination);
    return true;
  }
  if (::rename(temp.c_str(), destination.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw Error(ErrorKind::io, describe_errno("cannot replace", destination, error));
  }
  return true;
}

bool Placer::try_reflink(const fs::path& source, const fs::path& target) {
  struct stat status {};
  const Fd in = open_source(source, status);
  Fd out(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!out) {
    if (errno == EEXIST)
      exists(target);
    throw Error(ErrorKind::io, describe_errno("cannot create", target, errno));
  }
  if (::ioctl(out.get(), FICLONE, in.get()) != 0) {
    const int error = errno;
    out.reset();
    ::unlink(target.c_str());
    if (is_unsupported(error)) {
      m_reflink_works = false;
      return false;
    }
    throw Error(ErrorKind::io,
                describe_errno("cannot reflink " + source.string() + " to", target, error));
  }
  if (::fchmod(out.get(), status.st_mode & 07777) != 0) {
    const int error = errno;
    ::unlink(target.c_str());
    throw Error(ErrorKind::io, describe_errno("cannot chmod", target, error));
  }
  return true;
}

bool Placer::try_hardlink(const fs::path& source, const fs::path& target) {
  if (::link(source.c_str(), target.c_str()) == 0)
    return true;
  const int error = errno;
  if (error == EEXIST)
    exists(target);
  if (error == EMLINK)  // this inode has too many links; others may not
    return false;
  if (is_unsupported(error)) {
    m_hardlink_works = false;
    return false;
  }
  throw Error(ErrorKind::io,
              describe_errno("cannot link " + source.string() + " to", target, error));
}

bool Placer::copy(const fs::path& source, const fs::path& target) {
  struct stat status {};
  const Fd in = open_source(source, status);
  Fd out(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!out) {
    if (errno == EEXIST)
      exists(target);
    throw Error(ErrorKind::io, describe_errno("cannot create", target, errno));
  }
  try {
    copy_contents(in.get(), out.get(), source, target);
    if (::fchmod(out.get(), status.st_mode & 07777) != 0)
      throw Error(ErrorKind::io, describe_errno("cannot chmod", target, errno));
  } catch (...) {
    ::unlink(target.c_str());
    throw;
  }
  return true;
}

Placement Placer::place(const fs::path& source, const fs::path& destination) {
  const auto by = [&](bool (Placer::*method)(const fs::path&, const fs::path&)) {
    return create_at(destination,
                     [&](const fs::path& target) { return (this->*method)(source, target); });
  };
  const bool reflink = m_mode == LinkMode::automatic || m_mode == LinkMode::reflink;
  const bool hardlink = m_mode == LinkMode::automatic || m_mode == LinkMode::hardlink;
  if (reflink && m_reflink_works && by(&Placer::try_reflink))
    return Placement::reflinked;
  if (hardlink && m_hardlink_works && by(&Placer::try_hardlink))
    return Placement::hardlinked;
  (void)by(&Placer::copy);
  return Placement::copied;
}

void Placer::write(const fs::path& destination, std::string_view content, mode_t mode) {
  (void)create_at(destination, [&](const fs::path& target) {
    Fd out(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!out) {
      if (errno == EEXIST)
        exists(target);
      throw Error(ErrorKind::io, describe_errno("cannot create", target, errno));
    }
    try {
      cache::detail::write_all(out.get(), content, target);
      if (::fchmod(out.get(), mode) != 0)
        throw Error(ErrorKind::io, describe_errno("cannot chmod", target, errno));
    } catch (...) {
      ::unlink(target.c_str());
      throw;
    }
    return true;
  });
}

}  // namespace gator::wheel::detail

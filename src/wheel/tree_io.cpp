#include "wheel/tree_io.hpp"

#include <array>
#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace gator::wheel::detail {

namespace fs = std::filesystem;
using cache::detail::describe_errno;
using cache::detail::Fd;

std::string read_file(const fs::path& path, std::uint64_t limit) {
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd)
    throw Error(ErrorKind::io, describe_errno("cannot open", path, errno));
  std::string content;
  std::array<char, 1 << 16> buffer{};
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR)
        continue;
      throw Error(ErrorKind::io, describe_errno("cannot read", path, errno));
    }
    if (got == 0)
      break;
    content.append(buffer.data(), static_cast<std::size_t>(got));
    if (content.size() > limit)
      throw Error(ErrorKind::io, "cannot read " + path.string() + ": larger than expected");
  }
  return content;
}

TreeWriter::TreeWriter(const fs::path& root)
    : m_root(root), m_fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (!m_fd)
    throw Error(ErrorKind::io, describe_errno("cannot open", root, errno));
}

void TreeWriter::make_directories(std::string_view relative) {
  std::size_t end = 0;
  while (end != std::string_view::npos) {
    end = relative.find('/', end + 1);
    const std::string prefix(relative.substr(0, end));
    if (prefix.empty() || m_made.contains(prefix))
      continue;
    if (::mkdirat(m_fd.get(), prefix.c_str(), 0755) != 0 && errno != EEXIST)
      throw Error(ErrorKind::io, describe_errno("cannot create directory", m_root / prefix, errno));
    m_made.insert(prefix);
  }
}

Fd TreeWriter::create_file(std::string_view relative, mode_t mode) {
  const std::size_t slash = relative.rfind('/');
  if (slash != std::string_view::npos)
    make_directories(relative.substr(0, slash));
  const std::string name(relative);
  Fd fd(::openat(m_fd.get(), name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                 mode));
  if (!fd)
    throw Error(ErrorKind::io, describe_errno("cannot create", m_root / name, errno));
  return fd;
}

}  // namespace gator::wheel::detail

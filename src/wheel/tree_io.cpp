#include "wheel/tree_io.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <fstream>
#include <mutex>
#include <stop_token>
#include <thread>

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

namespace {

// The process's umask, read without changing it (umask(2) would race with other threads);
// all bits when it cannot be read, so that every mode is then set explicitly.
[[nodiscard]] mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("Umask:"))
      return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
  }
  return static_cast<mode_t>(07777);
}

}  // namespace

TreeWriter::TreeWriter(const fs::path& root)
    : m_root(root),
      m_fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)),
      m_umask(current_umask()) {
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

int TreeWriter::directory(const std::string& relative) {
  if (relative.empty())
    return m_fd.get();
  if (m_last_directory_fd && m_last_directory == relative)
    return m_last_directory_fd.get();
  make_directories(relative);
  Fd fd(::openat(m_fd.get(), relative.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd)
    throw Error(ErrorKind::io, describe_errno("cannot open", m_root / relative, errno));
  m_last_directory = relative;
  m_last_directory_fd = std::move(fd);
  return m_last_directory_fd.get();
}

Fd TreeWriter::create_file(std::string_view relative, mode_t mode) {
  const std::size_t slash = relative.rfind('/');
  const std::string parent(slash == std::string_view::npos ? "" : relative.substr(0, slash));
  const std::string name(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
  Fd fd(::openat(directory(parent), name.c_str(),
                 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (!fd)
    throw Error(ErrorKind::io, describe_errno("cannot create", m_root / relative, errno));
  // Only when the umask took bits away: one system call less per file otherwise.
  if ((mode & m_umask) != 0 && ::fchmod(fd.get(), mode) != 0)
    throw Error(ErrorKind::io, describe_errno("cannot chmod", m_root / relative, errno));
  return fd;
}

namespace {

// O_DIRECT wants buffers, offsets and lengths aligned to the device's block; 4 KiB covers
// every common device.
constexpr std::size_t k_direct_alignment = 4096;
constexpr std::size_t k_direct_chunk = std::size_t{4} << 20;

struct FreeDeleter {
  void operator()(std::byte* buffer) const { std::free(buffer); }
};
using AlignedBuffer = std::unique_ptr<std::byte, FreeDeleter>;

[[nodiscard]] AlignedBuffer aligned_buffer() {
  return AlignedBuffer(
      static_cast<std::byte*>(std::aligned_alloc(k_direct_alignment, k_direct_chunk)));
}

void pwrite_all(int fd, const std::byte* data, std::size_t size, off_t offset,
                const fs::path& path) {
  while (size != 0) {
    const ssize_t written = ::pwrite(fd, data, size, offset);
    if (written < 0 && errno == EINTR)
      continue;
    if (written < 0)
      throw Error(ErrorKind::io, describe_errno("cannot write", path, errno));
    data += written;
    size -= static_cast<std::size_t>(written);
    offset += written;
  }
}

}  // namespace

// The caller fills one buffer while the writer thread writes queued ones through a second,
// O_DIRECT descriptor. Every write names its offset, so the two descriptors never disagree.
struct FileSink::Direct {
  static constexpr std::size_t k_buffers = 3;

  struct Chunk {
    std::size_t buffer = 0;
    std::size_t size = 0;
    off_t offset = 0;
  };

  cache::detail::Fd direct_fd;
  std::array<AlignedBuffer, k_buffers> buffers;
  std::size_t filling = 0;  // which buffer the caller fills
  std::size_t used = 0;
  off_t offset = 0;  // of the filling buffer's first byte in the file

  std::mutex mutex;
  std::condition_variable_any changed;
  std::deque<Chunk> queue;  // the front one is being written
  bool direct_works = true;
  std::exception_ptr error;
  std::jthread writer;  // last: stopped and joined before the rest goes

  void rethrow_error() const {
    if (error)
      std::rethrow_exception(error);
  }

  // Writes queued chunks until stopped (on the writer thread).
  void write_queued(const std::stop_token& stop, int plain_fd, const fs::path& path) {
    std::unique_lock lock(mutex);
    while (changed.wait(lock, stop, [&] { return !queue.empty(); })) {
      const Chunk chunk = queue.front();
      lock.unlock();
      const std::byte* data = buffers[chunk.buffer].get();
      std::exception_ptr failure;
      bool refused = false;
      try {
        ssize_t written = 0;
        do {
          written = ::pwrite(direct_fd.get(), data, chunk.size, chunk.offset);
        } while (written < 0 && errno == EINTR);
        if (written < 0 && errno != EINVAL)
          throw Error(ErrorKind::io, describe_errno("cannot write", path, errno));
        refused = written < 0;  // EINVAL: the filesystem took O_DIRECT but not this write
        const std::size_t done = written < 0 ? 0 : static_cast<std::size_t>(written);
        pwrite_all(plain_fd, data + done, chunk.size - done,
                   chunk.offset + static_cast<off_t>(done), path);
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (refused)
        direct_works = false;
      if (failure && !error)
        error = failure;
      queue.pop_front();
      changed.notify_all();
    }
  }
};

FileSink::FileSink(int fd, const fs::path& path, std::uint64_t expected_size)
    : m_fd(fd), m_path(path) {
  if (expected_size < k_direct_threshold)
    return;
  auto state = std::make_unique<Direct>();
  for (AlignedBuffer& buffer : state->buffers) {
    buffer = aligned_buffer();
    if (!buffer)
      return;
  }
  // A second descriptor of the same file: the caller's keeps plain writes.
  const std::string self = "/proc/self/fd/" + std::to_string(fd);
  state->direct_fd.reset(::open(self.c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC));
  if (!state->direct_fd)
    return;  // no O_DIRECT here (tmpfs), or no /proc: plain writes
  Direct& direct = *state;
  direct.writer = std::jthread(
      [&direct, fd, &path](const std::stop_token& stop) { direct.write_queued(stop, fd, path); });
  m_direct = std::move(state);
}

FileSink::~FileSink() = default;

// A full buffer is queued for the writer when a buffer is free; when the disk is so far behind
// that none is, it is written through the page cache at once instead of waiting.
void FileSink::submit() {
  Direct& direct = *m_direct;
  std::unique_lock lock(direct.mutex);
  direct.rethrow_error();
  if (direct.queue.size() < Direct::k_buffers - 1 && direct.direct_works) {
    direct.queue.push_back(Direct::Chunk{direct.filling, direct.used, direct.offset});
    direct.changed.notify_all();
    // A buffer that is not queued: one exists, since the queue is shorter than the buffers.
    for (std::size_t buffer = 0; buffer < Direct::k_buffers; ++buffer) {
      if (std::none_of(direct.queue.begin(), direct.queue.end(),
                       [&](const Direct::Chunk& chunk) { return chunk.buffer == buffer; })) {
        direct.filling = buffer;
        break;
      }
    }
  } else {
    lock.unlock();
    pwrite_all(m_fd, direct.buffers[direct.filling].get(), direct.used, direct.offset, m_path);
  }
  direct.offset += static_cast<off_t>(direct.used);
  direct.used = 0;
}

void FileSink::write(std::span<const std::byte> bytes) {
  if (!m_direct) {
    cache::detail::write_all(m_fd, bytes, m_path);
    return;
  }
  Direct& direct = *m_direct;
  while (!bytes.empty()) {
    const std::size_t take = std::min(bytes.size(), k_direct_chunk - direct.used);
    std::memcpy(direct.buffers[direct.filling].get() + direct.used, bytes.data(), take);
    direct.used += take;
    bytes = bytes.subspan(take);
    if (direct.used == k_direct_chunk)
      submit();
  }
}

void FileSink::finish() {
  if (!m_direct)
    return;
  Direct& direct = *m_direct;
  // The last, partial chunk through the page cache (O_DIRECT wants whole blocks).
  pwrite_all(m_fd, direct.buffers[direct.filling].get(), direct.used, direct.offset, m_path);
  direct.offset += static_cast<off_t>(direct.used);
  direct.used = 0;
  std::unique_lock lock(direct.mutex);
  direct.changed.wait(lock, [&] { return direct.queue.empty(); });
  direct.rethrow_error();
}

}  // namespace gator::wheel::detail

#include "wheel/tree_io.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <exception>
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

void set_direct(int fd, bool on, const fs::path& path) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, on ? flags | O_DIRECT : flags & ~O_DIRECT) != 0)
    throw Error(ErrorKind::io, describe_errno("cannot change the write mode of", path, errno));
}

// Writes `size` bytes; direct while the filesystem takes it, plain from the first refusal or
// short write on (after which the offsets are no longer aligned).
void write_chunk(int fd, const std::byte* data, std::size_t size, bool& direct,
                 const fs::path& path) {
  std::size_t done = 0;
  while (direct && done < size) {
    const ssize_t written = ::write(fd, data + done, size - done);
    if (written < 0 && errno == EINTR)
      continue;
    if (written < 0 && errno != EINVAL)
      throw Error(ErrorKind::io, describe_errno("cannot write", path, errno));
    if (written > 0)
      done += static_cast<std::size_t>(written);
    if (written < 0 || (done < size && done % k_direct_alignment != 0)) {
      set_direct(fd, false, path);
      direct = false;
    }
  }
  if (done < size)
    cache::detail::write_all(fd, std::span(data + done, size - done), path);
}

}  // namespace

// Two buffers: the caller fills one while the writer thread writes the other.
struct FileSink::Direct {
  std::array<AlignedBuffer, 2> buffers;
  std::size_t filling = 0;  // which buffer the caller fills
  std::size_t used = 0;
  bool direct = true;  // the writer may fall back to plain writes

  std::mutex mutex;
  std::condition_variable_any changed;
  std::size_t pending = 0;  // bytes of buffers[1 - filling] to write; 0 when the writer is idle
  std::exception_ptr error;
  std::jthread writer;  // last: stopped and joined before the rest goes

  void wait_idle(std::unique_lock<std::mutex>& lock) {
    changed.wait(lock, [&] { return pending == 0; });
    if (error)
      std::rethrow_exception(error);
  }
};

FileSink::FileSink(int fd, const fs::path& path, std::uint64_t expected_size)
    : m_fd(fd), m_path(path) {
  if (expected_size < k_direct_threshold)
    return;
  auto direct = std::make_unique<Direct>();
  direct->buffers = {aligned_buffer(), aligned_buffer()};
  if (!direct->buffers[0] || !direct->buffers[1])
    return;
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_DIRECT) != 0)
    return;  // not supported here: plain writes
  Direct& state = *direct;
  state.writer = std::jthread([&state, fd, &path](const std::stop_token& stop) {
    std::unique_lock lock(state.mutex);
    while (state.changed.wait(lock, stop, [&] { return state.pending != 0; })) {
      const std::byte* data = state.buffers[1 - state.filling].get();
      const std::size_t size = state.pending;
      lock.unlock();
      std::exception_ptr error;
      try {
        write_chunk(fd, data, size, state.direct, path);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      if (error && !state.error)
        state.error = error;
      state.pending = 0;
      state.changed.notify_all();
    }
  });
  m_direct = std::move(direct);
}

FileSink::~FileSink() = default;

// Hands the full buffer to the writer (once it is done with the other) and fills the other.
void FileSink::submit() {
  Direct& state = *m_direct;
  std::unique_lock lock(state.mutex);
  state.wait_idle(lock);
  state.pending = state.used;
  state.filling = 1 - state.filling;
  state.used = 0;
  state.changed.notify_all();
}

void FileSink::write(std::span<const std::byte> bytes) {
  if (!m_direct) {
    cache::detail::write_all(m_fd, bytes, m_path);
    return;
  }
  Direct& state = *m_direct;
  while (!bytes.empty()) {
    const std::size_t take = std::min(bytes.size(), k_direct_chunk - state.used);
    std::memcpy(state.buffers[state.filling].get() + state.used, bytes.data(), take);
    state.used += take;
    bytes = bytes.subspan(take);
    if (state.used == k_direct_chunk)
      submit();
  }
}

void FileSink::finish() {
  if (!m_direct)
    return;
  Direct& state = *m_direct;
  // The aligned part goes as a last chunk; the tail cannot be written directly.
  const std::size_t tail = state.used % k_direct_alignment;
  const std::size_t aligned = state.used - tail;
  if (aligned != 0) {
    const std::byte* filled = state.buffers[state.filling].get();
    state.used = aligned;
    submit();
    state.used = tail;
    std::memcpy(state.buffers[state.filling].get(), filled + aligned, tail);
  }
  std::unique_lock lock(state.mutex);
  state.wait_idle(lock);
  lock.unlock();
  if (state.direct)
    set_direct(m_fd, false, m_path);
  cache::detail::write_all(m_fd, std::span(state.buffers[state.filling].get(), state.used), m_path);
  state.used = 0;
}

}  // namespace gator::wheel::detail

#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

// Small POSIX helpers shared by the cache and wheel modules (util is the better home once a
// lower module needs them). Failures throw gator::Error(io) naming the path and errno's text.
namespace gator::cache::detail {

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() { reset(); }
  Fd(Fd&& other) noexcept : m_fd(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  [[nodiscard]] int get() const { return m_fd; }
  [[nodiscard]] explicit operator bool() const { return m_fd >= 0; }
  int release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }
  void reset(int fd = -1);

 private:
  int m_fd = -1;
};

// "what path: strerror(errno)".
[[nodiscard]] std::string describe_errno(std::string_view what, const std::filesystem::path& path,
                                         int error_number);

// A name part unlikely to be used by anyone else: pid, a counter and random bits.
[[nodiscard]] std::string unique_token();

// rename(2) that never replaces: renameat2(RENAME_NOREPLACE), or link+unlink for files on
// filesystems without it. Returns false (and leaves `from` alone) when `to` already exists.
[[nodiscard]] bool rename_no_replace(const std::filesystem::path& from,
                                     const std::filesystem::path& to);

// Removes a file or a whole tree without following symbolic links; a missing path is fine.
// Returns the bytes of the regular files removed.
std::uint64_t remove_tree(const std::filesystem::path& path);

// Creates the directory and its missing parents (mode 0755 before the umask).
void make_directories(const std::filesystem::path& path);

void write_all(int fd, std::span<const std::byte> bytes, const std::filesystem::path& path);
void write_all(int fd, std::string_view bytes, const std::filesystem::path& path);

// Writes `content` to a unique sibling and renames it to `path` (replacing it), mode 0644.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace gator::cache::detail

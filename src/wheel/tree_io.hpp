#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include <sys/types.h>

#include "cache/fs_ops.hpp"

// File access for unpacking and installing (internal).
namespace gator::wheel::detail {

// The whole file, at most `limit` bytes (more is an error); throws gator::Error(io).
[[nodiscard]] std::string read_file(const std::filesystem::path& path,
                                    std::uint64_t limit = std::uint64_t{64} << 20);

// Creates directories and files below a root directory that this process created and that
// nobody else can write (a 0700 staging directory): every path is resolved with openat(2)
// relative to the root's descriptor, and files are created with O_EXCL|O_NOFOLLOW.
class TreeWriter {
 public:
  explicit TreeWriter(const std::filesystem::path& root);

  // `relative` and its missing parents (mode 0755).
  void make_directories(std::string_view relative);
  // A new file with exactly `mode` (its parents are created); fails if anything exists at
  // `relative`.
  [[nodiscard]] cache::detail::Fd create_file(std::string_view relative, mode_t mode);

  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

 private:
  // The descriptor of a directory below the root ("" is the root). The last one is kept open:
  // an archive lists a directory's files together, and each is then created relative to it
  // rather than looked up from the root (one descriptor, whatever the number of directories).
  [[nodiscard]] int directory(const std::string& relative);

  std::filesystem::path m_root;
  cache::detail::Fd m_fd;
  mode_t m_umask;  // as it was when the writer was made
  std::unordered_set<std::string> m_made;
  std::string m_last_directory;
  cache::detail::Fd m_last_directory_fd;
};

// Where a member's bytes go. A big file is written with O_DIRECT (through a second descriptor
// of its own) in aligned chunks: the data goes from a buffer to the disk without a copy into
// newly allocated page cache, which costs more CPU than hashing the data on some machines (VMs
// above all). A writer thread writes one chunk while the caller fills the next; when the disk
// falls behind, a chunk goes through the page cache instead of waiting. A filesystem without
// O_DIRECT (tmpfs) and small files get plain writes. The caller's descriptor is left as it was
// (its offset too, for big files: they are written with pwrite).
class FileSink {
 public:
  // Files at least this big are written directly.
  static constexpr std::uint64_t k_direct_threshold = std::uint64_t{8} << 20;

  FileSink(int fd, const std::filesystem::path& path, std::uint64_t expected_size);
  ~FileSink();
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  // Throws gator::Error(io), also for an earlier chunk that failed on the writer thread.
  void write(std::span<const std::byte> bytes);
  // Writes what is still buffered and waits for the writer; call once, after the last write().
  void finish();

  [[nodiscard]] bool direct() const { return m_direct != nullptr; }

 private:
  struct Direct;
  void submit();

  int m_fd;
  const std::filesystem::path& m_path;
  std::unique_ptr<Direct> m_direct;
};

}  // namespace gator::wheel::detail

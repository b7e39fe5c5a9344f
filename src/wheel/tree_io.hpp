#pragma once

#include <cstdint>
#include <filesystem>
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
  // A new file (its parents are created); fails if anything exists at `relative`.
  [[nodiscard]] cache::detail::Fd create_file(std::string_view relative, mode_t mode);

  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path m_root;
  cache::detail::Fd m_fd;
  std::unordered_set<std::string> m_made;
};

}  // namespace gator::wheel::detail

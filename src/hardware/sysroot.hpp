#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <sys/stat.h>

namespace gator::hardware {

// A problem found while reading one fact, located in the file it came from (shown as the host
// path, so that a user can open it), e.g. "/sys/class/kfd/kfd/topology/nodes/1/properties:19:
// invalid value ...".
struct DetectError {
  std::string path;      // host path of the offending file ("" when no file is involved)
  std::size_t line = 0;  // 1-based; 0 when the problem concerns the whole file
  std::string message;

  // "path:line: message", "path: message" or "message".
  [[nodiscard]] std::string render() const;

  friend bool operator==(const DetectError&, const DetectError&) = default;
};

// The file system of the machine being inspected: "/" for this machine, or an image / a fake
// tree for tests. Paths given to it are machine paths ("/opt/rocm/.info/version"). Symbolic links
// are followed as chroot(2) would follow them: an absolute target starts again at the root and
// ".." stops at the root, so that /opt/rocm -> /etc/alternatives/rocm in an image never escapes
// to the host's /etc.
class Sysroot {
 public:
  explicit Sysroot(std::filesystem::path root = "/");

  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }
  // True when the root is this machine's "/": facts may then come from the running system
  // (uname, gnu_get_libc_version) instead of files.
  [[nodiscard]] bool is_host() const { return m_is_host; }

  // Where a machine path is shown in messages: the root joined with it, without resolving links.
  [[nodiscard]] std::string display(std::string_view machine_path) const;
  // The host path to open, with links resolved inside the root.
  [[nodiscard]] std::filesystem::path resolve(std::string_view machine_path) const;

  // Reads a whole file; files larger than `max_bytes` fail with EFBIG.
  [[nodiscard]] std::expected<std::string, std::error_code> read(std::string_view machine_path,
                                                                 std::size_t max_bytes) const;
  // Entry names of a directory (without "." and ".."), sorted.
  [[nodiscard]] std::expected<std::vector<std::string>, std::error_code> list(
      std::string_view machine_path) const;
  // stat(2) of the resolved path (links followed).
  [[nodiscard]] std::expected<struct stat, std::error_code> status(
      std::string_view machine_path) const;
  [[nodiscard]] bool exists(std::string_view machine_path) const;

 private:
  std::filesystem::path m_root;
  bool m_is_host = true;
};

// True for the errors that mean "there is nothing there" (ENOENT, ENOTDIR).
[[nodiscard]] bool is_absent(const std::error_code& error);

// `"text"` with '"', '\\' and non-printable bytes escaped and long values shortened, so that an
// offending value from a corrupt file can be shown on one line.
[[nodiscard]] std::string quote(std::string_view text);

}  // namespace gator::hardware

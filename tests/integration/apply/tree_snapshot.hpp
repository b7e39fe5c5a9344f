#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

// Everything about a directory tree that a reader could notice (types, permission bits, sizes,
// modification times, contents, link targets), to prove that a venv was left exactly as it was.
namespace gator::apply_test {

struct TreeEntry {
  char type = '?';    // 'f' regular file, 'd' directory, 'l' symlink, '?' anything else
  unsigned mode = 0;  // permission bits
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string content;  // regular files
  std::string link;     // symlinks: the target as stored
};

// Relative generic paths ("" for the root itself) to entries; symlinks are not followed.
using Tree = std::map<std::string, TreeEntry>;

[[nodiscard]] Tree snapshot(const std::filesystem::path& root);

// One line per difference ("changed bin/x: mode 644 -> 755, content"), empty when the trees
// are identical, modification times included.
[[nodiscard]] std::string tree_changes(const Tree& before, const Tree& after);

// The entries of `directory` whose names start with "." + venv name + ".staging-" or ".old-".
[[nodiscard]] std::vector<std::string> leftovers_beside(const std::filesystem::path& venv);

}  // namespace gator::apply_test

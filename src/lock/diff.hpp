#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lock/lockfile.hpp"

// What changed between two lock files, for `gator-provision diff OLD NEW` and for `lock` to
// print after a re-lock: what an operator reviews in a pull request. Pure.
namespace gator::lock {

enum class ChangeKind {
  added,
  removed,
  upgraded,
  downgraded,
  rehashed,        // same version, but a file's hash differs or files were added or removed
  source_changed,  // same version and files, another index or direct source
};
[[nodiscard]] const char* to_string(ChangeKind kind);  // "added", ..., "re-hashed", "source"

struct Change {
  ChangeKind kind = ChangeKind::added;
  std::string name;
  std::optional<std::string> marker;       // when the package entry has one
  std::optional<std::string> old_version;  // unset for added (and versionless entries)
  std::optional<std::string> new_version;  // unset for removed
  // For rehashed and source_changed: one line per difference, e.g.
  // "torch-2.3.1-...whl: sha256 0f3c... -> 9ab1...", "index: https://a/ -> https://b/".
  std::vector<std::string> details;
  friend bool operator==(const Change&, const Change&) = default;
};

struct LockDiff {
  std::vector<Change> changes;  // sorted by name, then marker
  [[nodiscard]] bool empty() const { return changes.empty(); }
};

// Entries are matched by package name and marker (a package may have one entry per marker).
[[nodiscard]] LockDiff diff(const Lockfile& old_lock, const Lockfile& new_lock);

// One line per change (so that it can be grepped), the kind in an aligned column, e.g.
//   added       accelerate 0.31.0
//   removed     tqdm 4.66.4
//   upgraded    numpy 1.26.3 -> 1.26.4
//   downgraded  pillow 10.4.0 -> 10.3.0
//   re-hashed   torch 2.3.1+rocm5.7 (torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl: sha256
//               0f3c1a2b4d5e... -> 9ab1c2d3e4f5...)      <- one line in the output
// "no changes\n" when there are none.
[[nodiscard]] std::string render_diff(const LockDiff& diff);

}  // namespace gator::lock

#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cache/cache.hpp"
#include "dist/sha256.hpp"
#include "dist/wheel_filename.hpp"
#include "wheel/archive_file.hpp"

namespace gator::wheel {

// A wheel unpacked and verified in the cache: what installing it needs.
struct UnpackedWheel {
  std::filesystem::path tree;  // <cache>/unpacked-v1/<sha256>
  std::string filename;        // the wheel's file name, for messages
  std::string dist_info;       // "demo-1.0.dist-info"
  std::string data_dir;        // "demo-1.0.data"
  bool root_is_purelib = false;
  std::vector<std::string> warnings;  // for the user; library code never prints
};

// Unpacks `wheel_file`, whose content has digest `sha256` (a verified cache entry such as
// Cache::wheel_path), into cache.unpacked_path(sha256) unless it is there already, on the
// calling thread. WheelUnpack below does the same work in parts, for several threads.
//
// The archive is read twice: first the member list and the .dist-info files, all checked before
// anything is written; then every file is extracted into a private staging directory (openat
// relative to it, O_EXCL|O_NOFOLLOW: nothing can escape it) while its size and sha256 are
// compared with RECORD, and the tree is renamed into the cache only when all of it agreed.
//
// Refused, with a gator::Error naming the wheel and the member (integrity for unsafe or
// tampered members, invalid_input for malformed metadata): absolute paths, "..", empty or "."
// components, backslashes and control characters in names; symbolic links, hard links,
// devices, FIFOs, sockets; names that are repeated or differ only in ASCII letter case, or are
// both a file and a directory; files missing from RECORD or RECORD rows missing from the
// archive (RECORD and its signatures excepted); a size or sha256 that differs from RECORD, a
// missing, malformed, weak or non-sha256 RECORD hash; no or several .dist-info directories,
// one for another project; a missing or malformed WHEEL (Wheel-Version 2 and later included),
// METADATA (whose name and version must match the file name), RECORD or entry_points.txt;
// files in unknown .data directories. On refusal nothing is left in the cache.
[[nodiscard]] UnpackedWheel unpack_wheel(cache::Cache& cache,
                                         const std::filesystem::path& wheel_file,
                                         const dist::Sha256& sha256,
                                         const dist::WheelFilename& filename);

// One wheel being unpacked by several threads: the constructor runs the first pass (nothing is
// written), then each part is extracted once, on any thread, in any order, and finish() puts
// the tree into the cache. The archive need not be verified before the parts run (the tree
// stays in a private staging directory), but must be before finish(): a download can be
// hashed while it is unpacked. Errors as unpack_wheel; a WheelUnpack destroyed before finish()
// removes its staging directory.
class WheelUnpack {
 public:
  // A run of consecutive members, and roughly what extracting it costs (bytes, plus an
  // allowance per file), for scheduling the biggest parts first.
  struct Part {
    std::size_t first = 0;
    std::size_t last = 0;  // one past the end
    std::uint64_t cost = 0;
  };

  // Parts cost about this much: a few per core for a big wheel, one for a small one; a wheel
  // that would have more than k_max_parts parts gets bigger ones.
  static constexpr std::uint64_t k_part_cost = std::uint64_t{32} << 20;
  static constexpr std::uint64_t k_max_parts = 32;

  WheelUnpack(cache::Cache& cache, std::shared_ptr<const ArchiveFile> archive,
              const dist::WheelFilename& filename, std::uint64_t part_cost = k_part_cost);
  ~WheelUnpack();
  WheelUnpack(const WheelUnpack&) = delete;
  WheelUnpack& operator=(const WheelUnpack&) = delete;

  [[nodiscard]] const std::vector<Part>& parts() const;

  // Extracts the members of parts()[part], checking each file against RECORD.
  void extract_part(std::size_t part);

  // Once every part was extracted and the caller has checked that the archive's digest is
  // `sha256`: renames the tree to cache.unpacked_path(sha256) (keeping another process's tree
  // if it got there first).
  [[nodiscard]] UnpackedWheel finish(const dist::Sha256& sha256);

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

// Reads the .dist-info of a tree that unpack_wheel produced (the warm path: no archive work).
// Throws gator::Error(io) when the tree is damaged.
[[nodiscard]] UnpackedWheel open_unpacked(const std::filesystem::path& tree,
                                          std::string_view filename);

}  // namespace gator::wheel

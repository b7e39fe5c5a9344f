#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "cache/file_lock.hpp"
#include "cache/sha256_hasher.hpp"
#include "dist/sha256.hpp"

// The content-addressed store of downloaded wheels and their unpacked trees:
//
//   <root>/wheels-v1/<sha256[0:2]>/<sha256>/<filename>   verified wheel files
//   <root>/unpacked-v1/<sha256>/                         verified unpacked trees (wheel's sha256)
//   <root>/tmp/                                          staging: temporary files and dirs
//   <root>/.lock                                         flock: shared while open, exclusive to
//                                                        clean or prune
//
// Everything enters under a temporary name in tmp/ (same filesystem, so rename(2) is atomic)
// and is renamed into place only after it was verified; an entry that exists is complete.
// Entries are never replaced, so files hard-linked from them into a venv never change.
namespace gator::cache {

inline constexpr std::string_view k_wheels_bucket = "wheels-v1";
inline constexpr std::string_view k_unpacked_bucket = "unpacked-v1";
inline constexpr std::string_view k_staging_dir = "tmp";

// A directory in the staging area, removed on destruction unless given to Cache::insert_tree.
class StagingDir {
 public:
  ~StagingDir();
  StagingDir(StagingDir&& other) noexcept : m_path(std::move(other.m_path)) {
    other.m_path.clear();
  }
  StagingDir& operator=(StagingDir&& other) noexcept;
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  friend class Cache;
  explicit StagingDir(std::filesystem::path path) : m_path(std::move(path)) {}
  std::filesystem::path m_path;
};

// Compares a file's digest with the one expected for it; throws gator::Error(integrity) naming
// `filename`, the expected and the actual size or sha256 when they differ.
void check_digest(const FileDigest& actual, const dist::Sha256& expected_sha256,
                  std::uint64_t expected_size, std::string_view filename);

struct PruneStats {
  std::size_t wheels_removed = 0;
  std::size_t trees_removed = 0;
  std::size_t staging_removed = 0;  // temporary files, dirs and entry locks
  std::uint64_t bytes_freed = 0;    // sizes of the regular files removed
};

class Cache {
 public:
  // Creates the root and its folders when missing, and holds a shared lock on <root>/.lock for
  // the lifetime of the object: clean() and prune() in other processes wait until it is gone.
  // Open one Cache per root per process: clean() or prune() on one handle would wait forever
  // for another handle of the same process. On a warm cache nothing is written. Throws
  // gator::Error(io).
  [[nodiscard]] static Cache open(const std::filesystem::path& root);

  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }
  [[nodiscard]] std::filesystem::path wheels_dir() const { return m_root / k_wheels_bucket; }
  [[nodiscard]] std::filesystem::path unpacked_dir() const { return m_root / k_unpacked_bucket; }
  [[nodiscard]] std::filesystem::path staging_dir() const { return m_root / k_staging_dir; }

  // Where the wheel with this digest is (or would be) stored. `filename` must be a plain file
  // name (no '/', not "." or ".."), else gator::Error(invalid_input).
  [[nodiscard]] std::filesystem::path wheel_path(const dist::Sha256& sha256,
                                                 std::string_view filename) const;
  [[nodiscard]] std::optional<std::filesystem::path> find_wheel(const dist::Sha256& sha256,
                                                                std::string_view filename) const;
  [[nodiscard]] std::filesystem::path unpacked_path(const dist::Sha256& wheel_sha256) const;
  [[nodiscard]] std::optional<std::filesystem::path> find_unpacked(
      const dist::Sha256& wheel_sha256) const;

  // A staging path for downloading this entry, the same in every run so that an interrupted
  // transfer can be resumed. Use it while holding lock_entry(sha256).
  [[nodiscard]] std::filesystem::path download_path(const dist::Sha256& sha256,
                                                    std::string_view filename) const;
  // A fresh, unused staging path (nothing is created).
  [[nodiscard]] std::filesystem::path temp_path(std::string_view hint) const;
  // A new private (0700) staging directory.
  [[nodiscard]] StagingDir create_staging_dir(std::string_view hint) const;

  // Serialises work on one entry across processes (two runs downloading the same wheel): hold
  // it, check find_wheel() again, and only then download.
  [[nodiscard]] FileLock lock_entry(const dist::Sha256& sha256) const;

  // Moves `temp` (a staging file) into the store as wheel_path(expected_sha256, filename) after
  // checking its size and digest. `streamed` is the digest computed while the file was written
  // (hash-while-streaming); without it the file is read and hashed here. `temp` is consumed:
  // renamed, or removed on a mismatch, which throws gator::Error(integrity) naming the file,
  // the expected and the actual value. If another process stored the entry first, that one
  // is kept. Returns the entry's path.
  std::filesystem::path insert_file(const std::filesystem::path& temp,
                                    const dist::Sha256& expected_sha256,
                                    std::uint64_t expected_size, std::string_view filename,
                                    const std::optional<FileDigest>& streamed = std::nullopt);

  // Renames a staging directory, whose contents the caller has verified, to
  // unpacked_path(wheel_sha256) (mode 0755). If the tree exists already it is kept and `dir`
  // is removed. Returns the tree's path.
  std::filesystem::path insert_tree(StagingDir dir, const dist::Sha256& wheel_sha256);

  // Removes every entry and all staging files. Waits for an exclusive lock: other processes
  // must have closed the cache; this process must have no staging files in use.
  void clean();

  // Removes the wheels and trees whose digest is not in `keep`, anything unrecognised in the
  // buckets, and all staging files (under the exclusive lock nobody else is using them).
  PruneStats prune(const std::unordered_set<dist::Sha256>& keep);

 private:
  Cache(std::filesystem::path root, FileLock lock)
      : m_root(std::move(root)), m_lock(std::move(lock)) {}

  // Runs `body` under the exclusive lock, then goes back to the shared lock.
  template <typename Body>
  auto exclusively(Body&& body);

  std::filesystem::path m_root;
  FileLock m_lock;
};

}  // namespace gator::cache

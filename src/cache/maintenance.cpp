// clean and prune: the only operations that remove entries, always under the exclusive lock.
#include <system_error>
#include <vector>

#include "cache/cache.hpp"
#include "util/error.hpp"

namespace gator::cache {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_trash_prefix = ".trash-";

// Entry names in a folder; a folder that does not exist has none.
[[nodiscard]] std::vector<fs::path> children(const fs::path& folder) {
  std::vector<fs::path> names;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
    names.push_back(it->path());
  if (error && error != std::errc::no_such_file_or_directory && error != std::errc::not_a_directory)
    throw Error(ErrorKind::io, "cannot list " + folder.string() + ": " + error.message());
  return names;
}

// Renames `path` aside before deleting it, so that a crash half-way through never leaves a
// partial tree under a name that says "complete".
std::uint64_t discard(const fs::path& root, const fs::path& path) {
  const fs::path trash = root / (std::string(k_trash_prefix) + detail::unique_token());
  std::error_code error;
  fs::rename(path, trash, error);
  if (error) {
    if (error == std::errc::no_such_file_or_directory)
      return 0;
    throw Error(ErrorKind::io, "cannot remove " + path.string() + ": " + error.message());
  }
  return detail::remove_tree(trash);
}

std::uint64_t remove_leftover_trash(const fs::path& root) {
  std::uint64_t bytes = 0;
  for (const fs::path& child : children(root)) {
    if (child.filename().string().starts_with(k_trash_prefix))
      bytes += detail::remove_tree(child);
  }
  return bytes;
}

[[nodiscard]] bool kept(const fs::path& entry, const std::unordered_set<dist::Sha256>& keep) {
  const auto sha256 = dist::Sha256::parse(entry.filename().string());
  // Only the canonical lower-case spelling is ours.
  return sha256 && sha256->to_string() == entry.filename().string() && keep.contains(*sha256);
}

}  // namespace

template <typename Body>
auto Cache::exclusively(Body&& body) {
  m_lock.change(LockMode::exclusive);
  struct BackToShared {
    FileLock& lock;
    ~BackToShared() {
      try {
        lock.change(LockMode::shared);
      } catch (const Error&) {
        // Keeping the exclusive lock is safe; it is released with the Cache.
      }
    }
  } guard{m_lock};
  return body();
}

void Cache::clean() {
  exclusively([&] {
    for (const std::string_view folder : {k_wheels_bucket, k_unpacked_bucket, k_staging_dir})
      (void)discard(m_root, m_root / folder);
    (void)remove_leftover_trash(m_root);
    for (const std::string_view folder : {k_wheels_bucket, k_unpacked_bucket, k_staging_dir})
      detail::make_directories(m_root / folder);
    return 0;
  });
}

PruneStats Cache::prune(const std::unordered_set<dist::Sha256>& keep) {
  return exclusively([&] {
    PruneStats stats;
    stats.bytes_freed += remove_leftover_trash(m_root);
    for (const fs::path& prefix : children(wheels_dir())) {
      std::size_t left = 0;
      for (const fs::path& entry : children(prefix)) {
        const bool ours = prefix.filename() == entry.filename().string().substr(0, 2);
        if (ours && kept(entry, keep)) {
          ++left;
          continue;
        }
        stats.bytes_freed += detail::remove_tree(entry);
        ++stats.wheels_removed;
      }
      if (left == 0)
        stats.bytes_freed += detail::remove_tree(prefix);
    }
    for (const fs::path& entry : children(unpacked_dir())) {
      if (kept(entry, keep))
        continue;
      stats.bytes_freed += discard(m_root, entry);
      ++stats.trees_removed;
    }
    for (const fs::path& entry : children(staging_dir())) {
      stats.bytes_freed += detail::remove_tree(entry);
      ++stats.staging_removed;
    }
    return stats;
  });
}

}  // namespace gator::cache

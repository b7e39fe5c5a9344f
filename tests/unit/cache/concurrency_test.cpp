// Several processes using one cache at once (two `apply` runs, cloud-init plus a person).
#include <chrono>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/cache.hpp"
#include "temp_dir.hpp"
#include "util/error.hpp"

namespace gator::cache {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Runs `body` in a child process; its exit code is 0 on success, 1 on any exception.
template <typename Body>
[[nodiscard]] pid_t spawn(Body body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 0;
    try {
      code = body();
    } catch (...) {
      code = 1;
    }
    ::_exit(code);
  }
  return pid;
}

[[nodiscard]] int wait_for(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid)
    return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

[[nodiscard]] std::string content_of(int entry) {
  // Big enough that writes and renames of different processes interleave.
  return std::string(static_cast<std::size_t>(64 * 1024 + entry),
                     static_cast<char>('a' + entry % 26));
}

[[nodiscard]] std::string name_of(int entry) {
  return "pkg" + std::to_string(entry) + "-1.0-py3-none-any.whl";
}

// Inserts entries [first, last) `rounds` times each, plus an unpacked tree for each.
[[nodiscard]] int insert_entries(const fs::path& root, int first, int last, int rounds) {
  Cache cache = Cache::open(root);
  for (int round = 0; round < rounds; ++round) {
    for (int entry = first; entry < last; ++entry) {
      const std::string content = content_of(entry);
      const dist::Sha256 sha = sha256_of(content);
      const fs::path temp = cache.temp_path("download");
      test::write_text(temp, content);
      const fs::path stored = cache.insert_file(temp, sha, content.size(), name_of(entry));
      if (test::read_text(stored) != content)
        return 2;
      StagingDir dir = cache.create_staging_dir("unpack");
      test::write_text(dir.path() / "file", content);
      const fs::path tree = cache.insert_tree(std::move(dir), sha);
      if (test::read_text(tree / "file") != content)
        return 3;
    }
  }
  return 0;
}

TEST(CacheConcurrencyTest, ProcessesInsertingTheSameAndDifferentEntriesNeverCorruptIt) {
  test::TempDir dir;
  const fs::path root = dir.path() / "cache";
  // Both insert entries 0-19; each also inserts entries only it has.
  const pid_t a = spawn([&] { return insert_entries(root, 0, 30, 5); });
  const pid_t b = spawn([&] { return insert_entries(root, 10, 40, 5); });
  const pid_t c = spawn([&] { return insert_entries(root, 0, 40, 3); });
  EXPECT_EQ(wait_for(a), 0);
  EXPECT_EQ(wait_for(b), 0);
  EXPECT_EQ(wait_for(c), 0);

  Cache cache = Cache::open(root);
  for (int entry = 0; entry < 40; ++entry) {
    const std::string content = content_of(entry);
    const dist::Sha256 sha = sha256_of(content);
    const auto wheel = cache.find_wheel(sha, name_of(entry));
    ASSERT_TRUE(wheel) << entry;
    EXPECT_EQ(hash_file(*wheel).sha256, sha) << entry;
    const auto tree = cache.find_unpacked(sha);
    ASSERT_TRUE(tree) << entry;
    EXPECT_EQ(test::read_text(*tree / "file"), content) << entry;
    // Exactly one file per entry directory.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& item : fs::directory_iterator(wheel->parent_path()))
      ++files;
    EXPECT_EQ(files, 1u) << entry;
  }
  // Every temporary file and directory was renamed or removed.
  std::size_t leftovers = 0;
  for ([[maybe_unused]] const auto& item : fs::directory_iterator(cache.staging_dir()))
    ++leftovers;
  EXPECT_EQ(leftovers, 0u);
}

TEST(CacheConcurrencyTest, PruneWaitsUntilOtherProcessesHaveClosedTheCache) {
  test::TempDir dir;
  const fs::path root = dir.path() / "cache";
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t holder = spawn([&] {
    Cache cache = Cache::open(root);
    // A download in progress: a staging file that prune must not remove under it.
    const fs::path temp = cache.temp_path("download");
    test::write_text(temp, "in progress");
    (void)::write(ready[1], "x", 1);
    std::this_thread::sleep_for(400ms);
    return fs::exists(temp) ? 0 : 4;
  });
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  Cache cache = Cache::open(root);
  const auto start = std::chrono::steady_clock::now();
  const PruneStats stats = cache.prune({});
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 250ms);
  EXPECT_EQ(wait_for(holder), 0);
  // The holder's file was stale once it had gone, and prune removed it.
  EXPECT_EQ(stats.staging_removed, 1u);
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST(CacheConcurrencyTest, EntryLockSerialisesWorkOnOneEntry) {
  test::TempDir dir;
  const fs::path root = dir.path() / "cache";
  const dist::Sha256 sha = sha256_of("entry");
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t downloader = spawn([&] {
    Cache cache = Cache::open(root);
    FileLock lock = cache.lock_entry(sha);
    (void)::write(ready[1], "x", 1);
    std::this_thread::sleep_for(300ms);
    const fs::path temp = cache.download_path(sha, "e-1-py3-none-any.whl");
    test::write_text(temp, "entry");
    (void)cache.insert_file(temp, sha, 5, "e-1-py3-none-any.whl");
    return 0;
  });
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  Cache cache = Cache::open(root);
  {
    FileLock lock = cache.lock_entry(sha);
    // By the time the lock is ours, the other process has stored the entry.
    EXPECT_TRUE(cache.find_wheel(sha, "e-1-py3-none-any.whl").has_value());
  }
  EXPECT_EQ(wait_for(downloader), 0);
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST(CacheConcurrencyTest, TryAcquireReportsAConflictingHolder) {
  test::TempDir dir;
  const fs::path path = dir.path() / "lock";
  FileLock shared = FileLock::acquire(path, LockMode::shared);
  EXPECT_TRUE(FileLock::try_acquire(path, LockMode::shared).has_value());
  EXPECT_FALSE(FileLock::try_acquire(path, LockMode::exclusive).has_value());
}

}  // namespace
}  // namespace gator::cache

#include <gtest/gtest.h>

#include "cache/cache.hpp"
#include "temp_dir.hpp"

namespace gator::cache {
namespace {

namespace fs = std::filesystem;

[[nodiscard]] fs::path store(Cache& cache, std::string_view content, std::string_view filename) {
  const fs::path temp = cache.temp_path("download");
  test::write_text(temp, content);
  return cache.insert_file(temp, sha256_of(content), content.size(), filename);
}

[[nodiscard]] fs::path store_tree(Cache& cache, std::string_view wheel_content) {
  StagingDir dir = cache.create_staging_dir("unpack");
  fs::create_directories(dir.path() / "pkg");
  test::write_text(dir.path() / "pkg" / "__init__.py", "x = 1\n");
  return cache.insert_tree(std::move(dir), sha256_of(wheel_content));
}

[[nodiscard]] std::size_t count_entries(const fs::path& folder) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
    ++count;
  return count;
}

TEST(CacheMaintenanceTest, CleanRemovesEverythingAndLeavesAUsableCache) {
  test::TempDir dir;
  Cache cache = Cache::open(dir.path());
  const fs::path wheel = store(cache, "aaa", "a-1-py3-none-any.whl");
  const fs::path tree = store_tree(cache, "aaa");
  test::write_text(cache.temp_path("stale"), "partial");
  cache.clean();
  EXPECT_FALSE(fs::exists(wheel));
  EXPECT_FALSE(fs::exists(tree));
  EXPECT_EQ(count_entries(cache.wheels_dir()), 0u);
  EXPECT_EQ(count_entries(cache.unpacked_dir()), 0u);
  EXPECT_EQ(count_entries(cache.staging_dir()), 0u);
  // Only the layout itself is left at the root.
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path()))
    names.insert(entry.path().filename().string());
  EXPECT_EQ(names,
            (std::set<std::string>{".lock", "CACHEDIR.TAG", "tmp", "unpacked-v1", "wheels-v1"}));
  // Still usable: the lock went back to shared.
  EXPECT_NO_THROW((void)store(cache, "bbb", "b-1-py3-none-any.whl"));
  EXPECT_EQ(cache.find_wheel(sha256_of("bbb"), "b-1-py3-none-any.whl").has_value(), true);
}

TEST(CacheMaintenanceTest, PruneKeepsTheKeepSetAndRemovesTheRest) {
  test::TempDir dir;
  Cache cache = Cache::open(dir.path());
  const fs::path keep_wheel = store(cache, "keep", "keep-1-py3-none-any.whl");
  const fs::path keep_tree = store_tree(cache, "keep");
  const fs::path old_wheel = store(cache, "old!", "old-1-py3-none-any.whl");
  const fs::path old_tree = store_tree(cache, "old!");
  test::write_text(cache.temp_path("stale"), "partial download");
  fs::create_directories(cache.unpacked_dir() / "not-a-digest");
  fs::create_directories(cache.root() / ".trash-left-by-a-crash" / "x");

  const PruneStats stats = cache.prune({sha256_of("keep")});
  EXPECT_TRUE(fs::exists(keep_wheel));
  EXPECT_TRUE(fs::exists(keep_tree / "pkg" / "__init__.py"));
  EXPECT_FALSE(fs::exists(old_wheel));
  EXPECT_FALSE(fs::exists(old_wheel.parent_path()));
  EXPECT_FALSE(fs::exists(old_tree));
  EXPECT_FALSE(fs::exists(cache.unpacked_dir() / "not-a-digest"));
  EXPECT_FALSE(fs::exists(cache.root() / ".trash-left-by-a-crash"));
  EXPECT_EQ(count_entries(cache.staging_dir()), 0u);
  EXPECT_EQ(stats.wheels_removed, 1u);
  EXPECT_EQ(stats.trees_removed, 2u);
  EXPECT_EQ(stats.staging_removed, 1u);
  EXPECT_EQ(stats.bytes_freed, 4u + 6u + 16u);  // old wheel, old tree's file, staging file
}

TEST(CacheMaintenanceTest, PruneWithAnEmptyKeepSetEmptiesTheBuckets) {
  test::TempDir dir;
  Cache cache = Cache::open(dir.path());
  (void)store(cache, "one", "one-1-py3-none-any.whl");
  (void)store(cache, "two", "two-1-py3-none-any.whl");
  const PruneStats stats = cache.prune({});
  EXPECT_EQ(stats.wheels_removed, 2u);
  EXPECT_EQ(count_entries(cache.wheels_dir()), 0u);
}

}  // namespace
}  // namespace gator::cache

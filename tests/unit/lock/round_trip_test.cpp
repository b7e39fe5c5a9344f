// Writing is deterministic and reading what was written gives the same text back.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "lock/read.hpp"
#include "lock/write.hpp"
#include "lock_fixture.hpp"

namespace gator::lock {
namespace {

using test::golden;
using test::written;

[[nodiscard]] Lockfile read_back(const std::string& text) {
  auto result = parse_lockfile(text, "pylock.test.toml");
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().render("gator-provision"));
  EXPECT_TRUE(!result || result->warnings.empty());
  return result ? result->lockfile : Lockfile{};
}

TEST(LockRoundTrip, Mi25MatchesTheGoldenFile) {
  const std::string text = written(test::mi25_lock());
  EXPECT_EQ(text, golden("pylock.mi25.toml", text));
}

TEST(LockRoundTrip, Mi25ReadsBackToTheSameTextAndModel) {
  const Lockfile lock = test::mi25_lock();
  const std::string text = written(lock);
  const Lockfile again = read_back(text);
  EXPECT_EQ(written(again), text);
  // The model survives too, apart from the order the writer imposes.
  Lockfile sorted = lock;
  std::sort(sorted.packages.begin(), sorted.packages.end(), package_less);
  for (Package& package : sorted.packages) {
    std::sort(package.wheels.begin(), package.wheels.end(),
              [](const Wheel& a, const Wheel& b) { return a.name < b.name; });
    std::sort(package.dependencies.begin(), package.dependencies.end(),
              [](const Dependency& a, const Dependency& b) { return a.name < b.name; });
  }
  EXPECT_TRUE(again == sorted);
}

TEST(LockRoundTrip, OrderOfTheModelDoesNotChangeTheText) {
  Lockfile lock = test::mi25_lock();
  const std::string text = written(lock);
  std::mt19937 random(42);
  for (int i = 0; i < 5; ++i) {
    std::shuffle(lock.packages.begin(), lock.packages.end(), random);
    for (Package& package : lock.packages) {
      std::shuffle(package.wheels.begin(), package.wheels.end(), random);
      std::shuffle(package.dependencies.begin(), package.dependencies.end(), random);
    }
    EXPECT_EQ(written(lock), text);
  }
}

}  // namespace
}  // namespace gator::lock

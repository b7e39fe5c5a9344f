#include "util/task_pool.hpp"

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace gator::util {
namespace {

TEST(TaskPoolTest, OneThreadRunsTheCostliestFirstAndTiesInOrder) {
  TaskPool pool;
  std::vector<std::string> ran;
  pool.add(1, [&] { ran.emplace_back("small"); });
  pool.add(50, [&] { ran.emplace_back("big"); });
  pool.add(10, [&] { ran.emplace_back("middle-a"); });
  pool.add(10, [&] { ran.emplace_back("middle-b"); });
  pool.run(1);
  EXPECT_EQ(ran, (std::vector<std::string>{"big", "middle-a", "middle-b", "small"}));
}

TEST(TaskPoolTest, TasksMayAddTasksAndEveryOneRunsOnce) {
  TaskPool pool;
  std::atomic<int> sum{0};
  for (int i = 0; i < 20; ++i) {
    pool.add(static_cast<std::uint64_t>(i), [&pool, &sum, i] {
      for (int j = 0; j < 5; ++j)
        pool.add(100, [&sum, i, j] { sum += i * 10 + j; });
    });
  }
  pool.run(4);
  int expected = 0;
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 5; ++j)
      expected += i * 10 + j;
  EXPECT_EQ(sum.load(), expected);
}

TEST(TaskPoolTest, TheFirstErrorStopsThePoolAndIsRethrown) {
  TaskPool pool;
  std::atomic<int> ran{0};
  pool.add(100, [] { throw std::runtime_error("first"); });
  for (int i = 0; i < 50; ++i)
    pool.add(1, [&] { ++ran; });
  try {
    pool.run(1);
    FAIL() << "expected the task's error";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "first");
  }
  EXPECT_EQ(ran.load(), 0);  // nothing queued after the failure ran
}

TEST(TaskPoolTest, AnEmptyPoolReturns) {
  TaskPool pool;
  pool.run(3);
  SUCCEED();
}

}  // namespace
}  // namespace gator::util

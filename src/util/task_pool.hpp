#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <queue>
#include <vector>

namespace gator::util {

// Runs tasks on a few threads, the costliest waiting task first (so that one long task does not
// start last and leave the other threads idle at the end). A running task may add more tasks.
// The first task to throw stops the pool: tasks not yet started are dropped, running ones are
// waited for, and run() rethrows that first exception.
class TaskPool {
 public:
  using Task = std::function<void()>;

  // The hardware's threads, at most 16: past that, file work waits on the disk and each thread
  // only adds its buffers to the memory used.
  [[nodiscard]] static std::size_t default_threads();

  // Thread-safe; may be called from a running task.
  void add(std::uint64_t cost, Task task);

  // Runs every task (and the tasks they add) on `threads` threads, the caller's among them, and
  // returns when none is left. Call once.
  void run(std::size_t threads);

 private:
  struct Queued {
    std::uint64_t cost = 0;
    std::uint64_t order = 0;  // ties run in the order they were added
    Task task;
  };
  struct Costlier {
    bool operator()(const Queued& a, const Queued& b) const {
      return a.cost != b.cost ? a.cost < b.cost : a.order > b.order;
    }
  };

  void work();

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::priority_queue<Queued, std::vector<Queued>, Costlier> m_queue;
  std::uint64_t m_added = 0;
  std::size_t m_running = 0;
  std::exception_ptr m_error;
};

}  // namespace gator::util

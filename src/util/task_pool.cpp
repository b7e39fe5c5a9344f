#include "util/task_pool.hpp"

#include <algorithm>
#include <thread>
#include <utility>

namespace gator::util {

std::size_t TaskPool::default_threads() {
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
}

void TaskPool::add(std::uint64_t cost, Task task) {
  {
    const std::scoped_lock lock(m_mutex);
    m_queue.push(Queued{cost, m_added++, std::move(task)});
  }
  m_changed.notify_one();
}

void TaskPool::work() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    // Idle threads wait while a running task may still add work.
    m_changed.wait(lock, [&] { return m_error || !m_queue.empty() || m_running == 0; });
    if (m_error || m_queue.empty())
      return;
    Task task = std::move(const_cast<Queued&>(m_queue.top()).task);  // popped right away
    m_queue.pop();
    ++m_running;
    lock.unlock();
    std::exception_ptr error;
    try {
      task();
    } catch (...) {
      error = std::current_exception();
    }
    task = nullptr;  // whatever it holds goes before the next task starts
    lock.lock();
    --m_running;
    if (error && !m_error)
      m_error = error;
    if (m_error || (m_queue.empty() && m_running == 0))
      m_changed.notify_all();
  }
}

void TaskPool::run(std::size_t threads) {
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t)
      pool.emplace_back([this] { work(); });
    work();
  }
  if (m_error)
    std::rethrow_exception(m_error);
}

}  // namespace gator::util

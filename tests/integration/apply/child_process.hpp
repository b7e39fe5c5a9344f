#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

// A child process for the apply tests, started with posix_spawn so that a test can watch it
// while it runs and kill it (SIGKILL mid-install), or run two at once. Its stdout and stderr go
// to files, so a chatty child never blocks on a pipe nobody reads. With GATOR_APPLY_TEST_TIMES
// set, each child's run time is printed to stderr.
namespace gator::apply_test {

struct ChildOptions {
  std::vector<std::string> argv;  // argv[0] is an absolute path
  std::map<std::string, std::string> environment;
  std::filesystem::path working_directory;
  std::filesystem::path output_stem;  // <stem>.out and <stem>.err
};

struct ChildResult {
  bool exited = false;  // false: killed by `signal`
  int exit_code = -1;
  int signal = 0;
  std::string out;
  std::string err;
  std::string command;
  std::chrono::milliseconds elapsed{0};

  // "exit 3" or "killed by signal 9", the command and both outputs: for assertion messages.
  [[nodiscard]] std::string describe() const;
};

class Child {
 public:
  // Throws std::runtime_error when the program cannot be started.
  [[nodiscard]] static Child spawn(const ChildOptions& options);
  Child(Child&& other) noexcept;
  Child& operator=(Child&&) = delete;
  Child(const Child&) = delete;
  ~Child();  // kills and reaps a child still running

  [[nodiscard]] pid_t pid() const { return m_pid; }
  void send(int signal) const;
  // Waits for the end (killing it with SIGKILL after `timeout`, reported as killed).
  [[nodiscard]] ChildResult wait(std::chrono::milliseconds timeout = std::chrono::seconds(60));

 private:
  Child(pid_t pid, ChildOptions options, std::chrono::steady_clock::time_point started)
      : m_pid(pid), m_options(std::move(options)), m_started(started) {}
  pid_t m_pid = -1;
  ChildOptions m_options;
  std::chrono::steady_clock::time_point m_started;
};

// This process's environment without PIP_* and PYTHON* variables (the host sets
// PIP_FIND_LINKS, PYTHONDONTWRITEBYTECODE...), so that pip and Python behave as on a plain
// machine.
[[nodiscard]] std::map<std::string, std::string> clean_environment();

[[nodiscard]] ChildResult run_child(const ChildOptions& options,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace gator::apply_test

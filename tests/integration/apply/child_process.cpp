#include "child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

[[nodiscard]] std::string joined(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& arg : argv)
    text += (text.empty() ? "" : " ") + arg;
  return text;
}

// posix_spawn's C interface wants mutable char* arrays that live until the call returns.
class CStrings {
 public:
  explicit CStrings(std::vector<std::string> strings) : m_strings(std::move(strings)) {
    for (std::string& s : m_strings)
      m_pointers.push_back(s.data());
    m_pointers.push_back(nullptr);
  }
  [[nodiscard]] char** get() { return m_pointers.data(); }

 private:
  std::vector<std::string> m_strings;
  std::vector<char*> m_pointers;
};

void check(int status, const char* what) {
  if (status != 0)
    throw std::runtime_error(std::string(what) + ": " + std::strerror(status));
}

}  // namespace

std::string ChildResult::describe() const {
  std::string text =
      exited ? "exit " + std::to_string(exit_code) : "killed by signal " + std::to_string(signal);
  return text + "\ncommand: " + command + "\nstdout:\n" + out + "stderr:\n" + err;
}

Child Child::spawn(const ChildOptions& options) {
  posix_spawn_file_actions_t actions;
  check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
  const std::string out = options.output_stem.string() + ".out";
  const std::string err = options.output_stem.string() + ".err";
  const int flags = O_WRONLY | O_CREAT | O_TRUNC;  // no O_CLOEXEC: these are the child's fds
  check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "stdin");
  check(posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), flags, 0644), "stdout");
  check(posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), flags, 0644), "stderr");
  if (!options.working_directory.empty()) {
    check(posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str()),
          "chdir");
  }
  std::vector<std::string> environment;
  for (const auto& [name, value] : options.environment)
    environment.push_back(name + "=" + value);
  CStrings argv(options.argv);
  CStrings envp(std::move(environment));
  pid_t pid = -1;
  const int status =
      posix_spawn(&pid, options.argv.at(0).c_str(), &actions, nullptr, argv.get(), envp.get());
  posix_spawn_file_actions_destroy(&actions);
  check(status, ("cannot start " + options.argv.at(0)).c_str());
  return Child(pid, options, std::chrono::steady_clock::now());
}

Child::Child(Child&& other) noexcept
    : m_pid(std::exchange(other.m_pid, -1)),
      m_options(std::move(other.m_options)),
      m_started(other.m_started) {}

Child::~Child() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
  }
}

void Child::send(int signal) const {
  if (m_pid > 0)
    ::kill(m_pid, signal);
}

ChildResult Child::wait(std::chrono::milliseconds timeout) {
  ChildResult result;
  result.command = joined(m_options.argv);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid)
      break;
    if (done < 0 && errno != EINTR)
      throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
      result.err = "(timed out after " + std::to_string(timeout.count()) + " ms)\n";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  m_pid = -1;
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - m_started);
  if (std::getenv("GATOR_APPLY_TEST_TIMES") != nullptr)
    std::fprintf(stderr, "%6lld ms  %s\n", static_cast<long long>(result.elapsed.count()),
                 result.command.substr(0, 160).c_str());
  result.exited = WIFEXITED(status);
  result.exit_code = result.exited ? WEXITSTATUS(status) : -1;
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  result.out = slurp(m_options.output_stem.string() + ".out");
  result.err += slurp(m_options.output_stem.string() + ".err");
  return result;
}

std::map<std::string, std::string> clean_environment() {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos)
      continue;
    const std::string name = text.substr(0, equals);
    if (name.starts_with("PIP_") || name.starts_with("PYTHON"))
      continue;
    environment[name] = text.substr(equals + 1);
  }
  return environment;
}

ChildResult run_child(const ChildOptions& options, std::chrono::milliseconds timeout) {
  Child child = Child::spawn(options);
  return child.wait(timeout);
}

}  // namespace gator::apply_test

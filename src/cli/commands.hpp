#pragma once

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>

#include <CLI/CLI.hpp>

namespace gator::cli {

// Options every command understands (../shared/DESIGN.md, "Common options").
struct GlobalOptions {
  bool verbose = false;
  bool quiet = false;
  bool json = false;
};

// What a command may read from the outside world, captured once in main() so that commands
// (and their option precedence) can be tested without touching the real process state.
struct Context {
  std::map<std::string, std::string> environment;
  std::string executable;  // /proc/self/exe, for the installed share directory
  unsigned uid = 0;
  std::string user;  // the name of `uid`
  bool stdout_is_tty = false;
  bool stderr_is_tty = false;  // progress lines are redrawn in place only on a terminal
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  [[nodiscard]] std::optional<std::string> env(const std::string& name) const;
};

// The action returns the process exit code; failures other than "checks failed" throw
// gator::Error, which cli::run renders.
using Action = std::function<int()>;

struct CommandSpec {
  const char* name;
  const char* summary;
  // Adds the command's arguments and options (and subcommands); returns the action to run once
  // the command line was parsed.
  std::function<Action(CLI::App& command, const GlobalOptions& global, const Context& context)>
      define;
};

[[nodiscard]] std::span<const CommandSpec> commands();

// Implemented commands, one file each.
[[nodiscard]] CommandSpec doctor_command();
[[nodiscard]] CommandSpec profile_command();
[[nodiscard]] CommandSpec lock_command();
[[nodiscard]] CommandSpec diff_command();
[[nodiscard]] CommandSpec apply_command();
[[nodiscard]] CommandSpec status_command();
[[nodiscard]] CommandSpec verify_command();
[[nodiscard]] CommandSpec run_command();
[[nodiscard]] CommandSpec cache_command();

}  // namespace gator::cli

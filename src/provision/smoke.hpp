#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "python/interpreter.hpp"

// The smoke check `apply` runs once a new venv is in place: the profile's [smoke] command, or by
// default an import of each top-level module of the direct requirements, run with the venv
// activated and the profile's environment.
namespace gator::provision {

// Where the result of the last smoke check is kept, for `status`: "<venv>/gator-smoke.txt".
inline constexpr std::string_view k_smoke_record = "gator-smoke.txt";

struct SmokeCheck {
  std::vector<std::string> command;  // argv; "python" means the venv's interpreter
  std::chrono::seconds timeout{300};
};

struct SmokeResult {
  std::vector<std::string> command;
  bool passed = false;
  int exit_code = -1;   // -1: it could not run or timed out
  std::string output;   // stdout then stderr, at most the last 4 KiB
  std::string problem;  // why it did not run ("timed out after 300 s"), else empty
};

// The modules a default smoke check imports for the `requested` projects (canonical names)
// installed in the venv: each project's top-level packages and modules as its RECORD lists
// them, or just the one named like the project when there is one. Sorted.
[[nodiscard]] std::vector<std::string> top_level_modules(const std::filesystem::path& venv,
                                                         const python::InterpreterInfo& base,
                                                         const std::set<std::string>& requested);

// A python program importing each of top_level_modules() in a fresh interpreter (and naming
// those that fail), or nothing when there is nothing to import.
[[nodiscard]] std::optional<SmokeCheck> default_smoke_check(const std::filesystem::path& venv,
                                                            const python::InterpreterInfo& base,
                                                            const std::set<std::string>& requested);

// The environment of a command run "in" the venv: `inherited` with the venv's bin first on PATH,
// VIRTUAL_ENV set, PYTHONHOME unset and `profile_environment` on top.
[[nodiscard]] std::map<std::string, std::string> venv_environment(
    const std::filesystem::path& venv, std::map<std::string, std::string> inherited,
    const std::map<std::string, std::string>& profile_environment);

// The absolute program for argv[0]: "python" is the venv's; a name without '/' is looked up in
// the venv's bin, then in `path`; nothing when it cannot be found.
[[nodiscard]] std::optional<std::filesystem::path> resolve_program(
    const std::filesystem::path& venv, const std::string& program, const std::string& path);

// Runs `check` in the venv and records the result in <venv>/gator-smoke.txt (best effort).
[[nodiscard]] SmokeResult run_smoke_check(const std::filesystem::path& venv,
                                          const SmokeCheck& check,
                                          const std::map<std::string, std::string>& environment);

// The recorded result of the last smoke check: its first line ("passed" or "failed: ..."), or
// nothing when none was recorded.
[[nodiscard]] std::optional<std::string> last_smoke_result(const std::filesystem::path& venv);

}  // namespace gator::provision

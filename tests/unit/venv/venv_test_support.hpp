#pragma once

// Shared by the venv tests: a real base interpreter, scratch directories and shells run on
// script files with a small, fixed environment.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "python/interpreter.hpp"
#include "util/subprocess.hpp"

namespace gator::venv::test {

// Debian's /usr/bin/python3.11, queried once.
[[nodiscard]] const python::InterpreterInfo& base_python();

// This process's scratch root under the test temp dir, removed at the end of the run.
[[nodiscard]] std::filesystem::path root();

// A fresh, empty directory under root(), named after the running test plus `suffix`.
[[nodiscard]] std::filesystem::path scratch_dir(const std::string& suffix = "");

// The shell's absolute path when it is installed (bash, dash, fish, tcsh, csh).
[[nodiscard]] std::optional<std::filesystem::path> find_shell(const std::string& name);

// Runs `script` (written to a file) with `shell`, in an environment of PATH=/usr/bin:/bin,
// HOME=<scratch> and `extra`.
[[nodiscard]] util::ProcessResult run_shell(const std::filesystem::path& shell,
                                            const std::string& script,
                                            const std::map<std::string, std::string>& extra = {});

// `env -0` output as a map.
[[nodiscard]] std::map<std::string, std::string> parse_env0(const std::string& text);

// Runs a program and returns its stdout without the trailing newline; fails the test when it
// exits non-zero.
[[nodiscard]] std::string run_ok(const std::filesystem::path& program,
                                 const std::vector<std::string>& args);

}  // namespace gator::venv::test

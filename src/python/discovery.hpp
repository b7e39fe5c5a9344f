#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "python/interpreter.hpp"

namespace gator::python {

// Runs the query script in `python` (an absolute path). Answers are cached under `cache_dir`
// (when not empty) keyed by the interpreter's path, size and mtime. Throws gator::Error when
// the program cannot run or does not answer like a Python interpreter.
[[nodiscard]] InterpreterInfo query_interpreter(const std::filesystem::path& python,
                                                const std::filesystem::path& cache_dir);

struct DiscoveryRequest {
  std::string python_option;   // --python: empty, a path, a command on PATH, or a version "3.11"
  std::string wanted;          // the profile's python: "3.11", "3.11.4" or a specifier ">=3.10"
  std::string path_env;        // $PATH
  std::filesystem::path home;  // for ~/.pyenv
  std::string pyenv_root;      // $PYENV_ROOT, if set
  std::filesystem::path cache_dir;  // query cache; empty: no cache
};

// One place looked at, and why it was not taken (empty `rejected` for the one chosen).
struct Probe {
  std::filesystem::path path;
  std::string origin;  // "--python", "PATH", "system", "pyenv"
  std::string rejected;
};

struct Discovery {
  std::optional<InterpreterInfo> found;
  std::vector<Probe> probes;
};

// Finds a base interpreter matching `wanted`: --python first, then PATH, then /usr/bin and
// /usr/local/bin, then pyenv versions (newest first). A virtualenv's own python is rejected.
// An invalid `wanted` or --python version throws gator::Error(invalid_input).
[[nodiscard]] Discovery discover_interpreter(const DiscoveryRequest& request);

}  // namespace gator::python

#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "python/interpreter.hpp"
#include "venv/pyvenv_cfg.hpp"

namespace gator::venv {

struct VenvOptions {
  // Where the venv will live once switched into place. Everything written inside (pyvenv.cfg,
  // activate scripts) names this path, never the staging directory it is created in. Absolute,
  // without "." or "..", ':' (the PATH separator) or control characters.
  std::filesystem::path final_prefix;
  std::string profile;  // recorded as `gator-profile`; the default prompt
  std::string prompt;   // empty: the profile's name, else the final directory's name
  std::map<std::string, std::string> environment;  // exported by the activate scripts
  std::string command;  // pyvenv.cfg's `command` line; empty: a description of this run
};

// Creates a venv of `base` at `directory` natively (no `python -m venv`), laid out as CPython's
// venv does with symlinks: pyvenv.cfg, bin/python3.X -> the base's real executable,
// bin/python3 and bin/python -> python3.X, bin/activate{,.fish,.csh}, include/python3.X,
// lib/python3.X/site-packages and lib64 -> lib where venv makes it. `directory` must not
// exist or be empty; its parent is created if needed. Throws gator::Error: invalid_input for
// bad options or a base that is itself a virtualenv, io when the filesystem refuses. On failure
// `directory` may be left half-made: it is a staging directory the caller removes.
void create_venv(const std::filesystem::path& directory, const python::InterpreterInfo& base,
                 const VenvOptions& options);

// The pyvenv.cfg create_venv writes, for `real_executable` (the base's symlink-free path): the
// keys CPython 3.11's venv writes, then `gator-provision = <version>` and `gator-profile`.
[[nodiscard]] PyvenvCfg make_pyvenv_cfg(const python::InterpreterInfo& base,
                                        const std::filesystem::path& real_executable,
                                        const VenvOptions& options);

// The prompt create_venv uses: options.prompt, else the profile, else the final directory's
// name, sanitized for the shells.
[[nodiscard]] std::string effective_prompt(const VenvOptions& options);

// The gator-provision version recorded in the venvs this build creates.
[[nodiscard]] const std::string& tool_version();

}  // namespace gator::venv

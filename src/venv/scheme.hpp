#pragma once

#include <filesystem>
#include <string>

#include "python/interpreter.hpp"

namespace gator::venv {

// The names inside a venv that depend on its base interpreter (CPython's venv layout).
struct Layout {
  std::string python_dir;   // "python3.11"; "python3.13t" when free-threaded
  std::string platlibdir;   // sys.platlibdir: "lib" (Debian, pyenv), "lib64" (Fedora)
  std::string include_dir;  // "python3.11" plus abiflags: include/<this>
  bool lib64_link = false;  // lib64 -> lib, as venv does on 64-bit POSIX other than macOS
};

[[nodiscard]] Layout layout(const python::InterpreterInfo& base);

// Where an installer puts each part of a wheel in a venv at `prefix`: sysconfig's venv scheme
// (posix_venv), which is what the venv's own sysconfig.get_paths() answers.
struct Scheme {
  std::filesystem::path purelib;  // <prefix>/lib/python3.11/site-packages
  std::filesystem::path platlib;  // <prefix>/<platlibdir>/python3.11/site-packages
  std::filesystem::path scripts;  // <prefix>/bin
  // pip's place for a wheel's .data/headers in a venv (sysconfig has none of its own):
  // <prefix>/include/site/python3.11, under which the installer adds /<distribution name>.
  std::filesystem::path headers;
  std::filesystem::path data;  // <prefix>
};

// `prefix` is used as given: pass the final location to write shebangs and the staging
// location to write files.
[[nodiscard]] Scheme scheme(const std::filesystem::path& prefix,
                            const python::InterpreterInfo& base);

}  // namespace gator::venv

#pragma once

#include <string>

// The wheels the apply tests generate (with tests/unit/wheel's WheelBuilder, which writes correct
// RECORD hashes unless told otherwise), and hostile variants of them.
namespace gator::apply_test {

struct GeneratedWheel {
  std::string filename;
  std::string bytes;
};

// alpha: a package (alpha/), Requires-Dist: beta; a console entry point `alpha-cli` and a GUI one
// `alpha-gui`; .data/scripts (a `#!python` script and a shell script), .data/data, .data/purelib
// and .data/platlib members.
[[nodiscard]] GeneratedWheel alpha_wheel(const std::string& version = "1.0");
// beta: a single module beta.py whose VERSION is `version`.
[[nodiscard]] GeneratedWheel beta_wheel(const std::string& version);
// gamma: a package with a subpackage, no dependencies.
[[nodiscard]] GeneratedWheel gamma_wheel();
// delta: a module and a C header in .data/headers.
[[nodiscard]] GeneratedWheel delta_wheel();
// bulk: `files` small modules and one incompressible `big_bytes` data file: an install that takes
// long enough to be interrupted, and downloads that exceed a small file size limit.
[[nodiscard]] GeneratedWheel bulk_wheel(int files, std::size_t big_bytes);

// evil 1.0 with one hostile member, listed in RECORD with its correct hash and size so that only
// the member itself is the problem.
enum class Hostile { zip_slip, absolute_path, symlink, record_mismatch };
[[nodiscard]] GeneratedWheel evil_wheel(Hostile kind, const std::string& member);

}  // namespace gator::apply_test

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hardware/detect.hpp"
#include "profile/profile.hpp"
#include "python/discovery.hpp"

// Compares what was detected on a machine with what a profile needs, one check per line, each
// with what was expected, what was found and, when it fails, what to do about it.
namespace gator::doctor {

enum class Status { ok, warn, fail };
[[nodiscard]] const char* to_string(Status status);

struct Check {
  std::string id;     // stable key for --json: "gpu", "rocm", "kfd", "python", ...
  std::string title;  // "GPU", "ROCm", "/dev/kfd", ...
  Status status = Status::ok;
  std::string expected;  // "gfx900", "==5.7.1"
  std::string found;     // "gfx900 (node 1, Radeon Instinct MI25 / Vega 10)"
  std::string remedy;    // what to do; set for every fail and warn
};

struct Inputs {
  const profile::Profile& profile;
  const hardware::MachineFacts& facts;
  const python::Discovery* python = nullptr;  // null: the Python check is not run
  std::string user;                           // who will use the GPU (the service user)
};

[[nodiscard]] std::vector<Check> run_checks(const Inputs& inputs);
[[nodiscard]] bool all_passed(const std::vector<Check>& checks);

enum class Symbols { unicode, ascii };
enum class Color { yes, no };

// One line per check ("✓ ROCm: 5.7.1 (expected ==5.7.1)"), with the remedy indented under every
// ✗ and ⚠; then a summary line.
[[nodiscard]] std::string render_text(const std::vector<Check>& checks, Symbols symbols,
                                      Color color);
[[nodiscard]] std::string render_json(const std::string& profile, const std::vector<Check>& checks);

}  // namespace gator::doctor

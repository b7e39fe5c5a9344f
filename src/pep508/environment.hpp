#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

// The values markers are evaluated against, and how to derive them for a target interpreter
// without probing the host (the lock is made for a machine that may not be this one).
namespace gator::pep508 {

enum class MarkerVariable : std::uint8_t {
  implementation_name,
  implementation_version,
  os_name,
  platform_machine,
  platform_release,
  platform_system,
  platform_version,
  python_full_version,
  python_version,
  platform_python_implementation,
  sys_platform,
  extra,
  extras,             // set-valued (PEP 751 lock files)
  dependency_groups,  // set-valued (PEP 751 lock files)
};

// The PEP 508 spelling, e.g. "platform_python_implementation" (aliases such as `os.name` are
// accepted by the parser but always printed this way).
[[nodiscard]] std::string_view to_string(MarkerVariable variable);

// Variables whose comparisons use PEP 440 version semantics when both sides are versions.
[[nodiscard]] bool is_version_variable(MarkerVariable variable);
// `extras` and `dependency_groups`: only `"x" in var` / `"x" not in var` are defined.
[[nodiscard]] bool is_set_variable(MarkerVariable variable);

// Where a marker is evaluated (packaging's EvaluateContext). In `metadata` a missing `extra`
// means ""; in `lock_file` missing `extras` / `dependency_groups` mean empty sets; in
// `requirement` nothing has a default.
enum class EvaluationContext : std::uint8_t { metadata, requirement, lock_file };

// A marker environment. An unset field is "undefined": a marker that needs it fails with
// MarkerErrorKind::undefined_environment_name (unless the context gives a default).
struct MarkerEnvironment {
  std::optional<std::string> implementation_name;
  std::optional<std::string> implementation_version;
  std::optional<std::string> os_name;
  std::optional<std::string> platform_machine;
  std::optional<std::string> platform_release;
  std::optional<std::string> platform_system;
  std::optional<std::string> platform_version;
  std::optional<std::string> python_full_version;
  std::optional<std::string> python_version;
  std::optional<std::string> platform_python_implementation;
  std::optional<std::string> sys_platform;
  std::optional<std::string> extra;
  std::optional<std::vector<std::string>> extras;
  std::optional<std::vector<std::string>> dependency_groups;

  // The string-valued field for `variable`; nullptr for `extras` and `dependency_groups`.
  [[nodiscard]] const std::optional<std::string>* string_field(MarkerVariable variable) const;
  [[nodiscard]] std::optional<std::string>* string_field(MarkerVariable variable);
  // The set-valued field for `extras` / `dependency_groups`; nullptr otherwise.
  [[nodiscard]] const std::optional<std::vector<std::string>>* set_field(
      MarkerVariable variable) const;

  friend bool operator==(const MarkerEnvironment&, const MarkerEnvironment&) = default;
};

// sys.version_info / sys.implementation.version: release level is "final", "alpha", "beta" or
// "candidate".
struct InterpreterVersion {
  unsigned major = 3;
  unsigned minor = 0;
  unsigned micro = 0;
  std::string release_level = "final";
  unsigned serial = 0;

  // "3.11", "3.11.4", "3.13.0a2", "3.13.0rc1": what a profile or `python --version` says.
  [[nodiscard]] static std::expected<InterpreterVersion, util::ParseError> parse(
      std::string_view text);
  friend bool operator==(const InterpreterVersion&, const InterpreterVersion&) = default;
};

// packaging's _format_full_version: "3.4.2", or "3.4.2b4" for (3, 4, 2, "beta", 4).
[[nodiscard]] std::string format_full_version(const InterpreterVersion& version);

// What is known about the interpreter a lock is made for. The defaults describe CPython on
// x86_64 Linux; platform_release/platform_version (uname -r / uname -v) are often unknown for a
// remote target and then stay empty, as platform.release() does when it cannot tell.
struct TargetInterpreter {
  InterpreterVersion python;                         // sys.version_info
  std::string implementation_name = "cpython";       // sys.implementation.name
  std::optional<InterpreterVersion> implementation;  // sys.implementation.version; unset: python
  std::string python_implementation = "CPython";     // platform.python_implementation()
  std::string os_name = "posix";                     // os.name
  std::string sys_platform = "linux";                // sys.platform
  std::string platform_system = "Linux";             // platform.system()
  std::string platform_machine = "x86_64";           // platform.machine()
  std::string platform_release;                      // platform.release()
  std::string platform_version;                      // platform.version()
};

// The environment packaging's default_environment() would report on that interpreter (all the
// string variables set; `extra`, `extras` and `dependency_groups` left to the caller).
[[nodiscard]] MarkerEnvironment default_environment(const TargetInterpreter& target);

}  // namespace gator::pep508

#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tags/apple.hpp"
#include "tags/generators.hpp"
#include "tags/linux.hpp"
#include "tags/supported.hpp"

// The tags a described target interpreter supports (packaging's sys_tags), so that a lock can
// be made for a machine other than the one running the tool.
namespace gator::tags {

enum class Os { linux_, macos, windows, ios, android, emscripten, other };

// "linux", "macos" (also "darwin", "macosx"), "windows" (also "win32"), "ios", "android",
// "emscripten"; anything else is nothing.
[[nodiscard]] std::optional<Os> parse_os(std::string_view name);
[[nodiscard]] const char* to_string(Os os);

struct Target {
  // The interpreter: sys.implementation.name (cpython, pypy, graalpy, ...) and language version.
  std::string implementation = "cpython";
  PythonVersion python{3, 11};
  // CPython build flags: free-threaded (cp313t, abi3t) and debug (cp311d).
  bool free_threaded = false;
  bool debug = false;
  // The interpreter's ABI tags, most specific first. Empty: derived, for CPython from the
  // version and flags, otherwise from `ext_suffix`.
  std::vector<std::string> abis;
  // EXT_SUFFIX of a non-CPython interpreter, e.g. ".pypy310-pp73-x86_64-linux-gnu.so".
  std::string ext_suffix;

  // The machine. `arch` as uname reports it (x86_64, aarch64, armv7l, ppc64le, s390x, arm64 on
  // macOS; amd64/arm64 are accepted on Linux and aarch64 on macOS). On Android it is the ABI
  // (arm64_v8a, x86_64), on iOS the multiarch (arm64-iphoneos, x86_64-iphonesimulator).
  Os os = Os::linux_;
  std::string arch = "x86_64";
  bool is_32bit = false;  // a 32-bit interpreter on a 64-bit machine

  // Linux: the oldest glibc the lock must run on (never a newer manylinux tag), or the musl
  // version; neither set means only linux_<arch> wheels.
  std::optional<LibcVersion> glibc;
  std::optional<LibcVersion> musl;
  ManylinuxHook manylinux_compatible;  // the distribution's PEP 600 _manylinux, if any
  bool manylinux_abi = true;           // false for armel (soft-float) or x32 interpreters

  // macOS / iOS release and Android API level.
  AppleVersion os_version{};
  unsigned android_api_level = 0;

  // Emscripten and other systems: sysconfig.get_platform(), e.g. "emscripten-3.1.58-wasm32";
  // and PYEMSCRIPTEN_PLATFORM_VERSION when the interpreter defines it.
  std::string sysconfig_platform;
  std::string pyemscripten_platform_version;
};

// A description that cannot give a meaningful tag list: the field (as named in Target) and why.
struct TargetError {
  std::string field;
  std::string message;
};

// Checks the description; also bounds every number so that tag generation stays small.
[[nodiscard]] std::optional<TargetError> validate_target(const Target& target);

// The ordered platform tags of the target (packaging's platform_tags()).
[[nodiscard]] std::expected<std::vector<std::string>, TargetError> platform_tags(
    const Target& target);

// The target's own ABI tags, most specific first (see Target::abis).
[[nodiscard]] std::expected<std::vector<std::string>, TargetError> target_abis(
    const Target& target);

// The first ABI tag, as packaging's interpreter_abi(); nothing when the interpreter has none.
[[nodiscard]] std::expected<std::optional<std::string>, TargetError> interpreter_abi(
    const Target& target);

// Every tag the target supports, most preferred first, exactly in packaging's sys_tags order:
// interpreter-specific tags (cpython_tags or generic_tags), then compatible_tags with
// cp<XY>-none-any (CPython) or pp3-none-any (PyPy).
[[nodiscard]] std::expected<SupportedTags, TargetError> supported_tags(const Target& target);

}  // namespace gator::tags

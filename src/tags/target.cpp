#include "tags/target.hpp"

#include "tags/abi.hpp"
#include "tags/platforms.hpp"
#include "util/strings.hpp"

namespace gator::tags {
namespace {

// Bounds that keep every generated list small (the loops run over these numbers).
constexpr unsigned k_max_python_major = 99;
constexpr unsigned k_max_minor = 999;
constexpr unsigned k_max_glibc_major = 99;
constexpr unsigned k_max_os_major = 999;
constexpr unsigned k_max_android_api_level = 9999;

bool is_name(std::string_view text, std::string_view extra) {
  if (text.empty())
    return false;
  for (const char c : text) {
    if (!util::is_ascii_alnum(c) && c != '_' && extra.find(c) == std::string_view::npos)
      return false;
  }
  return true;
}

std::string linux_arch(std::string_view arch) {
  std::string lower = util::ascii_lower(arch);
  if (lower == "amd64")
    return "x86_64";
  if (lower == "arm64")
    return "aarch64";
  return lower;
}

std::string macos_arch(std::string_view arch) {
  std::string lower = util::ascii_lower(arch);
  if (lower == "aarch64")
    return "arm64";
  if (lower == "amd64")
    return "x86_64";
  return lower;
}

std::string ios_multiarch(std::string_view arch) {
  std::string lower = util::ascii_lower(arch);
  if (lower.find('-') == std::string::npos)
    lower += "-iphoneos";
  return lower;
}

std::unexpected<TargetError> fail(std::string field, std::string message) {
  return std::unexpected(TargetError{std::move(field), std::move(message)});
}

std::optional<TargetError> too_large(const char* field, unsigned value, unsigned maximum) {
  if (value <= maximum)
    return std::nullopt;
  return TargetError{
      field, std::to_string(value) + " is out of range (at most " + std::to_string(maximum) + ")"};
}

std::optional<TargetError> validate_libc(const char* field, const std::optional<LibcVersion>& v,
                                         unsigned max_major) {
  if (!v)
    return std::nullopt;
  if (auto error = too_large(field, v->major, max_major))
    return error;
  return too_large(field, v->minor, k_max_minor);
}

std::optional<TargetError> validate_os(const Target& target) {
  const bool needs_arch = target.os != Os::emscripten && target.os != Os::other;
  if (needs_arch && !is_name(target.arch, ".-"))
    return TargetError{"arch", "expected a machine architecture such as x86_64 or aarch64, got '" +
                                   target.arch + "'"};
  switch (target.os) {
    case Os::linux_:
      if (target.glibc && target.musl)
        return TargetError{"musl", "a Linux target has either glibc or musl, not both"};
      if (auto error = validate_libc("glibc", target.glibc, k_max_glibc_major))
        return error;
      return validate_libc("musl", target.musl, k_max_glibc_major);
    case Os::macos:
      if (target.os_version < AppleVersion{10, 0})
        return TargetError{"os_version", "expected a macOS release such as 10.15 or 14.0"};
      [[fallthrough]];
    case Os::ios:
      if (auto error = too_large("os_version", target.os_version.major, k_max_os_major))
        return error;
      return too_large("os_version", target.os_version.minor, k_max_minor);
    case Os::android:
      return too_large("android_api_level", target.android_api_level, k_max_android_api_level);
    case Os::emscripten:
    case Os::other:
      if (target.sysconfig_platform.empty())
        return TargetError{"sysconfig_platform",
                           "required for this system, e.g. 'emscripten-3.1.58-wasm32'"};
      return std::nullopt;
    case Os::windows:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Os> parse_os(std::string_view name) {
  const std::string lower = util::ascii_lower(name);
  if (lower == "linux")
    return Os::linux_;
  if (lower == "macos" || lower == "darwin" || lower == "macosx")
    return Os::macos;
  if (lower == "windows" || lower == "win32")
    return Os::windows;
  if (lower == "ios")
    return Os::ios;
  if (lower == "android")
    return Os::android;
  if (lower == "emscripten")
    return Os::emscripten;
  return std::nullopt;
}

const char* to_string(Os os) {
  switch (os) {
    case Os::linux_:
      return "linux";
    case Os::macos:
      return "macos";
    case Os::windows:
      return "windows";
    case Os::ios:
      return "ios";
    case Os::android:
      return "android";
    case Os::emscripten:
      return "emscripten";
    case Os::other:
      return "other";
  }
  return "other";
}

std::optional<TargetError> validate_target(const Target& target) {
  if (!is_name(target.implementation, ""))
    return TargetError{"implementation",
                       "expected sys.implementation.name such as cpython or pypy, got '" +
                           target.implementation + "'"};
  if (auto error = too_large("python", target.python.major, k_max_python_major))
    return error;
  if (target.python.minor) {
    if (auto error = too_large("python", *target.python.minor, k_max_minor))
      return error;
  }
  const bool cpython = interpreter_name(target.implementation) == "cp";
  if (target.free_threaded && (!cpython || target.python < PythonVersion{3, 13}))
    return TargetError{"free_threaded", "free-threaded builds exist from CPython 3.13"};
  for (const std::string& abi : target.abis) {
    if (!is_name(abi, ""))
      return TargetError{"abis", "expected ABI tags such as cp311 or abi3, got '" + abi + "'"};
  }
  if (!cpython && target.abis.empty() && !target.ext_suffix.empty()) {
    const auto abis = generic_abi(target.ext_suffix, target.python);
    if (!abis)
      return TargetError{"ext_suffix", abis.error().message};
  }
  return validate_os(target);
}

std::expected<std::vector<std::string>, TargetError> platform_tags(const Target& target) {
  if (auto error = validate_target(target))
    return std::unexpected(std::move(*error));
  switch (target.os) {
    case Os::linux_: {
      LinuxPlatformInput input;
      input.sysconfig_platform = "linux-" + linux_arch(target.arch);
      input.is_32bit = target.is_32bit;
      input.glibc = target.glibc;
      input.musl = target.musl;
      input.manylinux_compatible = target.manylinux_compatible;
      input.manylinux_abi = target.manylinux_abi;
      return linux_platforms(input);
    }
    case Os::macos:
      return mac_platforms(target.os_version, mac_arch(macos_arch(target.arch), target.is_32bit));
    case Os::ios:
      return ios_platforms(target.os_version, ios_multiarch(target.arch));
    case Os::android:
      return android_platforms(target.android_api_level, util::ascii_lower(target.arch));
    case Os::windows:
      return std::vector<std::string>{windows_platform(target.arch, target.is_32bit)};
    case Os::emscripten:
      return emscripten_platforms(target.sysconfig_platform, target.pyemscripten_platform_version);
    case Os::other:
      return std::vector<std::string>{normalize_platform_string(target.sysconfig_platform)};
  }
  return fail("os", "unknown operating system");
}

std::expected<std::vector<std::string>, TargetError> target_abis(const Target& target) {
  if (auto error = validate_target(target))
    return std::unexpected(std::move(*error));
  if (!target.abis.empty())
    return target.abis;
  if (interpreter_name(target.implementation) == "cp") {
    // packaging derives no interpreter-specific ABI for a major-only version.
    if (!target.python.minor)
      return std::vector<std::string>{};
    CpythonAbiConfig config;
    config.py_debug = target.debug;
    config.gil_disabled = target.free_threaded;
    return cpython_abis(target.python, config);
  }
  if (target.ext_suffix.empty())
    return std::vector<std::string>{};
  auto abis = generic_abi(target.ext_suffix, target.python);
  if (!abis)
    return fail("ext_suffix", abis.error().message);
  return std::move(*abis);
}

std::expected<std::optional<std::string>, TargetError> interpreter_abi(const Target& target) {
  auto abis = target_abis(target);
  if (!abis)
    return std::unexpected(std::move(abis.error()));
  if (abis->empty())
    return std::optional<std::string>{};
  return std::optional<std::string>{std::move(abis->front())};
}

std::expected<SupportedTags, TargetError> supported_tags(const Target& target) {
  auto platforms = platform_tags(target);
  if (!platforms)
    return std::unexpected(std::move(platforms.error()));
  auto abis = target_abis(target);
  if (!abis)
    return std::unexpected(std::move(abis.error()));

  const std::string name = interpreter_name(target.implementation);
  const std::string version = interpreter_version(target.python);
  std::vector<Tag> tags = name == "cp" ? cpython_tags(target.python, *abis, *platforms)
                                       : generic_tags(name + version, *abis, *platforms);
  std::string compatible_interpreter;
  if (name == "pp")
    compatible_interpreter = "pp3";
  else if (name == "cp")
    compatible_interpreter = "cp" + version;
  const std::vector<Tag> compatible =
      compatible_tags(target.python, compatible_interpreter, *platforms);
  tags.insert(tags.end(), compatible.begin(), compatible.end());
  return SupportedTags(tags);
}

}  // namespace gator::tags

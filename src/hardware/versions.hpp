#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hardware/sysroot.hpp"

namespace gator::hardware {

// A ROCm version file's text, e.g. "5.7.1-98": release 5.7.1, build "98".
struct RocmVersion {
  std::vector<std::uint32_t> release;  // {5, 7, 1}
  std::string build;                   // "98"; "" when the file has no "-build" part

  [[nodiscard]] std::string release_text() const;  // "5.7.1"
};

// Pure parser for the first line of a ROCm .info/version file.
[[nodiscard]] std::expected<RocmVersion, std::string> parse_rocm_version(std::string_view text);

struct RocmInstall {
  std::string prefix;        // machine path of the install, e.g. "/opt/rocm"
  std::string version_file;  // host path of the file read
  std::string raw;           // "5.7.1-98", trimmed
  std::string version;       // "5.7.1"
  RocmVersion parsed;
};

// The version files tried, in order: $ROCM_PATH/.info/version and version-dev when ROCM_PATH is
// set, then the same under /opt/rocm. Machine paths, for "looked in ..." messages.
[[nodiscard]] std::vector<std::string> rocm_version_files(
    std::optional<std::string_view> rocm_path);

// The first version file that exists; nullopt when none does (ROCm not installed).
[[nodiscard]] std::expected<std::optional<RocmInstall>, DetectError> read_rocm(
    const Sysroot& sysroot, std::optional<std::string_view> rocm_path);

// A kernel module as sysfs shows it.
struct KernelModule {
  bool loaded = false;                 // /sys/module/<name> exists
  std::optional<std::string> version;  // /sys/module/<name>/version; absent for in-tree drivers

  // The version, or "in-tree" for a loaded driver that reports none.
  [[nodiscard]] std::string version_text() const;
};

[[nodiscard]] std::expected<KernelModule, DetectError> read_amdgpu(const Sysroot& sysroot);

struct NvidiaDriver {
  std::string version;  // "535.104.05"
  std::string source;   // host path of the file it came from
  bool module_loaded = false;
};

// Pure parser for /proc/driver/nvidia/version: the first dotted number after "NVRM version:".
[[nodiscard]] std::expected<std::string, std::string> parse_nvidia_proc_version(
    std::string_view text);

// From /proc/driver/nvidia/version, else /sys/module/nvidia/version; nullopt when neither exists.
[[nodiscard]] std::expected<std::optional<NvidiaDriver>, DetectError> read_nvidia(
    const Sysroot& sysroot);

}  // namespace gator::hardware

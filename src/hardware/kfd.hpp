#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hardware/sysroot.hpp"

namespace gator::hardware {

// A GPU ISA as the kernel encodes it in gfx_target_version: major * 10000 + minor * 100 +
// stepping. The LLVM name writes major in decimal and minor and stepping as one hex digit each:
// 90000 -> gfx900, 90010 -> gfx90a, 100300 -> gfx1030.
struct GfxTarget {
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  std::uint32_t stepping = 0;

  [[nodiscard]] std::string name() const;

  friend bool operator==(const GfxTarget&, const GfxTarget&) = default;
};

// Fails (with the reason) for 0, for a major of 0 and for a minor or stepping above 15, which
// have no one-digit spelling.
[[nodiscard]] std::expected<GfxTarget, std::string> decode_gfx_target_version(std::uint64_t value);

// One parsed KFD topology properties file: "key value" lines with decimal values.
struct KfdProperties {
  struct Entry {
    std::uint64_t value = 0;
    std::size_t line = 0;  // 1-based, for messages about the value
  };
  std::map<std::string, Entry, std::less<>> entries;

  [[nodiscard]] const Entry* find(std::string_view key) const;
};

// A properties file problem: the line (1-based, 0 for the whole file) and what is wrong.
struct PropertiesError {
  std::size_t line = 0;
  std::string message;

  friend bool operator==(const PropertiesError&, const PropertiesError&) = default;
};

// Pure parser for the text of one properties file. Every line must be `<key> <decimal>` with a
// key of [a-z0-9_]; blank lines are allowed, duplicates are not.
[[nodiscard]] std::expected<KfdProperties, PropertiesError> parse_kfd_properties(
    std::string_view text);

// A GPU agent (a topology node with SIMDs).
struct GpuAgent {
  std::uint32_t node = 0;  // topology node number
  std::string name;        // nodes/N/name, e.g. "vega10"; "" when absent or empty
  std::string properties;  // host path of the properties file
  std::uint64_t gfx_target_version = 0;
  GfxTarget target;
  std::string arch;  // target.name(), e.g. "gfx900"
  std::uint16_t vendor_id = 0;
  std::uint16_t device_id = 0;
  std::uint64_t simd_count = 0;
  std::optional<std::uint32_t> drm_render_minor;  // /dev/dri/renderD<minor>, when reported
};

struct KfdTopology {
  bool present = false;  // false when the topology directory does not exist (no amdgpu KFD)
  std::uint32_t cpu_nodes = 0;
  std::vector<GpuAgent> gpus;  // sorted by node number
};

inline constexpr std::string_view k_kfd_nodes_dir = "/sys/class/kfd/kfd/topology/nodes";

// Reads every node under k_kfd_nodes_dir. The first malformed node is an error naming its file,
// line and value; an absent topology is not an error (present == false).
[[nodiscard]] std::expected<KfdTopology, DetectError> read_kfd_topology(const Sysroot& sysroot);

}  // namespace gator::hardware

#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hardware/sysroot.hpp"

namespace gator::hardware {

inline constexpr std::uint16_t k_vendor_amd = 0x1002;
inline constexpr std::uint16_t k_vendor_nvidia = 0x10de;

// A range of PCI device ids of one vendor that share a marketing name and (for AMD) an ISA.
struct KnownGpu {
  std::uint16_t vendor = 0;
  std::uint16_t first_device = 0;
  std::uint16_t last_device = 0;  // inclusive
  std::string_view name;          // "Radeon Instinct MI25 / Vega 10"
  std::string_view arch;          // "gfx900"; "" when not an AMD GPU
};

// The table used when KFD does not report a GPU (driver not loaded, image build), sorted by
// vendor and first device id.
[[nodiscard]] std::span<const KnownGpu> known_gpus();
[[nodiscard]] const KnownGpu* find_known_gpu(std::uint16_t vendor, std::uint16_t device);

// A display controller (class 0x03xxxx) or processing accelerator (0x12xxxx) from AMD or NVIDIA.
struct PciGpu {
  std::string address;  // "0000:03:00.0"
  std::uint16_t vendor = 0;
  std::uint16_t device = 0;
  std::uint32_t class_code = 0;  // 0x030000
  const KnownGpu* known = nullptr;
};

inline constexpr std::string_view k_pci_devices_dir = "/sys/bus/pci/devices";

// Pure parser for one sysfs id attribute ("0x1002\n"): hex with the 0x prefix, at most
// `max_value`.
[[nodiscard]] std::expected<std::uint32_t, std::string> parse_sysfs_hex(std::string_view text,
                                                                        std::uint32_t max_value);

// The AMD and NVIDIA GPUs on the PCI bus, sorted by address. An absent PCI directory gives an
// empty list; an unreadable or malformed id file is an error naming it.
[[nodiscard]] std::expected<std::vector<PciGpu>, DetectError> read_pci_gpus(const Sysroot& sysroot);

}  // namespace gator::hardware

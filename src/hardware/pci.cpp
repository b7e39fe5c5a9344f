#include "hardware/pci.hpp"

#include <algorithm>
#include <array>

#include "util/strings.hpp"

namespace gator::hardware {
namespace {

constexpr std::size_t k_max_attribute_bytes = 4096;
constexpr std::uint32_t k_class_display = 0x03;
constexpr std::uint32_t k_class_accelerator = 0x12;

// Device ids from the amdgpu driver's PCI table (drivers/gpu/drm/amd/amdgpu/amdgpu_drv.c).
constexpr std::array k_known_gpus = {
    KnownGpu{k_vendor_amd, 0x66a0, 0x66af, "Radeon Instinct MI50 / MI60 (Vega 20)", "gfx906"},
    KnownGpu{k_vendor_amd, 0x6860, 0x686f, "Radeon Instinct MI25 / Vega 10", "gfx900"},
    KnownGpu{k_vendor_amd, 0x738c, 0x738c, "Instinct MI100 (Arcturus)", "gfx908"},
    KnownGpu{k_vendor_amd, 0x740c, 0x740c, "Instinct MI250 / MI250X (Aldebaran)", "gfx90a"},
    KnownGpu{k_vendor_amd, 0x740f, 0x740f, "Instinct MI210 (Aldebaran)", "gfx90a"},
    KnownGpu{k_vendor_amd, 0x74a1, 0x74a1, "Instinct MI300X (Aqua Vanjaram)", "gfx942"},
};

// Sorted by vendor and device, ranges well-formed and disjoint, so a lookup is unambiguous.
constexpr bool table_is_well_formed() {
  for (std::size_t i = 0; i < k_known_gpus.size(); ++i) {
    const KnownGpu& gpu = k_known_gpus[i];
    if (gpu.first_device > gpu.last_device) {
      return false;
    }
    if (i > 0) {
      const KnownGpu& previous = k_known_gpus[i - 1];
      if (previous.vendor > gpu.vendor ||
          (previous.vendor == gpu.vendor && previous.last_device >= gpu.first_device)) {
        return false;
      }
    }
  }
  return true;
}
static_assert(table_is_well_formed());

}  // namespace

std::span<const KnownGpu> known_gpus() {
  return k_known_gpus;
}

const KnownGpu* find_known_gpu(std::uint16_t vendor, std::uint16_t device) {
  for (const KnownGpu& gpu : k_known_gpus) {
    if (gpu.vendor == vendor && device >= gpu.first_device && device <= gpu.last_device) {
      return &gpu;
    }
  }
  return nullptr;
}

std::expected<std::uint32_t, std::string> parse_sysfs_hex(std::string_view text,
                                                          std::uint32_t max_value) {
  const std::string_view value = util::trim_ascii(text);
  if (value.size() < 3 || value[0] != '0' || (value[1] != 'x' && value[1] != 'X')) {
    return std::unexpected("invalid value " + quote(value) + ": expected a hex number like 0x1002");
  }
  std::uint64_t number = 0;
  for (const char c : value.substr(2)) {
    std::uint64_t digit = 0;
    if (util::is_ascii_digit(c)) {
      digit = static_cast<std::uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<std::uint64_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<std::uint64_t>(c - 'A' + 10);
    } else {
      return std::unexpected("invalid value " + quote(value) +
                             ": expected a hex number like 0x1002");
    }
    number = number * 16 + digit;
    if (number > max_value) {
      return std::unexpected("value " + quote(value) + " is out of range");
    }
  }
  return static_cast<std::uint32_t>(number);
}

std::expected<std::vector<PciGpu>, DetectError> read_pci_gpus(const Sysroot& sysroot) {
  std::vector<PciGpu> out;
  const auto entries = sysroot.list(k_pci_devices_dir);
  if (!entries) {
    if (is_absent(entries.error())) {
      return out;
    }
    return std::unexpected(DetectError{sysroot.display(k_pci_devices_dir), 0,
                                       "cannot list: " + entries.error().message()});
  }
  for (const std::string& address : *entries) {
    const std::string dir = std::string(k_pci_devices_dir) + '/' + address;
    auto attribute = [&](std::string_view name,
                         std::uint32_t max_value) -> std::expected<std::uint32_t, DetectError> {
      const std::string file = dir + '/' + std::string(name);
      const auto text = sysroot.read(file, k_max_attribute_bytes);
      if (!text) {
        return std::unexpected(DetectError{sysroot.display(file), 0,
                                           is_absent(text.error())
                                               ? std::string("missing")
                                               : "cannot read: " + text.error().message()});
      }
      auto value = parse_sysfs_hex(*text, max_value);
      if (!value) {
        return std::unexpected(DetectError{sysroot.display(file), 1, std::move(value.error())});
      }
      return *value;
    };
    const auto vendor = attribute("vendor", 0xffff);
    if (!vendor) {
      return std::unexpected(vendor.error());
    }
    if (*vendor != k_vendor_amd && *vendor != k_vendor_nvidia) {
      continue;  // only GPU vendors matter; other devices' files are not even read
    }
    const auto class_code = attribute("class", 0xffffff);
    if (!class_code) {
      return std::unexpected(class_code.error());
    }
    const std::uint32_t base_class = *class_code >> 16;
    if (base_class != k_class_display && base_class != k_class_accelerator) {
      continue;  // e.g. the HDMI audio function of a graphics card
    }
    const auto device = attribute("device", 0xffff);
    if (!device) {
      return std::unexpected(device.error());
    }
    PciGpu gpu;
    gpu.address = address;
    gpu.vendor = static_cast<std::uint16_t>(*vendor);
    gpu.device = static_cast<std::uint16_t>(*device);
    gpu.class_code = *class_code;
    gpu.known = find_known_gpu(gpu.vendor, gpu.device);
    out.push_back(std::move(gpu));
  }
  return out;
}

}  // namespace gator::hardware

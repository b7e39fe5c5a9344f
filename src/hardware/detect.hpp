#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "hardware/access.hpp"
#include "hardware/kfd.hpp"
#include "hardware/libc.hpp"
#include "hardware/pci.hpp"
#include "hardware/sysroot.hpp"
#include "hardware/versions.hpp"

// Reads what `doctor` needs to know about a machine from its files (never PATH, never a
// subprocess: cloud-init runs with a minimal PATH), always under a sysroot. Each fact is either
// a value or a DetectError, independently, so that one corrupt file spoils only its own line.
namespace gator::hardware {

template <typename T>
using Fact = std::expected<T, DetectError>;

struct DetectOptions {
  std::optional<std::string> rocm_path;  // the value of $ROCM_PATH, when set
  std::optional<std::string> user;       // whose access to /dev/kfd and render nodes to decide
};

struct MachineFacts {
  std::string sysroot;                         // the root the facts were read under
  Fact<std::optional<RocmInstall>> rocm;       // nullopt: no ROCm version file found
  Fact<KfdTopology> kfd;                       // GPU agents from the KFD topology
  Fact<std::vector<PciGpu>> pci;               // AMD and NVIDIA GPUs on the PCI bus
  Fact<KernelModule> amdgpu;                   // the amdgpu kernel driver
  Fact<std::optional<NvidiaDriver>> nvidia;    // nullopt: no NVIDIA driver loaded
  std::optional<Fact<UserAccount>> user;       // nullopt: DetectOptions::user was not given
  Fact<std::optional<DeviceNode>> kfd_device;  // nullopt: /dev/kfd does not exist
  Fact<std::vector<DeviceNode>> render_devices;
  Fact<GlibcVersion> glibc;
  Fact<CpuArch> arch;
};

[[nodiscard]] MachineFacts detect(const Sysroot& sysroot, const DetectOptions& options);

enum class GpuVendor { amd, nvidia };
enum class GpuSource { kfd, pci };

// One GPU as doctor compares it with a profile, whichever source it came from.
struct DetectedGpu {
  GpuVendor vendor = GpuVendor::amd;
  GpuSource source = GpuSource::kfd;
  std::string location;  // "node 1" (KFD) or "0000:03:00.0" (PCI)
  std::string arch;      // "gfx900"; "" when unknown (NVIDIA, or an AMD id not in the table)
  std::string name;      // marketing name from the PCI table, else the KFD node name, else ""
  std::uint16_t vendor_id = 0;
  std::uint16_t device_id = 0;
};

// The machine's GPUs: AMD ones from KFD when it reports any (the driver's own view), otherwise
// from the PCI table; NVIDIA ones from PCI. Facts that failed contribute nothing (see problems).
[[nodiscard]] std::vector<DetectedGpu> gpus(const MachineFacts& facts);

// Every fact that could not be read, in the order of MachineFacts.
[[nodiscard]] std::vector<DetectError> problems(const MachineFacts& facts);

}  // namespace gator::hardware

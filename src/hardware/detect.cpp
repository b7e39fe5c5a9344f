#include "hardware/detect.hpp"

namespace gator::hardware {
namespace {

template <typename T>
void collect(const Fact<T>& fact, std::vector<DetectError>& out) {
  if (!fact) {
    out.push_back(fact.error());
  }
}

}  // namespace

MachineFacts detect(const Sysroot& sysroot, const DetectOptions& options) {
  MachineFacts facts;
  facts.sysroot = sysroot.root().string();
  facts.rocm = read_rocm(sysroot, options.rocm_path);
  facts.kfd = read_kfd_topology(sysroot);
  facts.pci = read_pci_gpus(sysroot);
  facts.amdgpu = read_amdgpu(sysroot);
  facts.nvidia = read_nvidia(sysroot);
  DeviceFacts devices = read_devices(sysroot, options.user);
  facts.user = std::move(devices.user);
  facts.kfd_device = std::move(devices.kfd);
  facts.render_devices = std::move(devices.render);
  LibcFacts libc = read_libc(sysroot);
  facts.glibc = std::move(libc.glibc);
  facts.arch = std::move(libc.arch);
  return facts;
}

std::vector<DetectedGpu> gpus(const MachineFacts& facts) {
  std::vector<DetectedGpu> out;
  const bool kfd_has_gpus = facts.kfd && !facts.kfd->gpus.empty();
  if (kfd_has_gpus) {
    for (const GpuAgent& agent : facts.kfd->gpus) {
      DetectedGpu gpu;
      gpu.vendor = GpuVendor::amd;
      gpu.source = GpuSource::kfd;
      gpu.location = "node " + std::to_string(agent.node);
      gpu.arch = agent.arch;
      const KnownGpu* known = find_known_gpu(agent.vendor_id, agent.device_id);
      gpu.name = known != nullptr ? std::string(known->name) : agent.name;
      gpu.vendor_id = agent.vendor_id;
      gpu.device_id = agent.device_id;
      out.push_back(std::move(gpu));
    }
  }
  if (facts.pci) {
    for (const PciGpu& device : *facts.pci) {
      const bool is_amd = device.vendor == k_vendor_amd;
      if (is_amd && kfd_has_gpus) {
        continue;
      }
      DetectedGpu gpu;
      gpu.vendor = is_amd ? GpuVendor::amd : GpuVendor::nvidia;
      gpu.source = GpuSource::pci;
      gpu.location = device.address;
      if (device.known != nullptr) {
        gpu.arch = std::string(device.known->arch);
        gpu.name = std::string(device.known->name);
      }
      gpu.vendor_id = device.vendor;
      gpu.device_id = device.device;
      out.push_back(std::move(gpu));
    }
  }
  return out;
}

std::vector<DetectError> problems(const MachineFacts& facts) {
  std::vector<DetectError> out;
  collect(facts.rocm, out);
  collect(facts.kfd, out);
  collect(facts.pci, out);
  collect(facts.amdgpu, out);
  collect(facts.nvidia, out);
  if (facts.user) {
    collect(*facts.user, out);
  }
  collect(facts.kfd_device, out);
  collect(facts.render_devices, out);
  collect(facts.glibc, out);
  collect(facts.arch, out);
  return out;
}

}  // namespace gator::hardware

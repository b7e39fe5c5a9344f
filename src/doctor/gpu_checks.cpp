#include <algorithm>
#include <cstdio>
#include <string>

#include "doctor/checks.hpp"
#include "pep440/version.hpp"

namespace gator::doctor::detail {
namespace {

std::string join_list(const profile::SourcedList<std::string>& list) {
  std::string out;
  for (const auto& item : list.value)
    out += (out.empty() ? "" : ", ") + item.value;
  return out;
}

bool accepted(const profile::SourcedList<std::string>& archs, const std::string& arch) {
  return std::any_of(archs.value.begin(), archs.value.end(),
                     [&](const auto& item) { return item.value == arch; });
}

std::string describe(const hardware::DetectedGpu& gpu) {
  char ids[16];
  std::snprintf(ids, sizeof ids, "%04x:%04x", gpu.vendor_id, gpu.device_id);
  std::string text = !gpu.arch.empty()                           ? gpu.arch
                     : gpu.vendor == hardware::GpuVendor::nvidia ? "NVIDIA " + std::string(ids)
                                                                 : "unknown " + std::string(ids);
  text += " (" + gpu.location;
  if (!gpu.name.empty())
    text += ", " + gpu.name;
  return text + ")";
}

// A version fact against a profile constraint ("5.7.1" means ==5.7.1).
bool satisfies(const profile::VersionConstraint& constraint, const std::string& version) {
  const auto parsed = pep440::Version::parse(version);
  return parsed && constraint.specifier.contains(*parsed, true);
}

void check_gpus(const Inputs& inputs, hardware::GpuVendor vendor, std::vector<Check>& out) {
  const profile::Hardware& hardware = inputs.profile.hardware;
  const std::string expected =
      hardware.gpu_archs.value.empty() ? "any" : join_list(hardware.gpu_archs);
  std::vector<hardware::DetectedGpu> gpus = hardware::gpus(inputs.facts);
  std::erase_if(gpus, [&](const auto& gpu) { return gpu.vendor != vendor; });
  const bool amd = vendor == hardware::GpuVendor::amd;
  if (gpus.empty()) {
    std::string found = amd ? "no AMD GPU (no KFD GPU agent, no AMD device on the PCI bus)"
                            : "no NVIDIA GPU on the PCI bus";
    for (const auto& problem : hardware::problems(inputs.facts))
      found += "; " + problem.render();
    out.push_back(fail("gpu", "GPU", expected, found,
                       amd ? "check that the GPU is installed and the amdgpu driver is loaded "
                             "(sudo modprobe amdgpu), or use a CPU profile"
                           : "check that the GPU is installed and the nvidia driver is loaded, or "
                             "use a CPU profile"));
    return;
  }
  std::string found;
  std::string rejected;
  for (const auto& gpu : gpus) {
    found += (found.empty() ? "" : ", ") + describe(gpu);
    // Only AMD exposes the ISA in sysfs; an NVIDIA compute capability is not checked here.
    const std::string label = gpu.arch.empty() ? gpu.location : gpu.arch;
    if (amd && !hardware.gpu_archs.value.empty() && !accepted(hardware.gpu_archs, gpu.arch) &&
        rejected.find(label) == std::string::npos) {
      rejected += (rejected.empty() ? "" : ", ") + label;
    }
  }
  if (!rejected.empty()) {
    out.push_back(fail("gpu", "GPU", expected, found,
                       "this profile's wheels are built for " + expected + " (" +
                           hardware.gpu_archs.origin.to_string() + "), not " + rejected +
                           "; use a profile for this GPU or add its arch to hardware.gpu-arch"));
    return;
  }
  if (!amd)
    found += " (compute capability not checked)";
  out.push_back(ok("gpu", "GPU", expected, found));
}

void check_device(const hardware::DeviceNode& node, const std::string& id, const std::string& user,
                  std::vector<Check>& out) {
  const std::string expected = "read/write for user " + user;
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", node.mode);
  const std::string found = std::string(mode) + " " +
                            (node.owner.empty() ? std::to_string(node.uid) : node.owner) + ":" +
                            (node.group.empty() ? std::to_string(node.gid) : node.group);
  if (!node.access) {
    out.push_back(Check{id, node.path, Status::warn, expected, found,
                        "user " + user + " is not in this machine's /etc/passwd; pass --user"});
  } else if (!node.access->read_write) {
    std::string remedy = "user " + user + " cannot open " + node.path;
    if (node.access->group_to_join) {
      remedy = "add user " + user + " to group " + *node.access->group_to_join + ": usermod -aG " +
               *node.access->group_to_join + " " + user + " (then log in again)";
    }
    out.push_back(fail(id, node.path, expected, found + ", no access", remedy));
  } else {
    out.push_back(ok(id, node.path, expected, found));
  }
}

}  // namespace

void check_amd(const Inputs& inputs, std::vector<Check>& out) {
  const hardware::MachineFacts& facts = inputs.facts;
  const profile::Hardware& hardware = inputs.profile.hardware;
  check_gpus(inputs, hardware::GpuVendor::amd, out);
  // The GPU line may have come from the PCI fallback; a corrupt topology still needs fixing.
  if (!facts.kfd) {
    out.push_back(fail("kfd-topology", "KFD topology", "readable", facts.kfd.error().render(),
                       "the amdgpu driver exposed an unexpected topology; reinstall or update it "
                       "(amdgpu-dkms), then reboot"));
  }

  if (hardware.rocm) {
    const profile::VersionConstraint& want = hardware.rocm->value;
    const std::string remedy_install =
        "install ROCm " + want.text +
        " (https://rocm.docs.amd.com: amdgpu-install --usecase=rocm) "
        "or set ROCM_PATH to its prefix";
    if (!facts.rocm) {
      out.push_back(fail("rocm", "ROCm", want.text, facts.rocm.error().render(), remedy_install));
    } else if (!*facts.rocm) {
      out.push_back(fail("rocm", "ROCm", want.text,
                         "not installed (no .info/version under /opt/rocm)", remedy_install));
    } else if (!satisfies(want, (*facts.rocm)->version)) {
      out.push_back(fail(
          "rocm", "ROCm", want.text, (*facts.rocm)->version + " (" + (*facts.rocm)->prefix + ")",
          "this profile needs ROCm " + want.text + " (" + hardware.rocm->origin.to_string() +
              "); " + remedy_install + ", or use a profile for ROCm " + (*facts.rocm)->version));
    } else {
      out.push_back(ok("rocm", "ROCm", want.text,
                       (*facts.rocm)->version + " (" + (*facts.rocm)->prefix + ")"));
    }
  }

  if (!facts.amdgpu) {
    out.push_back(fail("driver", "amdgpu driver", "loaded", facts.amdgpu.error().render(),
                       "reinstall the driver (amdgpu-dkms)"));
  } else if (!facts.amdgpu->loaded) {
    out.push_back(fail("driver", "amdgpu driver", "loaded", "not loaded",
                       "load it: sudo modprobe amdgpu (install amdgpu-dkms if it is missing)"));
  } else if (hardware.driver && facts.amdgpu->version &&
             !satisfies(hardware.driver->value, *facts.amdgpu->version)) {
    out.push_back(fail("driver", "amdgpu driver", hardware.driver->value.text,
                       facts.amdgpu->version_text(),
                       "install amdgpu-dkms " + hardware.driver->value.text));
  } else {
    out.push_back(ok("driver", "amdgpu driver",
                     hardware.driver ? hardware.driver->value.text : "loaded",
                     "loaded, " + facts.amdgpu->version_text()));
  }

  if (!facts.kfd_device) {
    out.push_back(fail("kfd", "/dev/kfd", "present", facts.kfd_device.error().render(),
                       "check the amdgpu driver installation"));
  } else if (!*facts.kfd_device) {
    out.push_back(fail("kfd", "/dev/kfd", "present", "missing",
                       "the amdgpu driver creates /dev/kfd when loaded with compute support; "
                       "sudo modprobe amdgpu"));
  } else {
    check_device(**facts.kfd_device, "kfd", inputs.user, out);
  }

  if (!facts.render_devices) {
    out.push_back(fail("render", "/dev/dri/renderD*", "present",
                       facts.render_devices.error().render(),
                       "check the amdgpu driver installation"));
  } else if (facts.render_devices->empty()) {
    out.push_back(fail("render", "/dev/dri/renderD*", "present", "none",
                       "the amdgpu driver creates render nodes when loaded; sudo modprobe amdgpu"));
  } else {
    for (const auto& node : *facts.render_devices)
      check_device(node, "render", inputs.user, out);
  }
}

void check_nvidia(const Inputs& inputs, std::vector<Check>& out) {
  const hardware::MachineFacts& facts = inputs.facts;
  const profile::Hardware& hardware = inputs.profile.hardware;
  check_gpus(inputs, hardware::GpuVendor::nvidia, out);
  const std::string expected = hardware.driver ? hardware.driver->value.text : "loaded";
  if (!facts.nvidia) {
    out.push_back(fail("driver", "NVIDIA driver", expected, facts.nvidia.error().render(),
                       "reinstall the NVIDIA driver"));
  } else if (!*facts.nvidia) {
    out.push_back(fail("driver", "NVIDIA driver", expected, "not loaded",
                       "install and load the NVIDIA driver (apt-get install nvidia-driver; "
                       "sudo modprobe nvidia)"));
  } else if (hardware.driver && !satisfies(hardware.driver->value, (*facts.nvidia)->version)) {
    out.push_back(fail(
        "driver", "NVIDIA driver", expected, (*facts.nvidia)->version,
        "install NVIDIA driver " + expected + " (" + hardware.driver->origin.to_string() + ")"));
  } else {
    out.push_back(ok("driver", "NVIDIA driver", expected, (*facts.nvidia)->version));
  }
}

}  // namespace gator::doctor::detail

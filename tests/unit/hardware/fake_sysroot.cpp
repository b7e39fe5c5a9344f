#include "fake_sysroot.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace gator::hardware::test {
namespace {

using namespace std::string_literals;

std::filesystem::path under(const std::filesystem::path& root, std::string_view machine_path) {
  return root / std::filesystem::path(machine_path).relative_path();
}

void check(bool ok, const std::string& what) {
  if (!ok) {
    throw std::runtime_error(what + ": " +
                             std::error_code(errno, std::generic_category()).message());
  }
}

}  // namespace

FakeSysroot::FakeSysroot() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/gator-hardware-XXXXXX";
  check(::mkdtemp(pattern.data()) != nullptr, "mkdtemp");
  m_root = pattern;
}

FakeSysroot::~FakeSysroot() {
  std::error_code ignored;
  std::filesystem::remove_all(m_root, ignored);
}

std::string FakeSysroot::shown(std::string_view machine_path) const {
  return m_root.string() + std::string(machine_path);
}

void FakeSysroot::write(std::string_view machine_path, std::string_view content) const {
  const std::filesystem::path path = under(m_root, machine_path);
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

void FakeSysroot::mkdir(std::string_view machine_path) const {
  std::filesystem::create_directories(under(m_root, machine_path));
}

void FakeSysroot::symlink(std::string_view machine_path, std::string_view target) const {
  const std::filesystem::path path = under(m_root, machine_path);
  std::filesystem::create_directories(path.parent_path());
  std::filesystem::create_symlink(std::filesystem::path(target), path);
}

void FakeSysroot::remove(std::string_view machine_path) const {
  std::filesystem::remove_all(under(m_root, machine_path));
}

void FakeSysroot::device(std::string_view machine_path, mode_t mode, gid_t gid) const {
  write(machine_path, "");
  const std::filesystem::path path = under(m_root, machine_path);
  check(::chown(path.c_str(), static_cast<uid_t>(-1), gid) == 0, "chown " + path.string());
  check(::chmod(path.c_str(), mode) == 0, "chmod " + path.string());
}

gid_t render_gid() {
  return ::geteuid() == 0 ? 109 : ::getegid();
}

gid_t video_gid() {
  return ::geteuid() == 0 ? 44 : ::getegid();
}

std::string owner_name() {
  return ::geteuid() == 0 ? "root" : "tester";
}

void write_accounts(const FakeSysroot& fake, std::string_view gator_groups) {
  std::string passwd =
      "root:x:0:0:root:/root:/bin/bash\n"
      "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
  if (::geteuid() != 0) {
    passwd += "tester:x:" + std::to_string(::geteuid()) + ":" + std::to_string(::getegid()) +
              "::/home/tester:/bin/sh\n";
  }
  passwd += "gator:x:4242:4242:gator service:/var/lib/gator:/usr/sbin/nologin\n";
  fake.write("/etc/passwd", passwd);

  auto members = [&](std::string_view group) {
    return std::string(gator_groups).find(group) != std::string::npos ? "gator" : "";
  };
  std::string group = "root:x:0:\n";
  if (render_gid() != video_gid()) {  // as non-root both are the test's own gid: keep "render"
    group += "video:x:" + std::to_string(video_gid()) + ":" + members("video") + "\n";
  }
  group += "render:x:" + std::to_string(render_gid()) + ":" + members("render") + "\n";
  group += "gator:x:4242:\n";
  fake.write("/etc/group", group);
}

std::string gpu_properties(std::uint64_t gfx_target_version, std::uint16_t device_id,
                           std::uint32_t render_minor) {
  return "cpu_cores_count 0\nsimd_count 256\nmem_banks_count 1\ncaches_count 96\n"
         "io_links_count 1\np2p_links_count 0\ncpu_core_id_base 0\nsimd_id_base 2147487744\n"
         "max_waves_per_simd 10\nlds_size_in_kb 64\ngds_size_in_kb 0\nnum_gws 64\n"
         "wave_front_size 64\narray_count 4\nsimd_arrays_per_engine 1\ncu_per_simd_array 16\n"
         "simd_per_cu 4\nmax_slots_scratch_cu 32\n"
         "gfx_target_version " +
         std::to_string(gfx_target_version) +
         "\n"
         "vendor_id 4098\n"
         "device_id " +
         std::to_string(device_id) +
         "\n"
         "location_id 768\ndomain 0\n"
         "drm_render_minor " +
         std::to_string(render_minor) +
         "\n"
         "hive_id 0\nnum_sdma_engines 2\nnum_sdma_xgmi_engines 0\n"
         "num_sdma_queues_per_engine 2\nnum_cp_queues 24\nmax_engine_clk_fcompute 1500\n"
         "local_mem_size 0\nfw_version 444\ncapability 8832\ndebug_prop 1495\n"
         "sdma_fw_version 433\nunique_id 0\nnum_xcc 1\nmax_engine_clk_ccompute 3400\n";
}

std::string cpu_properties() {
  return "cpu_cores_count 16\nsimd_count 0\nmem_banks_count 1\ncaches_count 0\n"
         "io_links_count 1\np2p_links_count 0\ncpu_core_id_base 0\nsimd_id_base 0\n"
         "max_waves_per_simd 0\nlds_size_in_kb 0\ngds_size_in_kb 0\nnum_gws 0\n"
         "wave_front_size 0\narray_count 0\nsimd_arrays_per_engine 0\ncu_per_simd_array 0\n"
         "simd_per_cu 0\nmax_slots_scratch_cu 0\ngfx_target_version 0\nvendor_id 0\n"
         "device_id 0\nlocation_id 0\ndomain 0\ndrm_render_minor 0\nhive_id 0\n"
         "num_sdma_engines 0\nnum_sdma_xgmi_engines 0\nnum_sdma_queues_per_engine 0\n"
         "num_cp_queues 0\nmax_engine_clk_fcompute 0\nlocal_mem_size 0\nfw_version 0\n"
         "capability 0\ndebug_prop 0\nsdma_fw_version 0\nunique_id 0\nnum_xcc 0\n"
         "max_engine_clk_ccompute 3400\n";
}

void write_kfd_node(const FakeSysroot& fake, std::uint32_t node, std::string_view properties,
                    std::string_view name) {
  // As on a real machine, /sys/class/kfd/kfd is a relative link into /sys/devices.
  const std::string dir = "/sys/devices/virtual/kfd/kfd/topology/nodes/" + std::to_string(node);
  fake.write(dir + "/properties", properties);
  fake.write(dir + "/name", std::string(name) + "\n");
  if (!std::filesystem::is_symlink(fake.root() / "sys/class/kfd/kfd")) {
    fake.symlink("/sys/class/kfd/kfd", "../../devices/virtual/kfd/kfd");
  }
}

void write_pci_device(const FakeSysroot& fake, std::string_view address, std::string_view vendor,
                      std::string_view device, std::string_view class_code) {
  const std::string dir = "/sys/devices/pci0000:00/" + std::string(address);
  fake.write(dir + "/vendor", std::string(vendor) + "\n");
  fake.write(dir + "/device", std::string(device) + "\n");
  fake.write(dir + "/class", std::string(class_code) + "\n");
  fake.symlink("/sys/bus/pci/devices/" + std::string(address),
               "../../../devices/pci0000:00/" + std::string(address));
}

void write_libc(const FakeSysroot& fake, std::string_view machine_path, std::string_view banner,
                bool elf_x86_64) {
  std::string bytes;
  if (elf_x86_64) {
    // e_ident: magic, ELFCLASS64, ELFDATA2LSB, version 1; e_type ET_DYN; e_machine EM_X86_64.
    bytes =
        "\x7f"
        "ELF\x02\x01\x01"s +
        std::string(9, '\0') + "\x03\x00\x3e\x00"s;
  }
  bytes += "\0\0GNU C Library: not the banner\0"s;
  bytes += std::string(banner) + '\n';
  bytes += "Copyright (C) 2020 Free Software Foundation, Inc.\0\x01\x02"s;
  fake.write(machine_path, bytes);
}

void write_mi25_box(const FakeSysroot& fake) {
  fake.write("/opt/rocm/.info/version", "5.7.1-98\n");
  write_kfd_node(fake, 0, cpu_properties(), "");
  write_kfd_node(fake, 1, gpu_properties(90000, 0x6861, 128), "vega10");
  write_pci_device(fake, "0000:00:00.0", "0x8086", "0x0d57", "0x060000");
  write_pci_device(fake, "0000:03:00.0", "0x1002", "0x6861", "0x030000");
  fake.write("/sys/module/amdgpu/version", "6.2.4\n");
  fake.device("/dev/kfd", 0660, render_gid());
  fake.device("/dev/dri/renderD128", 0660, render_gid());
  fake.device("/dev/dri/card0", 0660, video_gid());
  write_accounts(fake, "render");
  write_libc(fake, "/lib/x86_64-linux-gnu/libc.so.6",
             "GNU C Library (Ubuntu GLIBC 2.31-0ubuntu9.16) stable release version 2.31.");
}

void write_mi50_box(const FakeSysroot& fake) {
  fake.write("/opt/rocm/.info/version", "5.7.1-98\n");
  write_kfd_node(fake, 0, cpu_properties(), "");
  write_kfd_node(fake, 1, gpu_properties(90006, 0x66a1, 128), "vega20");
  write_kfd_node(fake, 2, gpu_properties(90006, 0x66a1, 129), "vega20");
  write_kfd_node(fake, 10, gpu_properties(90006, 0x66af, 130), "vega20");
  write_pci_device(fake, "0000:23:00.0", "0x1002", "0x66a1", "0x038000");
  write_pci_device(fake, "0000:26:00.0", "0x1002", "0x66a1", "0x038000");
  write_pci_device(fake, "0000:43:00.0", "0x1002", "0x66af", "0x038000");
  fake.mkdir("/sys/module/amdgpu/parameters");  // in-tree: loaded, no version attribute
  fake.device("/dev/kfd", 0660, render_gid());
  fake.device("/dev/dri/renderD128", 0660, render_gid());
  fake.device("/dev/dri/renderD129", 0660, render_gid());
  fake.device("/dev/dri/renderD130", 0660, render_gid());
  write_accounts(fake, "render,video");
  // A RHEL-like layout: no multiarch directory, so the architecture comes from the ELF header.
  write_libc(fake, "/usr/lib64/libc.so.6", "GNU C Library (GNU libc) stable release version 2.28.",
             true);
  fake.symlink("/lib64", "usr/lib64");
}

void write_rocm62_box(const FakeSysroot& fake) {
  fake.write("/opt/rocm-6.2.0/.info/version", "6.2.0-66\n");
  // Absolute links, as the ROCm packages install them: they must resolve inside the sysroot.
  fake.symlink("/etc/alternatives/rocm", "/opt/rocm-6.2.0");
  fake.symlink("/opt/rocm", "/etc/alternatives/rocm");
  write_kfd_node(fake, 0, cpu_properties(), "");
  write_kfd_node(fake, 1, gpu_properties(90010, 0x740f, 128), "aldebaran");
  write_pci_device(fake, "0000:c1:00.0", "0x1002", "0x740f", "0x120000");
  fake.write("/sys/module/amdgpu/version", "6.8.5\n");
  fake.device("/dev/kfd", 0660, render_gid());
  fake.device("/dev/dri/renderD128", 0660, render_gid());
  write_accounts(fake, "render");
  write_libc(fake, "/usr/lib/x86_64-linux-gnu/libc.so.6",
             "GNU C Library (Ubuntu GLIBC 2.35-0ubuntu3.8) stable release version 2.35.");
  fake.symlink("/lib", "usr/lib");
}

void write_cpu_box(const FakeSysroot& fake) {
  write_pci_device(fake, "0000:00:01.0", "0x1af4", "0x1045", "0xffff00");
  write_pci_device(fake, "0000:00:02.0", "0x1af4", "0x1042", "0x018000");
  write_accounts(fake, "");
  write_libc(fake, "/usr/lib/aarch64-linux-gnu/libc.so.6",
             "GNU C Library (Debian GLIBC 2.36-9+deb12u4) stable release version 2.36.");
  fake.symlink("/lib", "usr/lib");
}

void write_nvidia_box(const FakeSysroot& fake) {
  write_pci_device(fake, "0000:00:00.0", "0x8086", "0x0d57", "0x060000");
  write_pci_device(fake, "0000:17:00.0", "0x10de", "0x2330", "0x030200");
  write_pci_device(fake, "0000:17:00.1", "0x10de", "0x22a3", "0x040300");  // audio function
  fake.write("/proc/driver/nvidia/version",
             "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC "
             "2023\nGCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n");
  fake.write("/sys/module/nvidia/version", "535.104.05\n");
  fake.device("/dev/nvidia0", 0666, video_gid());
  write_accounts(fake, "");
  write_libc(fake, "/lib/x86_64-linux-gnu/libc.so.6",
             "GNU C Library (Ubuntu GLIBC 2.35-0ubuntu3.8) stable release version 2.35.");
}

}  // namespace gator::hardware::test

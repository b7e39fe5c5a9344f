#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "hardware/sysroot.hpp"

// Fake machines for the hardware tests: a temporary directory laid out like a real root (sysfs,
// /opt/rocm, /dev, /etc) with only the files the detection reads. Fakes, not mocks.
namespace gator::hardware::test {

class FakeSysroot {
 public:
  FakeSysroot();
  ~FakeSysroot();
  FakeSysroot(const FakeSysroot&) = delete;
  FakeSysroot& operator=(const FakeSysroot&) = delete;

  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }
  [[nodiscard]] Sysroot sysroot() const { return Sysroot(m_root); }
  // The host path of a machine path, as the detection shows it in messages.
  [[nodiscard]] std::string shown(std::string_view machine_path) const;

  // Creates parent directories as needed. Paths are machine paths ("/etc/group").
  void write(std::string_view machine_path, std::string_view content) const;
  void mkdir(std::string_view machine_path) const;
  void symlink(std::string_view machine_path, std::string_view target) const;
  void remove(std::string_view machine_path) const;
  // A stand-in for a device node: a regular file with this mode, owned by the test's uid and
  // by `gid` (the test runs as root in CI; otherwise only its own gid can be used).
  void device(std::string_view machine_path, mode_t mode, gid_t gid) const;

 private:
  std::filesystem::path m_root;
};

// Ids the fake /etc/passwd and /etc/group use. As root, devices get the usual Ubuntu gids; as
// another user, files can only be given the user's own group, so "render" is mapped onto it.
[[nodiscard]] gid_t render_gid();
[[nodiscard]] gid_t video_gid();
[[nodiscard]] std::string owner_name();  // the name the fake /etc/passwd gives the test's uid
inline constexpr std::uint32_t k_gator_uid = 4242;

// Writes /etc/passwd and /etc/group with root, gator (uid 4242) and the groups render and video;
// `gator_groups` lists the supplementary groups gator is a member of ("render", "render,video").
void write_accounts(const FakeSysroot& fake, std::string_view gator_groups);

// A KFD properties file as amdgpu writes it, gfx_target_version on line 19.
[[nodiscard]] std::string gpu_properties(std::uint64_t gfx_target_version, std::uint16_t device_id,
                                         std::uint32_t render_minor);
[[nodiscard]] std::string cpu_properties();
void write_kfd_node(const FakeSysroot& fake, std::uint32_t node, std::string_view properties,
                    std::string_view name);
void write_pci_device(const FakeSysroot& fake, std::string_view address, std::string_view vendor,
                      std::string_view device, std::string_view class_code);
// A libc.so.6 stand-in: some bytes (optionally an ELF header), then the version banner.
void write_libc(const FakeSysroot& fake, std::string_view machine_path, std::string_view banner,
                bool elf_x86_64 = false);

// Whole machines.
void write_mi25_box(const FakeSysroot& fake);  // gfx900, ROCm 5.7.1, amdgpu 6.2.4, gator in render
void write_mi50_box(const FakeSysroot& fake);  // three gfx906 at nodes 1, 2 and 10, in-tree amdgpu
void write_rocm62_box(const FakeSysroot& fake);  // MI210 gfx90a, /opt/rocm -> alternatives -> 6.2.0
void write_cpu_box(const FakeSysroot& fake);     // aarch64, merged /usr, no GPU
void write_nvidia_box(const FakeSysroot& fake);  // H100, driver 535.104.05

}  // namespace gator::hardware::test

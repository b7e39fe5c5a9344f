#include "doctor/doctor.hpp"

#include <gtest/gtest.h>

#include "fake_sysroot.hpp"
#include "profile/load.hpp"

namespace gator::doctor {
namespace {
namespace fake = hardware::test;

std::string doctor_text(const fake::FakeSysroot& box, const std::string& profile_name,
                        const std::string& user = "gator") {
  const profile::Profile profile =
      profile::load_profile(profile_name, profile::SearchPaths{{GATOR_PROFILES_DIR}});
  const hardware::MachineFacts facts = hardware::detect(box.sysroot(), {std::nullopt, user});
  std::string text =
      render_text(run_checks({profile, facts, nullptr, user}), Symbols::ascii, Color::no);
  // Golden texts name the shipped profiles as the CLI does from the repository root.
  const std::string dir = GATOR_PROFILES_DIR;
  for (auto at = text.find(dir); at != std::string::npos; at = text.find(dir))
    text.replace(at, dir.size(), "profiles");
  const std::string root = box.root().string();
  for (auto at = text.find(root); at != std::string::npos; at = text.find(root))
    text.replace(at, root.size(), "<root>");
  return text;
}

TEST(DoctorTest, Mi25BoxPassesWithMi25Profile) {
  fake::FakeSysroot box;
  fake::write_mi25_box(box);
  const profile::Profile profile =
      profile::load_profile("mi25", profile::SearchPaths{{GATOR_PROFILES_DIR}});
  const hardware::MachineFacts facts = hardware::detect(box.sysroot(), {std::nullopt, "gator"});
  EXPECT_TRUE(all_passed(run_checks({profile, facts, nullptr, "gator"})));
  EXPECT_EQ(doctor_text(box, "mi25"),
            "[ok]   CPU architecture: x86_64 (expected x86_64)\n"
            "[ok]   glibc: 2.31 (expected >=2.31)\n"
            "[ok]   GPU: gfx900 (node 1, Radeon Instinct MI25 / Vega 10) (expected gfx900)\n"
            "[ok]   ROCm: 5.7.1 (/opt/rocm) (expected 5.7.1)\n"
            "[ok]   amdgpu driver: loaded, 6.2.4 (expected loaded)\n"
            "[ok]   /dev/kfd: 0660 root:render (expected read/write for user gator)\n"
            "[ok]   /dev/dri/renderD128: 0660 root:render (expected read/write for user gator)\n"
            "doctor: 7 passed, 0 warnings, 0 failed\n");
}

TEST(DoctorTest, Mi50BoxFailsOnGpuArchAndGlibc) {
  fake::FakeSysroot box;
  fake::write_mi50_box(box);
  EXPECT_EQ(
      doctor_text(box, "mi25"),
      "[ok]   CPU architecture: x86_64 (expected x86_64)\n"
      "[FAIL] glibc: 2.28 (expected >=2.31)\n"
      "    fix: wheels locked for glibc 2.31 may not load here; use a newer OS release or lower "
      "[target] glibc (profiles/rocm5.7.toml:19) and re-lock\n"
      "[FAIL] GPU: gfx906 (node 1, Radeon Instinct MI50 / MI60 (Vega 20)), gfx906 (node 2, Radeon "
      "Instinct MI50 / MI60 (Vega 20)), gfx906 (node 10, Radeon Instinct MI50 / MI60 (Vega 20)) "
      "(expected gfx900)\n"
      "    fix: this profile's wheels are built for gfx900 (profiles/mi25.toml:10), not gfx906; "
      "use a profile for this GPU or add its arch to hardware.gpu-arch\n"
      "[ok]   ROCm: 5.7.1 (/opt/rocm) (expected 5.7.1)\n"
      "[ok]   amdgpu driver: loaded, in-tree (expected loaded)\n"
      "[ok]   /dev/kfd: 0660 root:render (expected read/write for user gator)\n"
      "[ok]   /dev/dri/renderD128: 0660 root:render (expected read/write for user gator)\n"
      "[ok]   /dev/dri/renderD129: 0660 root:render (expected read/write for user gator)\n"
      "[ok]   /dev/dri/renderD130: 0660 root:render (expected read/write for user gator)\n"
      "doctor: 7 passed, 0 warnings, 2 failed\n");
}

TEST(DoctorTest, Rocm62BoxFailsOnRocmVersion) {
  fake::FakeSysroot box;
  fake::write_rocm62_box(box);
  EXPECT_EQ(doctor_text(box, "mi25"),
            "[ok]   CPU architecture: x86_64 (expected x86_64)\n"
            "[ok]   glibc: 2.35 (expected >=2.31)\n"
            "[FAIL] GPU: gfx90a (node 1, Instinct MI210 (Aldebaran)) (expected gfx900)\n"
            "    fix: this profile's wheels are built for gfx900 (profiles/mi25.toml:10), not "
            "gfx90a; use a profile for this GPU or add its arch to hardware.gpu-arch\n"
            "[FAIL] ROCm: 6.2.0 (/opt/rocm) (expected 5.7.1)\n"
            "    fix: this profile needs ROCm 5.7.1 (profiles/rocm5.7.toml:11); install ROCm 5.7.1 "
            "(https://rocm.docs.amd.com: amdgpu-install --usecase=rocm) or set ROCM_PATH to its "
            "prefix, or use a profile for ROCm 6.2.0\n"
            "[ok]   amdgpu driver: loaded, 6.8.5 (expected loaded)\n"
            "[ok]   /dev/kfd: 0660 root:render (expected read/write for user gator)\n"
            "[ok]   /dev/dri/renderD128: 0660 root:render (expected read/write for user gator)\n"
            "doctor: 5 passed, 0 warnings, 2 failed\n");
}

TEST(DoctorTest, NoGpuBoxFailsOnArchGpuAndDriver) {
  fake::FakeSysroot box;
  fake::write_cpu_box(box);
  EXPECT_EQ(doctor_text(box, "mi25"),
            "[FAIL] CPU architecture: aarch64 (expected x86_64)\n"
            "    fix: this profile is for x86_64 machines (profiles/rocm5.7.toml:18); use a "
            "profile for aarch64\n"
            "[ok]   glibc: 2.36 (expected >=2.31)\n"
            "[FAIL] GPU: no AMD GPU (no KFD GPU agent, no AMD device on the PCI bus) (expected "
            "gfx900)\n"
            "    fix: check that the GPU is installed and the amdgpu driver is loaded (sudo "
            "modprobe amdgpu), or use a CPU profile\n"
            "[FAIL] ROCm: not installed (no .info/version under /opt/rocm) (expected 5.7.1)\n"
            "    fix: install ROCm 5.7.1 (https://rocm.docs.amd.com: amdgpu-install "
            "--usecase=rocm) or set ROCM_PATH to its prefix\n"
            "[FAIL] amdgpu driver: not loaded (expected loaded)\n"
            "    fix: load it: sudo modprobe amdgpu (install amdgpu-dkms if it is missing)\n"
            "[FAIL] /dev/kfd: missing (expected present)\n"
            "    fix: the amdgpu driver creates /dev/kfd when loaded with compute support; sudo "
            "modprobe amdgpu\n"
            "[FAIL] /dev/dri/renderD*: none (expected present)\n"
            "    fix: the amdgpu driver creates render nodes when loaded; sudo modprobe amdgpu\n"
            "doctor: 1 passed, 0 warnings, 6 failed\n");
}

TEST(DoctorTest, NvidiaBoxFailsForAmdProfileAndPassesForCudaProfile) {
  fake::FakeSysroot box;
  fake::write_nvidia_box(box);
  const std::string amd = doctor_text(box, "mi25");
  EXPECT_NE(amd.find("[FAIL] GPU: no AMD GPU (no KFD GPU agent, no AMD device on the PCI bus) "
                     "(expected gfx900)\n"),
            std::string::npos)
      << amd;
  EXPECT_NE(amd.find("doctor: 2 passed, 0 warnings, 5 failed\n"), std::string::npos) << amd;
  EXPECT_EQ(doctor_text(box, "a100-cu121"),
            "[ok]   CPU architecture: x86_64 (expected x86_64)\n"
            "[ok]   glibc: 2.35 (expected >=2.35)\n"
            "[ok]   GPU: NVIDIA 10de:2330 (0000:17:00.0) (compute capability not checked) "
            "(expected sm_80)\n"
            "[ok]   NVIDIA driver: 535.104.05 (expected >=525.60.13)\n"
            "doctor: 4 passed, 0 warnings, 0 failed\n");
}

TEST(DoctorTest, NoKfdPermissionNamesTheGroupToJoin) {
  fake::FakeSysroot box;
  fake::write_mi25_box(box);
  fake::write_accounts(box, "");
  EXPECT_EQ(
      doctor_text(box, "mi25"),
      "[ok]   CPU architecture: x86_64 (expected x86_64)\n"
      "[ok]   glibc: 2.31 (expected >=2.31)\n"
      "[ok]   GPU: gfx900 (node 1, Radeon Instinct MI25 / Vega 10) (expected gfx900)\n"
      "[ok]   ROCm: 5.7.1 (/opt/rocm) (expected 5.7.1)\n"
      "[ok]   amdgpu driver: loaded, 6.2.4 (expected loaded)\n"
      "[FAIL] /dev/kfd: 0660 root:render, no access (expected read/write for user gator)\n"
      "    fix: add user gator to group render: usermod -aG render gator (then log in again)\n"
      "[FAIL] /dev/dri/renderD128: 0660 root:render, no access (expected read/write for "
      "user gator)\n"
      "    fix: add user gator to group render: usermod -aG render gator (then log in again)\n"
      "doctor: 5 passed, 0 warnings, 2 failed\n");
}

TEST(DoctorTest, MalformedPropertiesFileIsAFailureNamingTheLine) {
  fake::FakeSysroot box;
  fake::write_mi25_box(box);
  box.write("/sys/class/kfd/kfd/topology/nodes/1/properties",
            "simd_count 4\ngfx_target_version banana\n");
  const std::string text = doctor_text(box, "mi25");
  EXPECT_NE(
      text.find("[FAIL] KFD topology: <root>/sys/class/kfd/kfd/topology/nodes/1/properties:2:"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("    fix: the amdgpu driver exposed an unexpected topology; reinstall or "
                      "update it (amdgpu-dkms), then reboot\n"),
            std::string::npos);
  EXPECT_NE(text.find("doctor: 7 passed, 0 warnings, 1 failed\n"), std::string::npos) << text;
}

TEST(DoctorTest, UnicodeColorAndJsonRendering) {
  const std::vector<Check> checks = {
      {"rocm", "ROCm", Status::ok, "5.7.1", "5.7.1", ""},
      {"kfd", "/dev/kfd", Status::fail, "rw", "none", "usermod -aG render gator"},
      {"render", "/dev/dri/renderD128", Status::warn, "rw", "?", "pass --user"}};
  EXPECT_EQ(render_text(checks, Symbols::unicode, Color::no),
            "\u2713 ROCm: 5.7.1 (expected 5.7.1)\n"
            "\u2717 /dev/kfd: none (expected rw)\n"
            "    fix: usermod -aG render gator\n"
            "\u26a0 /dev/dri/renderD128: ? (expected rw)\n"
            "    fix: pass --user\n"
            "doctor: 1 passed, 1 warning, 1 failed\n");
  EXPECT_EQ(render_text(checks, Symbols::unicode, Color::yes).substr(0, 12),
            "\x1b[32m\u2713\x1b[0m");
  const std::string json = render_json("mi25", checks);
  EXPECT_NE(json.find("\"passed\": false"), std::string::npos);
  EXPECT_NE(json.find("\"status\": \"warn\""), std::string::npos);
  EXPECT_FALSE(all_passed(checks));
}

}  // namespace
}  // namespace gator::doctor

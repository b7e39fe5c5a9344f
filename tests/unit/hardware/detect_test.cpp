#include "hardware/detect.hpp"

#include <gtest/gtest.h>

#include "fake_sysroot.hpp"

// Whole fake machines through detect(): every fact of each box, so that doctor can rely on them.
namespace gator::hardware {
namespace {

using test::FakeSysroot;

DetectOptions as_gator() {
  return DetectOptions{std::nullopt, "gator"};
}

void expect_no_problems(const MachineFacts& facts) {
  for (const DetectError& problem : problems(facts)) {
    ADD_FAILURE() << problem.render();
  }
}

TEST(DetectTest, Mi25Box) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  expect_no_problems(facts);
  EXPECT_EQ(facts.sysroot, fake.root().string());

  ASSERT_TRUE(facts.rocm && *facts.rocm);
  const RocmInstall& rocm = **facts.rocm;
  EXPECT_EQ(rocm.prefix, "/opt/rocm");
  EXPECT_EQ(rocm.version_file, fake.shown("/opt/rocm/.info/version"));
  EXPECT_EQ(rocm.raw, "5.7.1-98");
  EXPECT_EQ(rocm.version, "5.7.1");
  EXPECT_EQ(rocm.parsed.build, "98");

  ASSERT_TRUE(facts.kfd);
  EXPECT_TRUE(facts.kfd->present);
  EXPECT_EQ(facts.kfd->cpu_nodes, 1u);
  ASSERT_EQ(facts.kfd->gpus.size(), 1u);
  const GpuAgent& agent = facts.kfd->gpus[0];
  EXPECT_EQ(agent.node, 1u);
  EXPECT_EQ(agent.name, "vega10");
  EXPECT_EQ(agent.properties, fake.shown("/sys/class/kfd/kfd/topology/nodes/1/properties"));
  EXPECT_EQ(agent.gfx_target_version, 90000u);
  EXPECT_EQ(agent.target, (GfxTarget{9, 0, 0}));
  EXPECT_EQ(agent.arch, "gfx900");
  EXPECT_EQ(agent.vendor_id, 0x1002);
  EXPECT_EQ(agent.device_id, 0x6861);
  EXPECT_EQ(agent.simd_count, 256u);
  EXPECT_EQ(agent.drm_render_minor, 128u);

  ASSERT_TRUE(facts.pci);
  ASSERT_EQ(facts.pci->size(), 1u);  // the Intel host bridge is not a GPU
  EXPECT_EQ((*facts.pci)[0].address, "0000:03:00.0");
  EXPECT_EQ((*facts.pci)[0].class_code, 0x030000u);
  ASSERT_NE((*facts.pci)[0].known, nullptr);
  EXPECT_EQ((*facts.pci)[0].known->arch, "gfx900");

  ASSERT_TRUE(facts.amdgpu);
  EXPECT_TRUE(facts.amdgpu->loaded);
  EXPECT_EQ(facts.amdgpu->version, "6.2.4");
  EXPECT_EQ(facts.amdgpu->version_text(), "6.2.4");
  ASSERT_TRUE(facts.nvidia);
  EXPECT_FALSE(*facts.nvidia);

  ASSERT_TRUE(facts.user && *facts.user);
  EXPECT_EQ((*facts.user)->uid, test::k_gator_uid);
  ASSERT_TRUE(facts.kfd_device && *facts.kfd_device);
  const DeviceNode& kfd = **facts.kfd_device;
  EXPECT_EQ(kfd.path, "/dev/kfd");
  EXPECT_EQ(kfd.mode, 0660u);
  EXPECT_EQ(kfd.gid, test::render_gid());
  EXPECT_EQ(kfd.group, "render");
  EXPECT_EQ(kfd.owner, test::owner_name());
  ASSERT_TRUE(kfd.access);
  EXPECT_TRUE(kfd.access->read_write);
  EXPECT_EQ(kfd.access->group_to_join, std::nullopt);
  ASSERT_TRUE(facts.render_devices);
  ASSERT_EQ(facts.render_devices->size(), 1u);
  EXPECT_EQ((*facts.render_devices)[0].path, "/dev/dri/renderD128");
  EXPECT_TRUE((*facts.render_devices)[0].access->read_write);

  ASSERT_TRUE(facts.glibc);
  EXPECT_EQ(facts.glibc->text(), "2.31");
  EXPECT_EQ(facts.glibc->source, fake.shown("/lib/x86_64-linux-gnu/libc.so.6"));
  ASSERT_TRUE(facts.arch);
  EXPECT_EQ(facts.arch->name, "x86_64");
  EXPECT_EQ(facts.arch->source, "directory of " + fake.shown("/lib/x86_64-linux-gnu/libc.so.6"));

  const std::vector<DetectedGpu> found = gpus(facts);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].vendor, GpuVendor::amd);
  EXPECT_EQ(found[0].source, GpuSource::kfd);
  EXPECT_EQ(found[0].location, "node 1");
  EXPECT_EQ(found[0].arch, "gfx900");
  EXPECT_EQ(found[0].name, "Radeon Instinct MI25 / Vega 10");
}

TEST(DetectTest, Mi25BoxWithoutKfdFallsBackToPci) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  fake.remove("/sys/devices/virtual/kfd");
  fake.remove("/sys/class/kfd");
  fake.remove("/sys/module/amdgpu");
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  expect_no_problems(facts);
  EXPECT_FALSE(facts.kfd->present);
  EXPECT_FALSE(facts.amdgpu->loaded);
  const std::vector<DetectedGpu> found = gpus(facts);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].source, GpuSource::pci);
  EXPECT_EQ(found[0].location, "0000:03:00.0");
  EXPECT_EQ(found[0].arch, "gfx900");
  EXPECT_EQ(found[0].device_id, 0x6861);
}

TEST(DetectTest, Mi50Box) {
  FakeSysroot fake;
  test::write_mi50_box(fake);
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  expect_no_problems(facts);
  ASSERT_TRUE(facts.kfd);
  std::vector<std::uint32_t> nodes;
  for (const GpuAgent& agent : facts.kfd->gpus) {
    nodes.push_back(agent.node);
    EXPECT_EQ(agent.arch, "gfx906");
    EXPECT_EQ(agent.name, "vega20");
  }
  EXPECT_EQ(nodes, (std::vector<std::uint32_t>{1, 2, 10}));  // numeric, not "10" < "2"
  EXPECT_EQ(facts.kfd->gpus[2].device_id, 0x66af);
  EXPECT_EQ(facts.kfd->gpus[2].drm_render_minor, 130u);
  ASSERT_EQ(facts.pci->size(), 3u);
  EXPECT_EQ((*facts.pci)[2].known->name, "Radeon Instinct MI50 / MI60 (Vega 20)");

  EXPECT_TRUE(facts.amdgpu->loaded);
  EXPECT_EQ(facts.amdgpu->version, std::nullopt);
  EXPECT_EQ(facts.amdgpu->version_text(), "in-tree");
  EXPECT_EQ(facts.render_devices->size(), 3u);

  EXPECT_EQ(facts.glibc->text(), "2.28");
  EXPECT_EQ(facts.glibc->source, fake.shown("/lib64/libc.so.6"));  // /lib64 -> usr/lib64
  EXPECT_EQ(facts.arch->name, "x86_64");
  EXPECT_EQ(facts.arch->source, "ELF header of " + fake.shown("/lib64/libc.so.6"));

  const std::vector<DetectedGpu> found = gpus(facts);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[1].name, "Radeon Instinct MI50 / MI60 (Vega 20)");
  EXPECT_EQ(found[1].location, "node 2");
}

TEST(DetectTest, Rocm62BoxFollowsAlternativesLinksInsideTheSysroot) {
  FakeSysroot fake;
  test::write_rocm62_box(fake);
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  expect_no_problems(facts);
  ASSERT_TRUE(facts.rocm && *facts.rocm);
  EXPECT_EQ((*facts.rocm)->prefix, "/opt/rocm");
  EXPECT_EQ((*facts.rocm)->raw, "6.2.0-66");
  EXPECT_EQ((*facts.rocm)->version, "6.2.0");
  EXPECT_EQ((*facts.rocm)->parsed.release, (std::vector<std::uint32_t>{6, 2, 0}));
  EXPECT_EQ(facts.kfd->gpus.at(0).arch, "gfx90a");
  EXPECT_EQ(facts.pci->at(0).class_code, 0x120000u);  // a processing accelerator
  EXPECT_EQ(gpus(facts).at(0).name, "Instinct MI210 (Aldebaran)");
  EXPECT_EQ(facts.amdgpu->version, "6.8.5");
  EXPECT_EQ(facts.glibc->text(), "2.35");
  // /lib -> usr/lib: the "/" spelling ranks first and reaches the same file.
  EXPECT_EQ(facts.glibc->source, fake.shown("/lib/x86_64-linux-gnu/libc.so.6"));
  EXPECT_EQ(facts.arch->name, "x86_64");
}

TEST(DetectTest, RocmPathWinsOverOptRocm) {
  FakeSysroot fake;
  test::write_rocm62_box(fake);
  fake.write("/opt/rocm-5.7.1/.info/version-dev", "5.7.1-98\n");
  const MachineFacts facts = detect(fake.sysroot(), DetectOptions{"/opt/rocm-5.7.1", "gator"});
  ASSERT_TRUE(facts.rocm && *facts.rocm);
  EXPECT_EQ((*facts.rocm)->prefix, "/opt/rocm-5.7.1");
  EXPECT_EQ((*facts.rocm)->version_file, fake.shown("/opt/rocm-5.7.1/.info/version-dev"));
  EXPECT_EQ((*facts.rocm)->version, "5.7.1");
  // A ROCM_PATH without a version file falls back to /opt/rocm.
  const MachineFacts fallback = detect(fake.sysroot(), DetectOptions{"/nowhere", "gator"});
  EXPECT_EQ((*fallback.rocm)->version, "6.2.0");
}

TEST(DetectTest, BoxWithoutGpu) {
  FakeSysroot fake;
  test::write_cpu_box(fake);
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  expect_no_problems(facts);
  EXPECT_FALSE(*facts.rocm);
  EXPECT_FALSE(facts.kfd->present);
  EXPECT_TRUE(facts.kfd->gpus.empty());
  EXPECT_TRUE(facts.pci->empty());
  EXPECT_FALSE(facts.amdgpu->loaded);
  EXPECT_FALSE(*facts.nvidia);
  EXPECT_TRUE(*facts.user);
  EXPECT_FALSE(*facts.kfd_device);
  EXPECT_TRUE(facts.render_devices->empty());
  EXPECT_TRUE(gpus(facts).empty());
  EXPECT_EQ(facts.glibc->text(), "2.36");
  EXPECT_EQ(facts.glibc->source, fake.shown("/lib/aarch64-linux-gnu/libc.so.6"));
  EXPECT_EQ(facts.arch->name, "aarch64");
}

TEST(DetectTest, EmptySysrootReportsOnlyTheMissingLibcAndUser) {
  FakeSysroot fake;
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  std::vector<std::string> rendered;
  for (const DetectError& problem : problems(facts)) {
    rendered.push_back(problem.render());
  }
  const std::string no_libc =
      fake.shown("/") + ": no libc.so.6 under lib*/ or usr/lib*/ (not a glibc system?)";
  EXPECT_EQ(rendered, (std::vector<std::string>{
                          fake.shown("/etc/passwd") + R"(: missing: cannot look up user "gator")",
                          no_libc, no_libc}));
}

TEST(DetectTest, NvidiaBox) {
  FakeSysroot fake;
  test::write_nvidia_box(fake);
  const MachineFacts facts = detect(fake.sysroot(), DetectOptions{});
  expect_no_problems(facts);
  ASSERT_TRUE(facts.nvidia && *facts.nvidia);
  EXPECT_EQ((*facts.nvidia)->version, "535.104.05");
  EXPECT_EQ((*facts.nvidia)->source, fake.shown("/proc/driver/nvidia/version"));
  EXPECT_TRUE((*facts.nvidia)->module_loaded);
  EXPECT_FALSE(facts.user);
  EXPECT_FALSE(*facts.rocm);
  EXPECT_FALSE(facts.amdgpu->loaded);
  EXPECT_FALSE(facts.kfd->present);
  ASSERT_EQ(facts.pci->size(), 1u);  // the HDMI audio function (class 0x04) is left out
  EXPECT_EQ(facts.pci->at(0).vendor, 0x10de);
  EXPECT_EQ(facts.pci->at(0).known, nullptr);
  const std::vector<DetectedGpu> found = gpus(facts);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].vendor, GpuVendor::nvidia);
  EXPECT_EQ(found[0].source, GpuSource::pci);
  EXPECT_EQ(found[0].location, "0000:17:00.0");
  EXPECT_EQ(found[0].arch, "");
  EXPECT_EQ(found[0].device_id, 0x2330);
}

TEST(DetectTest, NvidiaVersionFromSysModuleWhenProcIsAbsent) {
  FakeSysroot fake;
  test::write_nvidia_box(fake);
  fake.remove("/proc");
  const MachineFacts facts = detect(fake.sysroot(), DetectOptions{});
  ASSERT_TRUE(facts.nvidia && *facts.nvidia);
  EXPECT_EQ((*facts.nvidia)->version, "535.104.05");
  EXPECT_EQ((*facts.nvidia)->source, fake.shown("/sys/module/nvidia/version"));
}

TEST(DetectTest, GpuBoxWithoutKfdPermission) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  test::write_accounts(fake, "");  // gator is in no group
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  expect_no_problems(facts);
  EXPECT_EQ((*facts.user)->groups, (std::vector<std::uint32_t>{test::k_gator_uid}));
  ASSERT_TRUE(facts.kfd_device && *facts.kfd_device);
  const DeviceNode& kfd = **facts.kfd_device;
  EXPECT_EQ(kfd.mode, 0660u);
  EXPECT_EQ(kfd.group, "render");
  ASSERT_TRUE(kfd.access);
  EXPECT_FALSE(kfd.access->read_write);
  EXPECT_EQ(kfd.access->group_to_join, "render");
  EXPECT_FALSE(facts.render_devices->at(0).access->read_write);
  EXPECT_EQ(facts.render_devices->at(0).access->group_to_join, "render");
  // The GPU itself is still detected: only access is lacking.
  EXPECT_EQ(gpus(facts).at(0).arch, "gfx900");
}

TEST(DetectTest, KfdOwnedByVideoAsOnOlderReleases) {
  if (test::render_gid() == test::video_gid()) {
    GTEST_SKIP() << "needs root to give the fake device another group";
  }
  FakeSysroot fake;
  test::write_mi25_box(fake);
  test::write_accounts(fake, "render");
  fake.device("/dev/kfd", 0660, test::video_gid());
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  const DeviceNode& kfd = **facts.kfd_device;
  EXPECT_EQ(kfd.group, "video");
  EXPECT_FALSE(kfd.access->read_write);
  EXPECT_EQ(kfd.access->group_to_join, "video");
}

TEST(DetectTest, KfdWithoutGroupAccess) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  fake.device("/dev/kfd", 0600, test::render_gid());
  const MachineFacts facts = detect(fake.sysroot(), as_gator());
  const DeviceNode& kfd = **facts.kfd_device;
  EXPECT_EQ(kfd.mode, 0600u);
  EXPECT_FALSE(kfd.access->read_write);
  EXPECT_EQ(kfd.access->group_to_join, std::nullopt);  // no group would help: fix the mode
}

TEST(DetectTest, UnknownUserIsAProblemButDevicesAreStillListed) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  const MachineFacts facts = detect(fake.sysroot(), DetectOptions{std::nullopt, "svc"});
  ASSERT_TRUE(facts.user);
  EXPECT_EQ(facts.user->error().render(),
            fake.shown("/etc/passwd") +
                R"(: no user "svc" (users from LDAP or other NSS sources are not seen))");
  ASSERT_TRUE(*facts.kfd_device);
  EXPECT_FALSE((*facts.kfd_device)->access);
  EXPECT_EQ(problems(facts).size(), 1u);
}

}  // namespace
}  // namespace gator::hardware

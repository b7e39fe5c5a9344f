#include <gtest/gtest.h>

#include "fake_sysroot.hpp"
#include "hardware/detect.hpp"

// Corrupt or unexpected files: each is a precise error naming the file, the line and the value,
// confined to its own fact; nothing crashes and nothing is skipped silently.
namespace gator::hardware {
namespace {

using test::FakeSysroot;

constexpr std::string_view k_node1 = "/sys/class/kfd/kfd/topology/nodes/1/properties";

std::string with_line_19(std::string_view replacement) {
  std::string text = test::gpu_properties(90000, 0x6861, 128);
  const std::string old = "gfx_target_version 90000\n";
  text.replace(text.find(old), old.size(), std::string(replacement));
  return text;
}

// The MI25 box with node 1's properties replaced; returns the KFD error as rendered.
std::string kfd_error(std::string_view properties) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  test::write_kfd_node(fake, 1, properties, "vega10");
  const MachineFacts facts = detect(fake.sysroot(), DetectOptions{std::nullopt, "gator"});
  // Only the topology is spoiled; every other fact is still there.
  EXPECT_EQ(problems(facts).size(), 1u);
  EXPECT_EQ((*facts.rocm)->version, "5.7.1");
  EXPECT_TRUE((**facts.kfd_device).access->read_write);
  // gpus() then falls back to the PCI table rather than reporting nothing.
  EXPECT_EQ(gpus(facts).at(0).source, GpuSource::pci);
  if (facts.kfd) {
    ADD_FAILURE() << "no error for the malformed properties";
    return "";
  }
  const std::string prefix = fake.shown(k_node1);
  const std::string rendered = facts.kfd.error().render();
  EXPECT_EQ(rendered.substr(0, prefix.size()), prefix);
  return "<node1>" + rendered.substr(prefix.size());
}

TEST(MalformedTest, NonNumericValue) {
  EXPECT_EQ(kfd_error(with_line_19("gfx_target_version gfx900\n")),
            R"(<node1>:19: invalid value "gfx900" for key "gfx_target_version": )"
            "expected a decimal number");
}

TEST(MalformedTest, MissingKey) {
  EXPECT_EQ(kfd_error(with_line_19("")), R"(<node1>: missing key "gfx_target_version")");
  EXPECT_EQ(kfd_error("gfx_target_version 90000\n"), R"(<node1>: missing key "simd_count")");
  std::string no_vendor = test::gpu_properties(90000, 0x6861, 128);
  no_vendor.erase(no_vendor.find("vendor_id 4098\n"), 15);
  EXPECT_EQ(kfd_error(no_vendor), R"(<node1>: missing key "vendor_id")");
}

TEST(MalformedTest, Garbage) {
  EXPECT_EQ(kfd_error(with_line_19("\x89PNG\r\n\x1a\n")),
            R"(<node1>:19: malformed line "\x89PNG\x0d": expected "<key> <value>")");
  EXPECT_EQ(kfd_error(std::string("\0\0\0\0", 4)),
            R"(<node1>:1: malformed line "\x00\x00\x00\x00": expected "<key> <value>")");
  EXPECT_EQ(kfd_error(""), R"(<node1>: missing key "simd_count")");
}

TEST(MalformedTest, UndecodableTarget) {
  EXPECT_EQ(kfd_error(with_line_19("gfx_target_version 90016\n")),
            "<node1>:19: gfx_target_version 90016 cannot be decoded: stepping 16 does not fit "
            "one hex digit");
  EXPECT_EQ(kfd_error(with_line_19("gfx_target_version 0\n")),
            "<node1>:19: gfx_target_version is 0 on a GPU node (simd_count 256)");
}

TEST(MalformedTest, OutOfRangeIds) {
  std::string text = test::gpu_properties(90000, 0x6861, 128);
  text.replace(text.find("vendor_id 4098"), 14, "vendor_id 70000");
  EXPECT_EQ(kfd_error(text),
            R"(<node1>:20: value 70000 for key "vendor_id" is not a 16-bit PCI id)");
}

TEST(MalformedTest, NodeWithoutPropertiesAndStrayEntries) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  fake.remove("/sys/devices/virtual/kfd/kfd/topology/nodes/1/properties");
  EXPECT_EQ(detect(fake.sysroot(), {}).kfd.error().render(),
            fake.shown(k_node1) + ": missing: every topology node has one");
  fake.mkdir("/sys/devices/virtual/kfd/kfd/topology/nodes/new");
  EXPECT_EQ(detect(fake.sysroot(), {}).kfd.error().render(),
            fake.shown("/sys/class/kfd/kfd/topology/nodes") +
                R"(: unexpected entry "new": expected a node number)");
}

TEST(MalformedTest, OtherFiles) {
  FakeSysroot fake;
  test::write_mi25_box(fake);
  fake.write("/opt/rocm/.info/version", "rocm-5.7\n");
  fake.write("/sys/module/amdgpu/version", "6.2.4 (dkms)\n");
  fake.write("/sys/devices/pci0000:00/0000:03:00.0/vendor", "AMD\n");
  fake.write("/proc/driver/nvidia/version", "NVRM version: unknown\n");
  fake.write("/lib/x86_64-linux-gnu/libc.so.6", "musl libc");
  std::vector<std::string> rendered;
  for (const DetectError& problem : problems(detect(fake.sysroot(), {}))) {
    rendered.push_back(problem.render());
  }
  const std::string libc = fake.shown("/lib/x86_64-linux-gnu/libc.so.6");
  EXPECT_EQ(
      rendered,
      (std::vector<std::string>{
          fake.shown("/opt/rocm/.info/version") +
              R"(:1: invalid ROCm version "rocm-5.7": expected a version such as 5.7.1-98)",
          fake.shown("/sys/bus/pci/devices/0000:03:00.0/vendor") +
              R"(:1: invalid value "AMD": expected a hex number like 0x1002)",
          fake.shown("/sys/module/amdgpu/version") +
              R"x(:1: invalid driver version "6.2.4 (dkms)": expected a version such as 6.2.4)x",
          fake.shown("/proc/driver/nvidia/version") +
              R"(:1: no driver version in "NVRM version: unknown": expected a number such )"
              "as 535.104.05",
          libc + R"(: no "GNU C Library ... release version X.Y" banner inside: not glibc?)",
      }));
}

}  // namespace
}  // namespace gator::hardware

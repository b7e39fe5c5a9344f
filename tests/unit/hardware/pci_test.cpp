#include "hardware/pci.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace gator::hardware {
namespace {

TEST(KnownGpuTest, TableIsSortedAndCoversTheFleet) {
  const auto table = known_gpus();
  EXPECT_TRUE(std::is_sorted(table.begin(), table.end(), [](const auto& a, const auto& b) {
    return a.vendor != b.vendor ? a.vendor < b.vendor : a.last_device < b.first_device;
  }));
  struct Row {
    std::uint16_t device;
    const char* arch;
    const char* name;
  };
  const Row rows[] = {
      {0x6860, "gfx900", "Radeon Instinct MI25 / Vega 10"},
      {0x6861, "gfx900", "Radeon Instinct MI25 / Vega 10"},
      {0x686f, "gfx900", "Radeon Instinct MI25 / Vega 10"},
      {0x66a0, "gfx906", "Radeon Instinct MI50 / MI60 (Vega 20)"},
      {0x66af, "gfx906", "Radeon Instinct MI50 / MI60 (Vega 20)"},
      {0x738c, "gfx908", "Instinct MI100 (Arcturus)"},
      {0x740c, "gfx90a", "Instinct MI250 / MI250X (Aldebaran)"},
      {0x740f, "gfx90a", "Instinct MI210 (Aldebaran)"},
      {0x74a1, "gfx942", "Instinct MI300X (Aqua Vanjaram)"},
  };
  for (const Row& row : rows) {
    const KnownGpu* gpu = find_known_gpu(k_vendor_amd, row.device);
    ASSERT_NE(gpu, nullptr) << std::hex << row.device;
    EXPECT_EQ(gpu->arch, row.arch);
    EXPECT_EQ(gpu->name, row.name);
  }
  const std::uint16_t unknown[] = {0x685f, 0x6870, 0x687f, 0x669f, 0x66b0, 0x740d, 0x0000};
  for (const std::uint16_t device : unknown) {
    EXPECT_EQ(find_known_gpu(k_vendor_amd, device), nullptr) << std::hex << device;
  }
  EXPECT_EQ(find_known_gpu(k_vendor_nvidia, 0x6861), nullptr);
}

TEST(SysfsHexTest, ParsesAttributes) {
  EXPECT_EQ(parse_sysfs_hex("0x1002\n", 0xffff), 0x1002u);
  EXPECT_EQ(parse_sysfs_hex("0x10DE", 0xffff), 0x10deu);
  EXPECT_EQ(parse_sysfs_hex("0x030000\n", 0xffffff), 0x030000u);
  EXPECT_EQ(parse_sysfs_hex("1002", 0xffff).error(),
            R"(invalid value "1002": expected a hex number like 0x1002)");
  EXPECT_EQ(parse_sysfs_hex("0x", 0xffff).error(),
            R"(invalid value "0x": expected a hex number like 0x1002)");
  EXPECT_EQ(parse_sysfs_hex("0x10g2", 0xffff).error(),
            R"(invalid value "0x10g2": expected a hex number like 0x1002)");
  EXPECT_EQ(parse_sysfs_hex("0x10020", 0xffff).error(), R"(value "0x10020" is out of range)");
  EXPECT_EQ(parse_sysfs_hex("0xffffffffffffffffffff", 0xffffff).error(),
            R"(value "0xffffffffffffffffffff" is out of range)");
}

}  // namespace
}  // namespace gator::hardware

// Mistakes only the whole profile shows: required keys, keys that do not fit the vendor,
// sources and indexes, `extends`, and lookup. Every message is asserted whole.
#include <gtest/gtest.h>

#include "profile_fixture.hpp"

namespace gator::profile {
namespace {

using test::minimal_profile;

class ProfileErrors : public ::testing::Test {
 protected:
  test::ProfileDir m_dir;
};

TEST_F(ProfileErrors, MissingVendorPointsAtTheTable) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "gpu-arch = [\"gfx900\"]\n"
                           "[python]\n"
                           "version = \"3.11\"\n"),
            "<dir>/p.toml:2:1: error: missing `hardware.vendor`\n"
            "  2 | [hardware]\n"
            "    | ^~~~~~~~~~\n"
            "hint: set vendor = \"amd\", \"nvidia\" or \"cpu\" in [hardware], here or in the "
            "profile it extends\n");
}

TEST_F(ProfileErrors, MissingPythonVersion) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n[hardware]\nvendor = \"cpu\"\n"),
            "<dir>/p.toml:1:1: error: missing `python.version`\n"
            "hint: set version = \"3.11\" in [python], here or in the profile it extends\n");
}

TEST_F(ProfileErrors, KeyForAnotherVendor) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "vendor = \"nvidia\"\n"
                           "rocm = \"5.7.1\"\n"
                           "[python]\n"
                           "version = \"3.11\"\n"),
            "<dir>/p.toml:4:8: error: `hardware.rocm` is set but `hardware.vendor` is "
            "\"nvidia\"\n"
            "  4 | rocm = \"5.7.1\"\n"
            "    |        ^~~~~~~\n"
            "hint: `rocm` applies to amd profiles; remove it or change the vendor (set at "
            "<dir>/p.toml:3)\n");
}

TEST_F(ProfileErrors, GpuKeyInACpuProfile) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "vendor = \"cpu\"\n"
                           "gpu-arch = [\"gfx900\"]\n"
                           "[python]\n"
                           "version = \"3.11\"\n"),
            "<dir>/p.toml:4:12: error: `hardware.gpu-arch` is set but `hardware.vendor` is "
            "\"cpu\"\n"
            "  4 | gpu-arch = [\"gfx900\"]\n"
            "    |            ^~~~~~~~~~\n"
            "hint: `gpu-arch` applies to amd and nvidia profiles; remove it or change the vendor "
            "(set at <dir>/p.toml:3)\n");
}

TEST_F(ProfileErrors, GpuArchOfAnotherVendor) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "vendor = \"nvidia\"\n"
                           "gpu-arch = [\"sm_80\", \"gfx900\"]\n"
                           "[python]\n"
                           "version = \"3.11\"\n"),
            "<dir>/p.toml:4:23: error: invalid GPU architecture for vendor \"nvidia\": "
            "\"gfx900\"\n"
            "  4 | gpu-arch = [\"sm_80\", \"gfx900\"]\n"
            "    |                       ^~~~~~\n"
            "  caused by: expected a CUDA compute capability such as sm_80 or sm_90a\n"
            "hint: NVIDIA GPUs are named by compute capability: sm_80 (A100), sm_90 (H100)\n");
}

TEST_F(ProfileErrors, MalformedAmdGpuArch) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[python]\n"
                           "version = \"3.11\"\n"
                           "[hardware]\n"
                           "vendor = \"amd\"\n"
                           "rocm = \">=5.7\"\n"
                           "pci-ids = [\"1002:6860\"]\n"
                           "gpu-arch = [\"gfx90a:xnack\"]\n"),
            "<dir>/p.toml:8:21: error: invalid GPU architecture for vendor \"amd\": "
            "\"gfx90a:xnack\"\n"
            "  8 | gpu-arch = [\"gfx90a:xnack\"]\n"
            "    |                     ^~~~~\n"
            "  caused by: expected a target feature xnack+, xnack-, sramecc+ or sramecc-\n"
            "hint: AMD GPUs are named by their LLVM target: gfx900 (MI25), gfx906 (MI50), gfx90a "
            "(MI210), gfx942 (MI300X)\n");
}

TEST_F(ProfileErrors, PciIdOfAnotherVendor) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "vendor = \"amd\"\n"
                           "pci-ids = [\"10DE:20B0\"]\n"
                           "[python]\n"
                           "version = \"3.11\"\n"),
            "<dir>/p.toml:4:12: error: PCI id \"10de:20b0\" is not a device of vendor \"amd\"\n"
            "  4 | pci-ids = [\"10DE:20B0\"]\n"
            "    |            ^~~~~~~~~~~\n"
            "hint: amd devices have the PCI vendor id 1002, nvidia devices 10de\n");
}

TEST_F(ProfileErrors, SourceNamesAnUndeclaredIndex) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           minimal_profile("[[index]]\n"
                                           "name = \"pytorch-rocm5.7\"\n"
                                           "url = \"https://download.pytorch.org/whl/rocm5.7\"\n"
                                           "[requirements]\n"
                                           "sources = { torch = \"pytorch-rocm57\" }\n")),
            "<dir>/p.toml:12:21: error: `requirements.sources` pins `torch` to an undeclared "
            "index: \"pytorch-rocm57\"\n"
            "  12 | sources = { torch = \"pytorch-rocm57\" }\n"
            "     |                     ^~~~~~~~~~~~~~~~\n"
            "hint: did you mean \"pytorch-rocm5.7\"? (declared: \"pytorch-rocm5.7\")\n");
}

TEST_F(ProfileErrors, SourceNamesAnIndexNobodyDeclared) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[requirements.sources]\n"
                                                     "Torch_Vision = \"nightly\"\n")),
            "<dir>/p.toml:9:16: error: `requirements.sources` pins `torch-vision` to an "
            "undeclared index: \"nightly\"\n"
            "  9 | Torch_Vision = \"nightly\"\n"
            "    |                ^~~~~~~~~\n"
            "hint: declare it in an [[index]] section (declared: \"pypi\")\n");
}

TEST_F(ProfileErrors, EveryIndexExplicitLeavesAPackageWithoutAnIndex) {
  EXPECT_EQ(
      m_dir.error_of("p.toml", minimal_profile("[[index]]\n"
                                               "name = \"cpu\"\n"
                                               "url = \"https://download.pytorch.org/whl/cpu\"\n"
                                               "explicit = true\n"
                                               "[requirements]\n"
                                               "packages = [\"torch\", \"numpy\"]\n"
                                               "sources = { torch = \"cpu\" }\n")),
      "<dir>/p.toml:13:22: error: `numpy` has no index: every index is explicit and "
      "`requirements.sources` does not pin it\n"
      "  13 | packages = [\"torch\", \"numpy\"]\n"
      "     |                      ^~~~~~~\n"
      "hint: add an index without `explicit = true` (such as https://pypi.org/simple) or "
      "pin `numpy` in `requirements.sources`\n");
}

TEST_F(ProfileErrors, SmokeTimeoutWithoutCommand) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[smoke]\ntimeout = 60\n")),
            "<dir>/p.toml:9:11: error: `smoke.timeout` is set but `smoke.command` is not\n"
            "  9 | timeout = 60\n"
            "    |           ^~\n"
            "hint: for example: command = [\"python\", \"-c\", \"import torch\"]\n");
}

TEST_F(ProfileErrors, UnknownExtendsWithSuggestion) {
  static_cast<void>(m_dir.write("rocm5.7.toml", minimal_profile()));
  EXPECT_EQ(m_dir.error_of("mi25.toml", "schema-version = 1\nextends = \"rocm5.8\"\n"),
            "<dir>/mi25.toml:2:11: error: unknown profile \"rocm5.8\" in `extends`\n"
            "  2 | extends = \"rocm5.8\"\n"
            "    |           ^~~~~~~~~\n"
            "hint: did you mean \"rocm5.7\"?\n");
}

TEST_F(ProfileErrors, UnknownExtendsListsTheProfiles) {
  static_cast<void>(m_dir.write("cpu.toml", minimal_profile()));
  EXPECT_EQ(m_dir.error_of("mi25.toml", "schema-version = 1\nextends = \"amd-base\"\n"),
            "<dir>/mi25.toml:2:11: error: unknown profile \"amd-base\" in `extends`\n"
            "  2 | extends = \"amd-base\"\n"
            "    |           ^~~~~~~~~~\n"
            "hint: available profiles: cpu, mi25\n");
}

TEST_F(ProfileErrors, ExtendsCycle) {
  static_cast<void>(m_dir.write("a.toml", "schema-version = 1\nextends = \"b\"\n"));
  static_cast<void>(m_dir.write("b.toml", "schema-version = 1\n\nextends = \"c\"\n"));
  static_cast<void>(m_dir.write("c.toml", "schema-version = 1\nextends = \"a\"\n"));
  EXPECT_EQ(m_dir.error("a"),
            "<dir>/c.toml:2:11: error: `extends` cycle: a -> b -> c -> a\n"
            "  2 | extends = \"a\"\n"
            "    |           ^~~\n"
            "hint: a profile cannot extend itself, directly or through others; remove one "
            "`extends`\n");
}

TEST_F(ProfileErrors, ExtendsItself) {
  EXPECT_EQ(m_dir.error_of("a.toml", "schema-version = 1\nextends = \"a.toml\"\n"),
            "<dir>/a.toml:2:11: error: `extends` cycle: a -> a\n"
            "  2 | extends = \"a.toml\"\n"
            "    |           ^~~~~~~~\n"
            "hint: a profile cannot extend itself, directly or through others; remove one "
            "`extends`\n");
}

TEST_F(ProfileErrors, ExtendsAMissingFile) {
  EXPECT_EQ(m_dir.error_of("a.toml", "schema-version = 1\nextends = \"bases/gpu.toml\"\n"),
            "<dir>/a.toml:2:11: error: `extends` names a missing file: <dir>/bases/gpu.toml\n"
            "  2 | extends = \"bases/gpu.toml\"\n"
            "    |           ^~~~~~~~~~~~~~~~\n"
            "hint: a path in `extends` is relative to the profile that contains it\n");
}

TEST_F(ProfileErrors, ExtendsAnInvalidName) {
  EXPECT_EQ(m_dir.error_of("a.toml", "schema-version = 1\nextends = \"bases/gpu\"\n"),
            "<dir>/a.toml:2:17: error: invalid profile name in `extends`: \"bases/gpu\"\n"
            "  2 | extends = \"bases/gpu\"\n"
            "    |                 ^\n"
            "hint: write a profile name such as \"rocm5.7\" or a path ending in .toml\n");
}

TEST_F(ProfileErrors, ExtendsTooDeep) {
  for (int i = 0; i < 20; ++i)
    static_cast<void>(
        m_dir.write("p" + std::to_string(i) + ".toml",
                    "schema-version = 1\nextends = \"p" + std::to_string(i + 1) + "\"\n"));
  EXPECT_EQ(m_dir.error("p0"),
            "<dir>/p15.toml:2:11: error: `extends` goes deeper than 16 profiles\n"
            "  2 | extends = \"p16\"\n"
            "    |           ^~~~~\n"
            "hint: flatten the chain: p0 -> p1 -> p2 -> p3 -> p4 -> p5 -> p6 -> p7 -> p8 -> p9 "
            "-> p10 -> p11 -> p12 -> p13 -> p14 -> p15\n");
}

TEST_F(ProfileErrors, MistakeInTheBaseIsReportedInTheBase) {
  static_cast<void>(m_dir.write("base.toml", "schema-version = 1\n[hardware]\nvendr = \"amd\"\n"));
  EXPECT_EQ(m_dir.error_of("child.toml", "schema-version = 1\nextends = \"base\"\n"),
            "<dir>/base.toml:3:1: error: unknown key \"vendr\" in [hardware]\n"
            "  3 | vendr = \"amd\"\n"
            "    | ^~~~~\n"
            "hint: did you mean `vendor`?\n");
}

TEST_F(ProfileErrors, UnknownProfileName) {
  static_cast<void>(m_dir.write("mi25.toml", minimal_profile()));
  EXPECT_EQ(m_dir.error("mi52"),
            "gator-provision: error: no profile named \"mi52\"\n"
            "hint: did you mean \"mi25\"?\n");
  EXPECT_EQ(m_dir.error("a100"),
            "gator-provision: error: no profile named \"a100\"\n"
            "hint: available profiles: mi25\n");
}

TEST_F(ProfileErrors, NoProfilesAtAll) {
  EXPECT_EQ(m_dir.error("mi25"),
            "gator-provision: error: no profile named \"mi25\"\n"
            "hint: no profiles in <dir>\n");
}

TEST_F(ProfileErrors, InvalidProfileArgument) {
  EXPECT_EQ(m_dir.error("profiles/mi25"),
            "gator-provision: error: invalid profile name \"profiles/mi25\"\n"
            "hint: give a profile name such as mi25 or a path ending in .toml\n");
}

TEST_F(ProfileErrors, MissingProfileFile) {
  EXPECT_EQ(m_dir.error("nowhere.toml"),
            "gator-provision: error: no such profile file: <dir>/nowhere.toml\n");
}

TEST_F(ProfileErrors, HugeProfileFile) {
  EXPECT_EQ(m_dir.error_of("big.toml", std::string(2U << 20U, '#')),
            "gator-provision: error: profile file is larger than 1 MiB: <dir>/big.toml\n");
}

}  // namespace
}  // namespace gator::profile

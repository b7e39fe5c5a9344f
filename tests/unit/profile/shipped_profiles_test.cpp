// Every profile in the repository's profiles/ folder loads, and mi25 says what the fleet needs.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "profile/load.hpp"
#include "profile/show.hpp"
#include "profile_fixture.hpp"
#include "util/error.hpp"

namespace gator::profile {
namespace {

namespace fs = std::filesystem;

SearchPaths shipped() {
  return SearchPaths{{test::shipped_profiles()}};
}

std::vector<std::string> package_texts(const Profile& profile) {
  std::vector<std::string> out;
  for (const auto& package : profile.requirements.packages.value)
    out.push_back(package.value.to_string());
  return out;
}

TEST(ShippedProfiles, EveryProfileLoads) {
  std::vector<std::string> loaded;
  for (const auto& entry : fs::directory_iterator(test::shipped_profiles())) {
    if (entry.path().extension() != ".toml")
      continue;
    SCOPED_TRACE(entry.path().string());
    try {
      const Profile profile = load_profile(entry.path().string(), shipped());
      EXPECT_EQ(profile.name.value, entry.path().stem().string());
      EXPECT_FALSE(profile.description.value.empty());
      EXPECT_FALSE(render_profile_show(profile).empty());
      loaded.push_back(profile.name.value);
    } catch (const Error& error) {
      ADD_FAILURE() << error.render("gator-provision");
    }
  }
  std::sort(loaded.begin(), loaded.end());
  EXPECT_EQ(loaded,
            (std::vector<std::string>{"a100-cu121", "cpu", "demo", "mi25", "mi50", "rocm5.7"}));
  EXPECT_EQ(available_profiles(shipped()), loaded);
}

// The README's demo (scripts/demo/run.sh) applies this profile against a local index.
TEST(ShippedProfiles, Demo) {
  const Profile p = load_profile("demo", shipped());
  EXPECT_EQ(p.hardware.vendor.value, Vendor::cpu);
  ASSERT_EQ(p.indexes.size(), 1U);
  EXPECT_EQ(p.indexes[0].name.value, "wheelhouse");
  ASSERT_EQ(p.requirements.packages.value.size(), 2U);
  EXPECT_EQ(p.requirements.packages.value[0].value.name(), "pip");
  EXPECT_EQ(p.requirements.packages.value[1].value.name(), "setuptools");
  ASSERT_TRUE(p.smoke.has_value());
  EXPECT_EQ(p.smoke->command.value.size(), 4U);
}

TEST(ShippedProfiles, Mi25) {
  const Profile p = load_profile("mi25", shipped());
  const std::string dir = test::shipped_profiles().string();
  EXPECT_EQ(p.files, (std::vector<std::string>{dir + "/mi25.toml", dir + "/rocm5.7.toml"}));
  EXPECT_EQ(p.name.value, "mi25");
  EXPECT_EQ(p.description.value, "AMD Radeon Instinct MI25 (Vega 10, gfx900) on ROCm 5.7.1");

  EXPECT_EQ(p.hardware.vendor.value, Vendor::amd);
  EXPECT_EQ(p.hardware.vendor.origin.to_string(), dir + "/rocm5.7.toml:10");
  ASSERT_EQ(p.hardware.gpu_archs.value.size(), 1U);
  EXPECT_EQ(p.hardware.gpu_archs.value[0].value, "gfx900");
  ASSERT_TRUE(p.hardware.rocm);
  EXPECT_EQ(p.hardware.rocm->value.text, "5.7.1");
  EXPECT_EQ(p.hardware.rocm->value.specifier.to_string(), "==5.7.1");
  EXPECT_FALSE(p.hardware.cuda);
  ASSERT_EQ(p.hardware.pci_ids.value.size(), 1U);
  EXPECT_EQ(p.hardware.pci_ids.value[0].value, "1002:6860");

  EXPECT_EQ(p.python.version.value.specifier.to_string(), "==3.11.*");
  EXPECT_EQ(p.target.platform.value, "linux");
  ASSERT_TRUE(p.target.arch);
  EXPECT_EQ(p.target.arch->value, TargetArch::x86_64);
  ASSERT_TRUE(p.target.glibc);
  EXPECT_EQ(p.target.glibc->value, (GlibcVersion{2, 31}));

  ASSERT_EQ(p.environment.size(), 2U);
  EXPECT_EQ(p.environment.at("HSA_OVERRIDE_GFX_VERSION").value, "9.0.0");
  EXPECT_EQ(p.environment.at("PYTORCH_ROCM_ARCH").value, "gfx900");
  EXPECT_EQ(p.environment.at("PYTORCH_ROCM_ARCH").origin.to_string(), dir + "/mi25.toml:16");

  ASSERT_EQ(p.indexes.size(), 2U);
  EXPECT_EQ(p.indexes[0].name.value, "pytorch-rocm5.7");
  EXPECT_EQ(p.indexes[0].url.value, "https://download.pytorch.org/whl/rocm5.7");
  EXPECT_TRUE(p.indexes[0].explicit_only.value);
  EXPECT_EQ(p.indexes[1].name.value, "pypi");
  EXPECT_EQ(p.indexes[1].url.value, "https://pypi.org/simple");
  EXPECT_FALSE(p.indexes[1].explicit_only.value);

  EXPECT_EQ(package_texts(p),
            (std::vector<std::string>{"torch==2.3.1+rocm5.7", "torchvision==0.18.1+rocm5.7",
                                      "transformers>=4.41.0", "diffusers>=0.28.0",
                                      "accelerate>=0.29.0", "huggingface_hub>=0.23.0",
                                      "numpy<2.0,>=1.24.0", "pillow>=10.0.0"}));
  for (const char* project : {"torch", "torchvision", "pytorch-triton-rocm"}) {
    const Index* index = p.pinned_index(*pep508::PackageName::parse(project));
    ASSERT_NE(index, nullptr) << project;
    EXPECT_EQ(index->name.value, "pytorch-rocm5.7");
  }
  EXPECT_EQ(p.pinned_index(*pep508::PackageName::parse("numpy")), nullptr);

  ASSERT_TRUE(p.venv_path);
  EXPECT_EQ(p.venv_path->value, "/opt/gator/venv");
  ASSERT_TRUE(p.smoke);
  EXPECT_EQ(p.smoke->command.value.front().value, "python");
  EXPECT_EQ(p.smoke->timeout_seconds.value, 300);
}

TEST(ShippedProfiles, OtherFleets) {
  const Profile mi50 = load_profile("mi50", shipped());
  EXPECT_EQ(mi50.hardware.gpu_archs.value.at(0).value, "gfx906");
  EXPECT_FALSE(mi50.environment.contains("HSA_OVERRIDE_GFX_VERSION"));

  const Profile cpu = load_profile("cpu", shipped());
  EXPECT_EQ(cpu.hardware.vendor.value, Vendor::cpu);
  EXPECT_TRUE(cpu.hardware.gpu_archs.value.empty());
  EXPECT_FALSE(cpu.hardware.rocm);
  EXPECT_EQ(cpu.pinned_index(*pep508::PackageName::parse("torch"))->url.value,
            "https://download.pytorch.org/whl/cpu");

  const Profile a100 = load_profile("a100-cu121", shipped());
  EXPECT_EQ(a100.hardware.vendor.value, Vendor::nvidia);
  EXPECT_EQ(a100.hardware.gpu_archs.value.at(0).value, "sm_80");
  EXPECT_EQ(a100.hardware.cuda->value.specifier.to_string(), "==12.1.*");
  EXPECT_EQ(a100.pinned_index(*pep508::PackageName::parse("torch"))->url.value,
            "https://download.pytorch.org/whl/cu121");
}

}  // namespace
}  // namespace gator::profile

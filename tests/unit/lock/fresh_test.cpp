// Whether a lock still fits its profile (`lock --check`), and the specification's file names.
#include "lock/fresh.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "lock/read.hpp"
#include "lock_fixture.hpp"

namespace gator::lock {
namespace {

[[nodiscard]] std::vector<pep508::Requirement> requirements(
    std::initializer_list<std::string_view> texts) {
  std::vector<pep508::Requirement> out;
  for (const std::string_view text : texts)
    out.push_back(pep508::Requirement::parse(text).value());
  return out;
}

[[nodiscard]] pep508::MarkerEnvironment linux_311() {
  pep508::TargetInterpreter target;
  target.python = pep508::InterpreterVersion{3, 11, 9, "final", 0};
  return pep508::default_environment(target);
}

TEST(LockFreshness, Mi25IsFreshForItsProfile) {
  const Lockfile lock = test::mi25_lock();
  const auto result = check_freshness(
      lock, *lock.gator,
      requirements({"torch==2.3.1", "torchvision==0.18.1+rocm5.7", "numpy>=1.24.0,<2.0",
                    "pillow>=10.0.0", "pywin32; sys_platform == 'win32'"}),
      linux_311());
  EXPECT_TRUE(result.fresh()) << result.reasons.front();
}

TEST(LockFreshness, EveryReasonIsExplained) {
  const Lockfile lock = test::mi25_lock();
  GatorFacts expected = *lock.gator;
  expected.profile_digest = dist::Sha256::parse(test::fake_sha256("profile mi25 v2")).value();
  expected.target.glibc = "2.35";
  expected.indexes.pop_back();
  expected.sources.erase("pytorch-triton-rocm");
  const auto result = check_freshness(
      lock, expected, requirements({"torch==2.2.0", "scipy>=1.13", "numpy<2"}), linux_311());
  EXPECT_EQ(result.reasons,
            (std::vector<std::string>{
                "the profile changed since the lock was made (digest 35963049a413 -> "
                "d2ccab5f137c)",
                "the target changed: python 3.11, linux x86_64, glibc 2.31 -> python 3.11, linux "
                "x86_64, glibc 2.35",
                "the indexes changed: pytorch-rocm5.7=https://download.pytorch.org/whl/rocm5.7 "
                "(explicit), pypi=https://pypi.org/simple -> "
                "pytorch-rocm5.7=https://download.pytorch.org/whl/rocm5.7 (explicit)",
                "the pinned sources changed: pytorch-triton-rocm=pytorch-rocm5.7, "
                "torch=pytorch-rocm5.7, torchvision=pytorch-rocm5.7 -> torch=pytorch-rocm5.7, "
                "torchvision=pytorch-rocm5.7",
                "torch==2.2.0 is not satisfied by the locked torch 2.3.1+rocm5.7",
                "scipy>=1.13 is required, but the lock file has no scipy",
            }));
}

TEST(LockFreshness, LockWithoutOurTable) {
  Lockfile lock = test::mi25_lock();
  const GatorFacts expected = *lock.gator;
  lock.gator.reset();
  EXPECT_EQ(check_freshness(lock, expected, {}, linux_311()).reasons,
            std::vector<std::string>{"the lock file has no [tool.gator-provision] table (it was "
                                     "not made by gator-provision for a profile)"});
}

TEST(LockFileName, SpecificationNames) {
  EXPECT_TRUE(is_valid_lock_file_name("pylock.toml"));
  EXPECT_TRUE(is_valid_lock_file_name("pylock.mi25.toml"));
  EXPECT_FALSE(is_valid_lock_file_name("pylock.rocm5.7.toml"));
  EXPECT_FALSE(is_valid_lock_file_name("pylock..toml"));
  EXPECT_FALSE(is_valid_lock_file_name("poetry.lock"));
  EXPECT_FALSE(is_valid_lock_file_name("PYLOCK.mi25.toml"));
  EXPECT_EQ(lock_file_name("mi25"), "pylock.mi25.toml");
  EXPECT_EQ(lock_file_name("rocm5.7"), "pylock.rocm5-7.toml");
  EXPECT_EQ(lock_file_name(""), "pylock.toml");
  EXPECT_TRUE(is_valid_lock_file_name(lock_file_name("a.b/c\\d")));
}

TEST(LockFileName, LoaderWarnsAboutOtherNames) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("gator-lock-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  const std::string text = test::written(test::mi25_lock());
  for (const char* name : {"pylock.mi25.toml", "mi25.lock"}) {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  EXPECT_TRUE(load_lockfile(dir / "pylock.mi25.toml").warnings.empty());
  const auto result = load_lockfile(dir / "mi25.lock");
  ASSERT_EQ(result.warnings.size(), 1U);
  EXPECT_EQ(result.warnings[0].render("gator-provision"),
            "gator-provision: warning: the file name mi25.lock is not pylock.toml or "
            "pylock.<name>.toml, as the specification requires\n");
  EXPECT_EQ(result.lockfile.packages.size(), 20U);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gator::lock

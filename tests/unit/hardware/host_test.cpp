#include <gnu/libc-version.h>
#include <gtest/gtest.h>

#include "hardware/detect.hpp"

// The real machine, sysroot "/": only what must hold on any x86_64 glibc build host.
namespace gator::hardware {
namespace {

TEST(HostTest, DetectsThisMachineWithoutCrashing) {
  const MachineFacts facts = detect(Sysroot("/"), DetectOptions{std::nullopt, "root"});
  EXPECT_EQ(facts.sysroot, "/");
  ASSERT_TRUE(facts.glibc) << facts.glibc.error().render();
  EXPECT_EQ(facts.glibc->text(), parse_glibc_version(gnu_get_libc_version())->text());
  EXPECT_EQ(facts.glibc->source, "gnu_get_libc_version()");
  ASSERT_TRUE(facts.arch) << facts.arch.error().render();
  EXPECT_EQ(facts.arch->name, "x86_64");
  EXPECT_EQ(facts.arch->source, "uname");
  ASSERT_TRUE(facts.user && *facts.user) << facts.user->error().render();
  EXPECT_EQ((*facts.user)->uid, 0u);
  // A GPU may or may not be present; whatever is there must be readable or a located error.
  for (const DetectError& problem : problems(facts)) {
    EXPECT_FALSE(problem.path.empty()) << problem.render();
  }
  (void)gpus(facts);
}

TEST(HostTest, BannerInTheRealLibcMatchesTheRunningOne) {
  // The file scan used for other sysroots, checked against this machine's libc.
  const Sysroot host("/");
  const std::vector<std::string> candidates = find_libc(host);
  ASSERT_FALSE(candidates.empty());
  const auto bytes = host.read(candidates.front(), 64 * 1024 * 1024);
  ASSERT_TRUE(bytes) << candidates.front();
  const auto version = find_glibc_banner(*bytes);
  ASSERT_TRUE(version) << candidates.front();
  const auto running = parse_glibc_version(gnu_get_libc_version());
  ASSERT_TRUE(running);
  EXPECT_EQ(version->text(), running->text());
  EXPECT_EQ(elf_arch(*bytes), "x86_64");
}

}  // namespace
}  // namespace gator::hardware

#include "hardware/sysroot.hpp"

#include <gtest/gtest.h>

#include "fake_sysroot.hpp"

namespace gator::hardware {
namespace {

TEST(SysrootTest, HostRootIsRecognised) {
  EXPECT_TRUE(Sysroot("/").is_host());
  EXPECT_TRUE(Sysroot("").is_host());
  EXPECT_TRUE(Sysroot("/usr/..").is_host());
  EXPECT_EQ(Sysroot("/").display("/dev/kfd"), "/dev/kfd");
  EXPECT_EQ(Sysroot("/").resolve("/dev/kfd"), "/dev/kfd");
}

TEST(SysrootTest, DisplayJoinsWithoutResolving) {
  test::FakeSysroot fake;
  const Sysroot root(fake.root().string() + "/");
  EXPECT_FALSE(root.is_host());
  EXPECT_EQ(root.root(), fake.root());
  EXPECT_EQ(root.display("/opt/rocm/.info/version"),
            fake.root().string() + "/opt/rocm/.info/version");
}

TEST(SysrootTest, LinksResolveInsideTheRoot) {
  test::FakeSysroot fake;
  fake.write("/opt/rocm-6.2.0/.info/version", "6.2.0-66\n");
  fake.symlink("/etc/alternatives/rocm", "/opt/rocm-6.2.0");
  fake.symlink("/opt/rocm", "/etc/alternatives/rocm");
  fake.symlink("/escape", "../../../../../../../../etc");
  fake.symlink("/loop", "/loop");
  const Sysroot root = fake.sysroot();
  EXPECT_EQ(root.resolve("/opt/rocm/.info/version"), fake.root() / "opt/rocm-6.2.0/.info/version");
  EXPECT_EQ(root.read("/opt/rocm/.info/version", 100), "6.2.0-66\n");
  // ".." stops at the root, as in a chroot: this is the sysroot's /etc, not the host's.
  EXPECT_EQ(root.resolve("/escape/passwd"), fake.root() / "etc/passwd");
  EXPECT_FALSE(root.read("/escape/passwd", 1 << 20));
  EXPECT_EQ(root.resolve("/a/../../b/./c"), fake.root() / "b/c");
  EXPECT_FALSE(root.read("/loop", 100));  // gives up after 40 links instead of hanging
}

TEST(SysrootTest, ReadListAndStatReportErrors) {
  test::FakeSysroot fake;
  fake.write("/big", std::string(1000, 'x'));
  fake.write("/dir/b", "");
  fake.write("/dir/a", "");
  const Sysroot root = fake.sysroot();
  EXPECT_EQ(root.read("/big", 999).error(), std::errc::file_too_large);
  EXPECT_EQ(root.read("/big", 1000)->size(), 1000u);
  EXPECT_TRUE(is_absent(root.read("/missing", 10).error()));
  EXPECT_TRUE(is_absent(root.read("/big/below", 10).error()));
  EXPECT_EQ(root.list("/dir"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(is_absent(root.list("/nothing").error()));
  EXPECT_TRUE(root.exists("/dir/a"));
  EXPECT_FALSE(root.exists("/dir/c"));
}

TEST(QuoteTest, EscapesAndShortens) {
  EXPECT_EQ(quote("abc"), "\"abc\"");
  EXPECT_EQ(quote(std::string("a\"b\\c\n\0\x7f\xe2", 9)), R"("a\"b\\c\x0a\x00\x7f\xe2")");
  EXPECT_EQ(quote(std::string(61, 'x')), '"' + std::string(60, 'x') + "\"...");
}

TEST(DetectErrorTest, RendersLocation) {
  EXPECT_EQ((DetectError{"/f", 3, "bad"}).render(), "/f:3: bad");
  EXPECT_EQ((DetectError{"/f", 0, "bad"}).render(), "/f: bad");
  EXPECT_EQ((DetectError{"", 0, "bad"}).render(), "bad");
}

}  // namespace
}  // namespace gator::hardware

// What changed between two locks, as `gator-provision diff` prints it.
#include "lock/diff.hpp"

#include <gtest/gtest.h>

#include "lock_fixture.hpp"

namespace gator::lock {
namespace {

[[nodiscard]] Package& find(Lockfile& lock, std::string_view name) {
  for (Package& package : lock.packages)
    if (package.name == name)
      return package;
  throw std::runtime_error("no package " + std::string(name));
}

TEST(LockDiff, SameLockHasNoChanges) {
  const LockDiff result = diff(test::mi25_lock(), test::mi25_lock());
  EXPECT_TRUE(result.empty());
  EXPECT_EQ(render_diff(result), "no changes\n");
}

TEST(LockDiff, EveryKindOfChangeOneLineEachSortedByName) {
  const Lockfile before = test::mi25_lock();
  Lockfile after = before;
  // added, removed
  after.packages.push_back(test::pypi_package("regex", "2024.5.15"));
  std::erase_if(after.packages, [](const Package& p) { return p.name == "tqdm"; });
  // upgraded, downgraded (local labels order as PEP 440 says)
  find(after, "numpy") =
      test::make_package("numpy", "1.26.5", "https://pypi.org/simple",
                         {test::make_wheel({"numpy-1.26.5-cp311-cp311-manylinux_2_17_x86_64.whl",
                                            "https://f.example/numpy.whl", 1, ""})});
  find(after, "pillow").version = pep440::Version::parse("10.2.0").value();
  for (Wheel& wheel : find(after, "pillow").wheels)
    wheel.name.replace(wheel.name.find("10.3.0"), 6, "10.2.0");
  // re-hashed: the index now serves other bytes under the same name
  find(after, "torch").wheels[0].hashes.sha256 =
      dist::Sha256::parse(test::fake_sha256("rebuilt torch")).value();
  // source: same files, another index
  find(after, "filelock").index = "https://mirror.example/simple";

  const LockDiff result = diff(before, after);
  ASSERT_EQ(result.changes.size(), 6U);
  EXPECT_EQ(result.changes[0].kind, ChangeKind::source_changed);
  EXPECT_EQ(result.changes[3].kind, ChangeKind::added);
  EXPECT_EQ(render_diff(result),
            "source      filelock 3.15.4 (index https://pypi.org/simple -> index "
            "https://mirror.example/simple)\n"
            "upgraded    numpy 1.26.4 -> 1.26.5\n"
            "downgraded  pillow 10.3.0 -> 10.2.0\n"
            "added       regex 2024.5.15\n"
            "re-hashed   torch 2.3.1+rocm5.7 (torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl: "
            "sha256 4143d85cb3b4... -> sha256 7119c6db6278...)\n"
            "removed     tqdm 4.66.4\n");
}

TEST(LockDiff, FilesAddedOrRemovedAtTheSameVersionAreReHashed) {
  const Lockfile before = test::mi25_lock();
  Lockfile after = before;
  Package& numpy = find(after, "numpy");
  numpy.wheels.erase(numpy.wheels.begin() + 1);
  numpy.wheels.push_back(test::make_wheel({"numpy-1.26.4-cp311-cp311-musllinux_1_1_x86_64.whl",
                                           "https://f.example/numpy-musl.whl", 1, ""}));
  EXPECT_EQ(render_diff(diff(before, after)),
            "re-hashed   numpy 1.26.4 ("
            "numpy-1.26.4-cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64.whl: removed; "
            "numpy-1.26.4-cp311-cp311-musllinux_1_1_x86_64.whl: added)\n");
}

TEST(LockDiff, EntriesAreMatchedByNameAndMarker) {
  Lockfile before;
  before.packages.push_back(test::pypi_package("colorama", "0.4.5"));
  before.packages.back().marker = pep508::Marker::parse("sys_platform == 'win32'").value();
  Lockfile after = before;
  after.packages.back().marker = pep508::Marker::parse("os_name == 'nt'").value();
  EXPECT_EQ(render_diff(diff(before, after)),
            "added       colorama 0.4.5 ; os_name == \"nt\"\n"
            "removed     colorama 0.4.5 ; sys_platform == \"win32\"\n");
}

TEST(LockDiff, DirectSourcesWithoutVersions) {
  Lockfile before;
  Package tool;
  tool.name = "local-tool";
  tool.vcs = Vcs{"git",
                 "https://git.example/tool",
                 std::nullopt,
                 std::nullopt,
                 "0123456789abcdef0123456789abcdef01234567",
                 std::nullopt,
                 {}};
  before.packages.push_back(tool);
  Lockfile after = before;
  after.packages[0].vcs->commit_id = "89abcdef0123456789abcdef0123456789abcdef";
  EXPECT_EQ(render_diff(diff(before, after)),
            "source      local-tool (vcs git https://git.example/tool @ "
            "0123456789abcdef0123456789abcdef01234567 -> vcs git https://git.example/tool @ "
            "89abcdef0123456789abcdef0123456789abcdef)\n");
}

}  // namespace
}  // namespace gator::lock

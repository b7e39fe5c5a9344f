// `gator-provision lock` end to end: the built binary against a PyTorch-like index (HTML only,
// root-relative links with '+' as %2B, files outside the index folder, no hashes for its wheels,
// no metadata files, 403 for missing projects) and a PyPI-like one (hashes, metadata sidecars,
// a yanked release, Requires-Python, an sdist-only release, and a same-name same-version torch
// with a better platform tag: dependency confusion), both served by nginx on 127.0.0.1.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lock_fixture.hpp"

namespace gator::provision {
namespace {
namespace fs = std::filesystem;

TEST_F(LockCommandTest, LocksFromTheRightIndexesThenStaysUpToDate) {
  write_profile(spec());
  const util::ProcessResult first = run({});
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  EXPECT_NE(first.out.find("added       torch 2.3.1+rocm5.7"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("wrote lockfiles/pylock.x.toml: 7 packages"), std::string::npos)
      << first.out;

  // The lock validates when read back, and says what was expected.
  const lock::ReadResult read = lock::load_lockfile(lock_path());
  EXPECT_TRUE(read.warnings.empty());
  const lock::Lockfile& lockfile = read.lockfile;
  std::vector<std::string> locked;
  for (const lock::Package& entry : lockfile.packages)
    locked.push_back(entry.name + " " + entry.version->to_string() + " " + *entry.index);
  EXPECT_EQ(locked, (std::vector<std::string>{
                        "filelock 3.15.4 " + m_pypi_url,
                        "numpy 1.26.4 " + m_pypi_url,
                        "pillow 10.3.0 " + m_pypi_url,
                        "pytorch-triton-rocm 2.3.1 " + m_pytorch_url,
                        "torch 2.3.1+rocm5.7 " + m_pytorch_url,
                        "torchvision 0.18.1+rocm5.7 " + m_pytorch_url,
                        "typing-extensions 4.12.2 " + m_pypi_url,
                    }))
      << "filelock 3.16.0 has only an sdist, typing-extensions 4.13.0 needs Python 3.12, "
         "pillow 10.4.0 is yanked, numpy 2 is excluded";

  // Every hash is the sha256 of the bytes nginx serves, computed where the index gave none.
  for (const lock::Package& entry : lockfile.packages) {
    const bool from_pytorch = entry.index == m_pytorch_url;
    for (const lock::Wheel& wheel : entry.wheels) {
      const testing::IndexTree& tree = from_pytorch ? *m_pytorch : *m_pypi;
      ASSERT_TRUE(wheel.hashes.sha256) << wheel.name;
      EXPECT_EQ(wheel.hashes.sha256->to_string(), tree.sha256(wheel.name)) << wheel.name;
      // A simple HTML page gives no sizes: a wheel that was downloaded to be hashed has one.
      if (wheel.size || (from_pytorch && entry.name != "torchvision")) {
        EXPECT_EQ(wheel.size, tree.size(wheel.name)) << wheel.name;
      }
    }
  }
  const lock::Package& torch = package(lockfile, "torch");
  ASSERT_EQ(torch.wheels.size(), 1u);
  EXPECT_EQ(torch.wheels[0].name, "torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl");
  EXPECT_TRUE(
      torch.wheels[0].url->ends_with("/files/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl"))
      << *torch.wheels[0].url;
  EXPECT_EQ(package(lockfile, "numpy").wheels.size(), 1u) << "manylinux_2_34 needs glibc 2.34";

  // The decoys were never even looked at: pinned projects are asked of their index only.
  EXPECT_TRUE(logged_requests("/simple/torch/").empty());
  EXPECT_TRUE(logged_requests("/simple/pytorch-triton-rocm/").empty());
  EXPECT_TRUE(logged_requests("evil").empty());
  EXPECT_TRUE(logged_requests("/rocm5.7/numpy/").empty()) << "numpy is not pinned";

  // A second run changes nothing, and downloads nothing to hash.
  const std::string text = test::NginxTest::read_file(lock_path());
  const auto mtime = fs::last_write_time(lock_path());
  const std::size_t wheel_downloads = logged_requests(".whl HTTP").size();
  const util::ProcessResult second = run({});
  ASSERT_EQ(second.exit_code, 0) << describe(second);
  EXPECT_EQ(second.out, "lock is up to date: lockfiles/pylock.x.toml\n");
  EXPECT_EQ(test::NginxTest::read_file(lock_path()), text);
  EXPECT_EQ(fs::last_write_time(lock_path()), mtime) << "not even rewritten";
  EXPECT_EQ(logged_requests(".whl HTTP").size(), wheel_downloads);

  const util::ProcessResult check = run({"--check"});
  EXPECT_EQ(check.exit_code, 0) << describe(check);
  EXPECT_EQ(check.out, "lock is up to date: lockfiles/pylock.x.toml\n");

  // Offline, everything comes from the caches (pages, metadata) and the previous lock (hashes).
  const std::size_t requests = logged_requests("GET").size();
  const util::ProcessResult offline = run({"--offline"});
  EXPECT_EQ(offline.exit_code, 0) << describe(offline);
  EXPECT_EQ(offline.out, "lock is up to date: lockfiles/pylock.x.toml\n");
  EXPECT_EQ(logged_requests("GET").size(), requests) << "no request at all";

  // Editing the profile makes the lock stale; --check says so and writes nothing.
  testing::ProfileSpec edited = spec();
  edited.packages.push_back("filelock>=3.10");
  write_profile(edited);
  const util::ProcessResult stale = run({"--check"});
  EXPECT_EQ(stale.exit_code, 4) << describe(stale);
  EXPECT_TRUE(stale.out.starts_with("lock is stale: lockfiles/pylock.x.toml\n")) << stale.out;
  EXPECT_NE(stale.out.find("the profile changed"), std::string::npos) << stale.out;
  EXPECT_EQ(test::NginxTest::read_file(lock_path()), text);
}

TEST_F(LockCommandTest, UnsatisfiableProfileExitsWithTheExplanation) {
  testing::ProfileSpec unsatisfiable = spec();
  unsatisfiable.packages = {"torchvision==0.18.1+rocm5.7", "torch==2.2.0"};
  write_profile(unsatisfiable);
  const util::ProcessResult result = run({});
  EXPECT_EQ(result.exit_code, 5) << describe(result);
  EXPECT_EQ(result.err,
            "gator-provision: error: cannot lock profile x: the requirements cannot be "
            "satisfied\n"
            "torchvision 0.18.1+rocm5.7 depends on torch==2.3.1, and the profile "
            "(profiles/x.toml:19) requires torchvision==0.18.1+rocm5.7, and the profile "
            "(profiles/x.toml:20) requires torch==2.2.0, so the profile cannot be satisfied.\n");
  EXPECT_FALSE(fs::exists(lock_path()));
}

TEST_F(LockCommandTest, UnreachableIndexExitsWithANetworkError) {
  testing::ProfileSpec unreachable = spec();
  unreachable.pypi_url = closed_port_url() + "/simple";
  write_profile(unreachable);
  const util::ProcessResult result = run({});
  EXPECT_EQ(result.exit_code, 6) << describe(result);
  EXPECT_FALSE(fs::exists(lock_path()));
}

TEST_F(LockCommandTest, IndexOverridePointsAtAMirror) {
  testing::ProfileSpec elsewhere = spec();
  elsewhere.pypi_url = closed_port_url() + "/simple";
  write_profile(elsewhere);
  const util::ProcessResult result = run({"--index", "pypi=" + m_pypi_url});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const lock::Lockfile lockfile = lock::load_lockfile(lock_path()).lockfile;
  EXPECT_EQ(package(lockfile, "numpy").index, m_pypi_url);
  EXPECT_EQ(lockfile.gator->indexes[1].url, m_pypi_url);

  const util::ProcessResult unknown = run({"--index", "pipy=" + m_pypi_url});
  EXPECT_EQ(unknown.exit_code, 2) << describe(unknown);
}

}  // namespace
}  // namespace gator::provision

// Faults around the `apply` process: SIGKILL while it builds the new venv, two runs at once, a
// file size limit (disk full), and a target it cannot write. The previous venv survives each
// exactly, and the next normal run succeeds and cleans up.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apply_fixture.hpp"
#include "test_wheels.hpp"

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class ApplyInterruptTest : public ApplyTest {
 protected:
  // A wheelhouse with the generated wheels and bulk (`files` modules, `big_bytes` of data).
  [[nodiscard]] std::string serve_bulk(int files, std::size_t big_bytes) const {
    Wheelhouse house = wheelhouse("bulk");
    add_generated(house);
    const GeneratedWheel bulk = bulk_wheel(files, big_bytes);
    house.add(bulk.filename, bulk.bytes);
    house.write_pages();
    return index_url(house);
  }

  // bulk (with its data file of `big_bytes`) and alpha import in the venv.
  void expect_bulk_installed(std::size_t big_bytes) {
    const ChildResult imported =
        venv_python({"-c",
                     "import alpha, bulk.m0, bulk; print(len(open(bulk.__path__[0] + "
                     "'/big.bin', 'rb').read()))"});
    EXPECT_TRUE(imported.exited && imported.exit_code == 0) << imported.describe();
    EXPECT_EQ(imported.out, std::to_string(big_bytes) + "\n");
  }
};

TEST_F(ApplyInterruptTest, SigkillWhileBuildingLeavesTheVenvAndTheNextRunCleansUp) {
  const Tree before = baseline();
  ASSERT_FALSE(HasFailure());
  lock_profile_y(serve_bulk(2000, 4096), "bulk");
  ASSERT_FALSE(HasFatalFailure());
  // Warm the cache (download and unpack), so that the run below spends its time installing.
  const ChildResult warm =
      gator({"apply", "profiles/y.toml", "--venv", (m_work / "warm" / "venv").string(),
             "--cache-dir", m_cache.string(), "--python", k_python, "--skip-doctor"});
  ASSERT_TRUE(warm.exited && warm.exit_code == 0) << warm.describe();

  // Killed once the staging venv has bulk's package directory: the install is under way.
  Child child = Child::spawn(command(apply_args(m_cache), label("killed")));
  bool installing = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!installing && std::chrono::steady_clock::now() < deadline) {
    for (const std::string& staged : leftovers_beside(m_venv)) {
      const fs::path bulk =
          m_venv.parent_path() / staged / "lib" / "python3.11" / "site-packages" / "bulk";
      installing = installing || fs::exists(bulk);
    }
    if (!installing)
      std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  child.send(SIGKILL);
  const ChildResult killed = child.wait();
  ASSERT_TRUE(installing) << "the install of bulk was never seen in a staging venv";
  ASSERT_TRUE(!killed.exited && killed.signal == SIGKILL)
      << "apply finished before it could be killed:\n"
      << killed.describe();
  EXPECT_EQ(tree_changes(before, snapshot(m_venv)), "") << "the previous venv changed";
  EXPECT_FALSE(leftovers_beside(m_venv).empty()) << "the killed run left nothing: killed too late?";

  const ChildResult next = apply();
  ASSERT_TRUE(next.exited && next.exit_code == 0) << next.describe();
  EXPECT_EQ(leftovers_beside(m_venv), std::vector<std::string>{});
  expect_bulk_installed(4096);
  const ChildResult verify =
      gator({"verify", "profiles/y.toml", "--venv", m_venv.string(), "--python", k_python});
  EXPECT_TRUE(verify.exited && verify.exit_code == 0) << verify.describe();
}

TEST_F(ApplyInterruptTest, TwoAppliesAtOnceBothSucceed) {
  write_profile({"x", serve_bulk(1000, 4096), {"alpha", "gamma", "bulk"}, {}});
  Child first = Child::spawn(command(apply_args(m_cache), label("first")));
  Child second = Child::spawn(command(apply_args(m_cache), label("second")));
  const ChildResult one = first.wait();
  const ChildResult two = second.wait();
  ASSERT_TRUE(one.exited && one.exit_code == 0) << one.describe();
  ASSERT_TRUE(two.exited && two.exit_code == 0) << two.describe();
  // One built the venv; the other waited for it and found it current.
  const std::string created = "created " + m_venv.string() + ": 4 packages";
  const std::string current = m_venv.string() + " is up to date (4 packages): nothing to do\n";
  EXPECT_TRUE((contains(one.out, created) && two.out == current) ||
              (contains(two.out, created) && one.out == current))
      << one.describe() << two.describe();
  EXPECT_EQ(leftovers_beside(m_venv), std::vector<std::string>{});
  expect_bulk_installed(4096);
  const ChildResult verify =
      gator({"verify", "profiles/x.toml", "--venv", m_venv.string(), "--python", k_python});
  EXPECT_TRUE(verify.exited && verify.exit_code == 0) << verify.describe();
  const ChildResult third = apply();
  ASSERT_TRUE(third.exited && third.exit_code == 0) << third.describe();
  EXPECT_TRUE(contains(third.out, "is up to date")) << third.out;
}

TEST_F(ApplyInterruptTest, DiskFullLeavesTheVenvAndTheNextRunSucceeds) {
  const Tree before = baseline();
  ASSERT_FALSE(HasFailure());
  lock_profile_y(serve_bulk(10, 1 << 20), "bulk");
  ASSERT_FALSE(HasFatalFailure());
  const fs::path cache = m_work / "fresh-cache";
  ChildOptions limited = command(apply_args(cache), label("limited"));
  limited.argv.insert(limited.argv.begin(),
                      {"/bin/sh", "-c", "ulimit -f 64 && exec \"$0\" \"$@\""});
  const ChildResult full = run_child(limited, std::chrono::seconds(60));
  // Killed by SIGXFSZ, or (were the signal ignored) an I/O error: exit 8.
  if (full.exited) {
    EXPECT_EQ(full.exit_code, 8) << full.describe();
    EXPECT_TRUE(contains(full.err, "gator-provision: error: ")) << full.describe();
  } else {
    EXPECT_EQ(full.signal, SIGXFSZ) << full.describe();
  }
  expect_intact(before);

  const ChildResult next = apply_with_cache(cache);
  ASSERT_TRUE(next.exited && next.exit_code == 0) << next.describe();
  EXPECT_EQ(leftovers_beside(m_venv), std::vector<std::string>{});
  expect_bulk_installed(1 << 20);
}

TEST_F(ApplyInterruptTest, UnwritableTargetIsAnIoError) {
  Wheelhouse house = wheelhouse("wheels");
  add_generated(house);
  house.write_pages();
  write_profile({"x", index_url(house), {"alpha", "beta<2"}, {}});

  // Each target with the start of the message that must explain it.
  std::vector<std::pair<fs::path, std::string>> targets = {
      {"/proc/gator-apply-test/venv", "cannot create /proc/gator-apply-test\n  caused by: "},
      {m_work / "a-file" / "venv",
       "cannot create " + (m_work / "a-file").string() + "\n  caused by: "}};
  write_bytes(m_work / "a-file", "not a directory\n");
  if (::geteuid() != 0) {
    fs::create_directories(m_work / "read-only");
    fs::permissions(m_work / "read-only", fs::perms::owner_read | fs::perms::owner_exec);
    targets.emplace_back(m_work / "read-only" / "venv",
                         "cannot create the venv in " + (m_work / "read-only").string());
  }
  for (const auto& [target, message] : targets) {
    m_venv = target;
    const ChildResult applied = apply();
    EXPECT_TRUE(applied.exited && applied.exit_code == 8) << applied.describe();
    EXPECT_TRUE(contains(applied.err, "gator-provision: error: " + message)) << applied.err;
    EXPECT_TRUE(contains(applied.err, target.parent_path().string())) << applied.err;
    EXPECT_FALSE(fs::exists(target));
    // Refused before any slow work: nothing was locked or downloaded.
    EXPECT_FALSE(fs::exists(lock_path())) << "locked before finding the target unwritable";
  }
  if (::geteuid() == 0)
    std::cout << "note: running as root: the read-only directory case is not tested\n";
}

}  // namespace
}  // namespace gator::apply_test

#include "provision/lock_profile.hpp"

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "index/project_source.hpp"
#include "index_tree.hpp"
#include "lock/read.hpp"
#include "lock/write.hpp"
#include "profile_builder.hpp"
#include "util/error.hpp"

// lock_profile end to end over file:// indexes: a PyTorch-like index (explicit, pinned
// projects, linux_x86_64 wheels, no hashes) and a PyPI-like one (with a same-version decoy of
// torch with a better platform tag).
namespace gator::provision {
namespace {
namespace fs = std::filesystem;

using testing::LinkOptions;
using testing::WheelSpec;

class LockProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("gator-provision-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
    m_tree.emplace(m_dir / "www");
    build_indexes(*m_tree);
    m_tree->write_pages();
  }
  void TearDown() override { fs::remove_all(m_dir); }

  static void build_indexes(testing::IndexTree& tree) {
    const LinkOptions no_hash{false};
    tree.add("pytorch", "torch",
             {"torch",
              "2.3.1+rocm5.7",
              "cp311-cp311-linux_x86_64",
              {"filelock", "typing-extensions>=4.8.0",
               "pytorch-triton-rocm==2.3.1; platform_system == \"Linux\""}},
             no_hash);
    tree.add("pytorch", "torch",
             {"torch", "2.3.1+rocm5.7", "cp310-cp310-linux_x86_64", {"filelock"}}, no_hash);
    tree.add("pytorch", "torch",
             {"torch", "2.2.0+rocm5.7", "cp311-cp311-linux_x86_64", {"filelock"}}, no_hash);
    tree.add("pytorch", "torchvision",
             {"torchvision",
              "0.18.1+rocm5.7",
              "cp311-cp311-linux_x86_64",
              {"numpy", "torch==2.3.1", "pillow!=8.3.*,>=5.3.0"}},
             no_hash);
    tree.add("pytorch", "pytorch-triton-rocm",
             {"pytorch_triton_rocm", "2.3.1", "cp311-cp311-linux_x86_64", {"filelock"}}, no_hash);
    // The PyTorch index also carries copies of common packages: never used for unpinned ones.
    tree.add("pytorch", "numpy", {"numpy", "1.26.9", "cp311-cp311-manylinux_2_17_x86_64"});

    tree.add("pypi", "torch",
             {"torch", "2.3.1", "cp311-cp311-manylinux_2_17_x86_64", {"evil-payload"}});
    tree.add("pypi", "torch", {"torch", "9.9.9", "py3-none-any", {"evil-payload"}});
    tree.add("pypi", "numpy",
             {"numpy", "1.26.4", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"});
    tree.add("pypi", "numpy", {"numpy", "1.26.4", "cp311-cp311-manylinux_2_28_x86_64"});
    tree.add("pypi", "numpy", {"numpy", "1.26.4", "cp311-cp311-manylinux_2_34_x86_64"});
    tree.add("pypi", "numpy", {"numpy", "1.26.4", "cp311-cp311-musllinux_1_1_x86_64"});
    tree.add("pypi", "numpy", {"numpy", "2.0.0", "cp311-cp311-manylinux_2_17_x86_64"});
    tree.add("pypi", "numpy", {"numpy", "1.25.0", "cp311-cp311-manylinux_2_17_x86_64"});
    tree.add("pypi", "pillow", {"pillow", "10.3.0", "cp311-cp311-manylinux_2_28_x86_64"},
             LinkOptions{true, std::nullopt, "", true});
    tree.add("pypi", "pillow", {"pillow", "10.4.0", "cp311-cp311-manylinux_2_28_x86_64"},
             LinkOptions{true, "corrupt upload"});
    tree.add("pypi", "filelock", {"filelock", "3.15.4", "py3-none-any"});
    // A newer filelock exists only as a locally built linux_x86_64 wheel: not portable.
    tree.add("pypi", "filelock", {"filelock", "3.16.0", "cp311-cp311-linux_x86_64"});
    tree.add("pypi", "typing-extensions", {"typing_extensions", "4.12.2", "py3-none-any"});
  }

  [[nodiscard]] testing::ProfileSpec spec() const {
    testing::ProfileSpec spec;
    spec.pytorch_url = index::file_url(m_dir / "www" / "pytorch").display();
    spec.pypi_url = index::file_url(m_dir / "www" / "pypi").display();
    spec.packages = {"torch==2.3.1", "torchvision==0.18.1+rocm5.7", "numpy>=1.24.0,<2.0",
                     "pillow>=10.0.0"};
    return spec;
  }

  [[nodiscard]] LockOptions options() const {
    LockOptions options;
    options.cache_dir = m_dir / "cache";
    return options;
  }

  [[nodiscard]] LockOutcome lock(const testing::ProfileSpec& profile_spec,
                                 const LockOptions& lock_options) const {
    const profile::Profile profile = testing::make_profile(profile_spec);
    const LockTarget target = make_lock_target(profile, nullptr, HostFacts{"x86_64", "2.36"});
    return lock_profile(profile, target, lock_options);
  }

  [[nodiscard]] static const lock::Package& package(const lock::Lockfile& lockfile,
                                                    std::string_view name) {
    const auto it = std::find_if(lockfile.packages.begin(), lockfile.packages.end(),
                                 [&](const lock::Package& p) { return p.name == name; });
    if (it == lockfile.packages.end())
      throw std::runtime_error("no " + std::string(name) + " in the lock");
    return *it;
  }

  [[nodiscard]] static std::vector<std::string> wheel_names(const lock::Package& package) {
    std::vector<std::string> names;
    for (const lock::Wheel& wheel : package.wheels)
      names.push_back(wheel.name);
    return names;
  }

  fs::path m_dir;
  std::optional<testing::IndexTree> m_tree;
};

TEST_F(LockProfileTest, LocksEveryPackageFromTheRightIndex) {
  const LockOutcome outcome = lock(spec(), options());
  const lock::Lockfile& lockfile = outcome.lockfile;

  std::vector<std::string> names;
  for (const lock::Package& entry : lockfile.packages)
    names.push_back(entry.name + " " + entry.version->to_string());
  EXPECT_EQ(names,
            (std::vector<std::string>{"filelock 3.15.4", "numpy 1.26.4", "pillow 10.3.0",
                                      "pytorch-triton-rocm 2.3.1", "torch 2.3.1+rocm5.7",
                                      "torchvision 0.18.1+rocm5.7", "typing-extensions 4.12.2"}));

  const std::string pytorch = index::file_url(m_dir / "www" / "pytorch").display();
  const std::string pypi = index::file_url(m_dir / "www" / "pypi").display();
  const lock::Package& torch = package(lockfile, "torch");
  EXPECT_EQ(torch.index, pytorch);
  EXPECT_EQ(wheel_names(torch),
            std::vector<std::string>{"torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl"});
  const lock::Wheel& wheel = torch.wheels.front();
  ASSERT_TRUE(wheel.hashes.sha256);
  EXPECT_EQ(wheel.hashes.sha256->to_string(), m_tree->sha256(wheel.name))
      << "computed: the index gives no hash";
  EXPECT_EQ(wheel.size, m_tree->size(wheel.name));
  ASSERT_TRUE(wheel.url);
  EXPECT_TRUE(wheel.url->ends_with("/files/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl"))
      << *wheel.url;
  EXPECT_EQ(package(lockfile, "pytorch-triton-rocm").index, pytorch);
  EXPECT_EQ(package(lockfile, "numpy").index, pypi) << "unpinned: never the explicit index";
  EXPECT_EQ(wheel_names(package(lockfile, "numpy")),
            (std::vector<std::string>{
                "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "numpy-1.26.4-cp311-cp311-manylinux_2_28_x86_64.whl"}))
      << "every wheel the target can install, sorted by name";
  EXPECT_EQ(
      package(lockfile, "numpy").wheels[0].hashes.sha256->to_string(),
      m_tree->sha256("numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"));

  std::vector<std::string> torch_dependencies;
  for (const lock::Dependency& dependency : torch.dependencies)
    torch_dependencies.push_back(dependency.name);
  EXPECT_EQ(torch_dependencies,
            (std::vector<std::string>{"filelock", "pytorch-triton-rocm", "typing-extensions"}));

  ASSERT_TRUE(lockfile.gator);
  EXPECT_EQ(lockfile.gator->profile, "x");
  EXPECT_EQ(lockfile.gator->target.glibc, "2.31");
  EXPECT_EQ(lockfile.gator->sources.at("torch"), "pytorch");
  EXPECT_TRUE(lockfile.gator->profile_digest);
  ASSERT_TRUE(lockfile.environments);
  EXPECT_EQ(lockfile.environments->front().to_string(),
            "sys_platform == \"linux\" and platform_machine == \"x86_64\" and python_version == "
            "\"3.11\"");
  EXPECT_EQ(outcome.statistics.hashes_computed, 3u) << "torch, torchvision, pytorch-triton-rocm";
  EXPECT_EQ(outcome.statistics.hashes_reused, 0u);
}

TEST_F(LockProfileTest, TheLockFileReadsBackAsWritten) {
  const LockOutcome outcome = lock(spec(), options());
  const auto text = lock::write_lockfile(outcome.lockfile);
  ASSERT_TRUE(text) << text.error().render("test");
  const auto read = lock::parse_lockfile(*text, "pylock.x.toml");
  ASSERT_TRUE(read) << read.error().render("test");
  EXPECT_EQ(read->lockfile, outcome.lockfile);
  EXPECT_TRUE(read->warnings.empty());
}

TEST_F(LockProfileTest, RelockingReusesHashesAndChangesNothing) {
  const LockOutcome first = lock(spec(), options());
  LockOptions again = options();
  again.previous = &first.lockfile;
  const LockOutcome second = lock(spec(), again);
  EXPECT_EQ(second.lockfile, first.lockfile);
  EXPECT_EQ(*lock::write_lockfile(second.lockfile), *lock::write_lockfile(first.lockfile));
  EXPECT_EQ(second.statistics.hashes_computed, 0u);
  EXPECT_EQ(second.statistics.hashes_reused, 3u);

  again.upgrade_packages = {*pep508::PackageName::parse("torch")};
  const LockOutcome upgraded = lock(spec(), again);
  EXPECT_EQ(upgraded.statistics.hashes_computed, 1u) << "torch's wheel is hashed again";
  EXPECT_EQ(upgraded.lockfile, first.lockfile);
}

TEST_F(LockProfileTest, PrefersTheLockedVersionUnlessUpgrading) {
  const LockOutcome first = lock(spec(), options());
  lock::Lockfile previous = first.lockfile;
  for (lock::Package& entry : previous.packages)
    if (entry.name == "numpy")
      entry.version = *pep440::Version::parse("1.25.0");
  LockOptions again = options();
  again.previous = &previous;
  EXPECT_EQ(package(lock(spec(), again).lockfile, "numpy").version->to_string(), "1.25.0");
  again.upgrade_packages = {*pep508::PackageName::parse("NumPy")};
  EXPECT_EQ(package(lock(spec(), again).lockfile, "numpy").version->to_string(), "1.26.4");
  again.upgrade_packages.clear();
  again.upgrade = true;
  EXPECT_EQ(package(lock(spec(), again).lockfile, "numpy").version->to_string(), "1.26.4");
}

TEST_F(LockProfileTest, UnsatisfiableProfileExplainsItselfWithTheProfileLines) {
  testing::ProfileSpec unsatisfiable = spec();
  unsatisfiable.packages = {"torchvision==0.18.1+rocm5.7", "torch==2.2.0"};
  try {
    static_cast<void>(lock(unsatisfiable, options()));
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::resolution);
    EXPECT_EQ(std::string(error.what()),
              "cannot lock profile x: the requirements cannot be satisfied\n"
              "torchvision 0.18.1+rocm5.7 depends on torch==2.3.1, and the profile "
              "(profiles/x.toml:19) requires torchvision==0.18.1+rocm5.7, and the profile "
              "(profiles/x.toml:20) requires torch==2.2.0, so the profile cannot be "
              "satisfied.");
  }
}

TEST_F(LockProfileTest, APinnedProjectMissingFromItsIndexIsAResolutionError) {
  testing::ProfileSpec pinned = spec();
  pinned.sources += ", pillow = \"pytorch\"";
  try {
    static_cast<void>(lock(pinned, options()));
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::resolution) << error.render("test");
    EXPECT_NE(std::string(error.render("test")).find("profiles/x.toml:"), std::string::npos)
        << error.render("test");
  }
}

TEST_F(LockProfileTest, AnUnreachableIndexIsANetworkError) {
  testing::ProfileSpec unreachable = spec();
  unreachable.pypi_url = "http://127.0.0.1:9/simple";
  LockOptions fast = options();
  fast.http.retry.max_attempts = 1;
  fast.http.connect_timeout = std::chrono::seconds(2);
  try {
    static_cast<void>(lock(unreachable, fast));
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::network) << error.render("test");
  }
}

TEST_F(LockProfileTest, OverridesPointAnIndexElsewhere) {
  testing::ProfileSpec elsewhere = spec();
  elsewhere.pypi_url = "http://127.0.0.1:9/simple";
  LockOptions overridden = options();
  overridden.index_overrides = {{"pypi", index::file_url(m_dir / "www" / "pypi").display()}};
  const LockOutcome outcome = lock(elsewhere, overridden);
  EXPECT_EQ(package(outcome.lockfile, "numpy").index,
            index::file_url(m_dir / "www" / "pypi").display());
  EXPECT_EQ(outcome.lockfile.gator->indexes[1].url,
            index::file_url(m_dir / "www" / "pypi").display());
}

}  // namespace
}  // namespace gator::provision

// The installer rules of PEP 751: which packages apply to a target and which wheel of each.
#include "lock/select.hpp"

#include <gtest/gtest.h>

#include "lock/read.hpp"
#include "lock_fixture.hpp"
#include "tags/target.hpp"

namespace gator::lock {
namespace {

using test::make_package;
using test::make_wheel;

struct Machine {
  pep508::MarkerEnvironment environment;
  tags::SupportedTags tags;
};

[[nodiscard]] Machine machine(unsigned minor, std::string arch = "x86_64",
                              tags::LibcVersion glibc = {2, 31}) {
  pep508::TargetInterpreter interpreter;
  interpreter.python = pep508::InterpreterVersion{3, minor, 9, "final", 0};
  interpreter.platform_machine = arch;
  tags::Target target;
  target.python = tags::PythonVersion{3, minor};
  target.arch = arch;
  target.glibc = glibc;
  return Machine{pep508::default_environment(interpreter), tags::supported_tags(target).value()};
}

[[nodiscard]] std::string error_of(const Lockfile& lock, const Machine& target,
                                   const SelectOptions& options = {}) {
  const auto plan = select_wheels(lock, target.environment, target.tags, options);
  return plan ? std::string("(no error)") : plan.error().render("gator-provision");
}

[[nodiscard]] std::vector<std::string> chosen(const InstallPlan& plan) {
  std::vector<std::string> out;
  for (const PlannedWheel& wheel : plan.wheels)
    out.push_back(wheel.wheel.name);
  return out;
}

// The mi25 lock as read from its text, so that packages carry their lines.
[[nodiscard]] Lockfile mi25() {
  return read_lockfile(test::written(test::mi25_lock()), "lockfiles/pylock.mi25.toml").lockfile;
}

TEST(LockSelect, Mi25OnItsTargetInstallsEveryPackageWithTheBestWheel) {
  const auto plan = select_wheels(mi25(), machine(11).environment, machine(11).tags);
  ASSERT_TRUE(plan.has_value()) << plan.error().render("gator-provision");
  EXPECT_EQ(plan->wheels.size(), 20U);
  EXPECT_TRUE(plan->skipped.empty());
  EXPECT_TRUE(
      std::is_sorted(plan->wheels.begin(), plan->wheels.end(),
                     [](const PlannedWheel& a, const PlannedWheel& b) { return a.name < b.name; }));
  const auto find = [&](std::string_view name) {
    for (const PlannedWheel& wheel : plan->wheels)
      if (wheel.name == name)
        return wheel;
    ADD_FAILURE() << "no " << name;
    return PlannedWheel{};
  };
  EXPECT_EQ(find("numpy").wheel.name,
            "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  // glibc 2.31 runs manylinux_2_28, which ranks above manylinux_2_17.
  EXPECT_EQ(find("pillow").wheel.name, "pillow-10.3.0-cp311-cp311-manylinux_2_28_x86_64.whl");
  const PlannedWheel torch = find("torch");
  EXPECT_EQ(torch.wheel.name, "torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl");
  EXPECT_EQ(torch.index, "https://download.pytorch.org/whl/rocm5.7");
  EXPECT_EQ(torch.version->to_string(), "2.3.1+rocm5.7");
}

TEST(LockSelect, OlderGlibcTakesTheOlderManylinuxWheel) {
  const auto plan =
      select_wheels(mi25(), machine(11).environment, machine(11, "x86_64", {2, 27}).tags);
  ASSERT_TRUE(plan.has_value());
  for (const PlannedWheel& wheel : plan->wheels) {
    if (wheel.name == "pillow") {
      EXPECT_EQ(wheel.wheel.name,
                "pillow-10.3.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    }
  }
}

TEST(LockSelect, TagPriorityBeatsLockOrder) {
  Lockfile lock;
  lock.created_by = "test";
  lock.packages.push_back(make_package(
      "markupsafe", "2.1.5", "https://pypi.org/simple",
      {make_wheel({"markupsafe-2.1.5-py3-none-any.whl", "https://f.example/a.whl", 1, ""}),
       make_wheel(
           {"markupsafe-2.1.5-cp311-abi3-linux_x86_64.whl", "https://f.example/b.whl", 1, ""}),
       make_wheel({"markupsafe-2.1.5-cp311-cp311-manylinux_2_17_x86_64.whl",
                   "https://f.example/c.whl", 1, ""})}));
  const auto plan = select_wheels(lock, machine(11).environment, machine(11).tags);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(chosen(*plan),
            std::vector<std::string>{"markupsafe-2.1.5-cp311-cp311-manylinux_2_17_x86_64.whl"});
  EXPECT_EQ(plan->wheels[0].wheel_index, 2U);
}

TEST(LockSelect, OtherMachineIsNotInTheLocksEnvironments) {
  EXPECT_EQ(error_of(mi25(), machine(11, "aarch64")),
            "gator-provision: error: lockfiles/pylock.mi25.toml is not for this environment\n"
            "  caused by: not met: sys_platform == \"linux\" and platform_machine == \"x86_64\" "
            "and python_version == \"3.11\"\n"
            "hint: re-lock for this machine (gator-provision lock PROFILE), or use the lock file "
            "made for it\n");
}

TEST(LockSelect, OtherPythonFailsRequiresPython) {
  EXPECT_EQ(error_of(mi25(), machine(10)),
            "gator-provision: error: lockfiles/pylock.mi25.toml is for Python ==3.11.*, not "
            "3.10.9\n"
            "hint: use a Python the lock file was made for (--python), or re-lock for this one\n");
}

TEST(LockSelect, NoCompatibleWheelNamesThePackageAndItsLine) {
  Lockfile lock = mi25();
  lock.environments.reset();
  EXPECT_EQ(error_of(lock, machine(11, "aarch64")),
            "lockfiles/pylock.mi25.toml:102:1: error: no wheel of package \"markupsafe\" 2.1.5 "
            "fits this interpreter\n"
            "  caused by: the lock has "
            "MarkupSafe-2.1.5-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl\n"
            "  caused by: this interpreter's most preferred tag is "
            "cp311-cp311-linux_aarch64\n"
            "hint: re-lock for this machine (gator-provision lock PROFILE), or use the "
            "interpreter the lock was made for\n");
}

[[nodiscard]] Lockfile marked_lock() {
  return read_lockfile(
             "lock-version = \"1.0\"\n"
             "extras = [\"docs\"]\n"
             "dependency-groups = [\"dev\"]\n"
             "default-groups = [\"default\"]\n"
             "created-by = \"test\"\n"
             "\n"
             "[[packages]]\n"
             "name = \"colorama\"\n"
             "version = \"0.4.6\"\n"
             "marker = \"sys_platform == 'win32'\"\n"
             "wheels = [{ name = \"colorama-0.4.6-py2.py3-none-any.whl\", url = "
             "\"https://f.example/c.whl\", hashes = { sha256 = \"" +
                 test::fake_sha256("c") +
                 "\" } }]\n"
                 "\n"
                 "[[packages]]\n"
                 "name = \"sphinx\"\n"
                 "version = \"7.3.7\"\n"
                 "marker = \"'docs' in extras\"\n"
                 "wheels = [{ name = \"sphinx-7.3.7-py3-none-any.whl\", url = "
                 "\"https://f.example/s.whl\", hashes = { sha256 = \"" +
                 test::fake_sha256("s") +
                 "\" } }]\n"
                 "\n"
                 "[[packages]]\n"
                 "name = \"pytest\"\n"
                 "version = \"8.2.2\"\n"
                 "marker = \"'dev' in dependency_groups\"\n"
                 "wheels = [{ name = \"pytest-8.2.2-py3-none-any.whl\", url = "
                 "\"https://f.example/p.whl\", hashes = { sha256 = \"" +
                 test::fake_sha256("p") +
                 "\" } }]\n"
                 "\n"
                 "[[packages]]\n"
                 "name = \"idna\"\n"
                 "version = \"3.7\"\n"
                 "marker = \"'default' in dependency_groups\"\n"
                 "wheels = [{ name = \"idna-3.7-py3-none-any.whl\", url = "
                 "\"https://f.example/i.whl\", hashes = { sha256 = \"" +
                 test::fake_sha256("i") + "\" } }]\n",
             "pylock.toml")
      .lockfile;
}

TEST(LockSelect, MarkersExtrasAndGroups) {
  const Lockfile lock = marked_lock();
  const Machine linux = machine(12);
  auto plan = select_wheels(lock, linux.environment, linux.tags);
  ASSERT_TRUE(plan.has_value()) << plan.error().render("gator-provision");
  EXPECT_EQ(chosen(*plan), std::vector<std::string>{"idna-3.7-py3-none-any.whl"});
  EXPECT_EQ(plan->skipped, (std::vector<std::string>{"colorama", "pytest", "sphinx"}));

  plan = select_wheels(lock, linux.environment, linux.tags,
                       SelectOptions{{"Docs"}, std::vector<std::string>{"dev"}});
  ASSERT_TRUE(plan.has_value()) << plan.error().render("gator-provision");
  EXPECT_EQ(chosen(*plan), (std::vector<std::string>{"pytest-8.2.2-py3-none-any.whl",
                                                     "sphinx-7.3.7-py3-none-any.whl"}));

  pep508::MarkerEnvironment windows = linux.environment;
  windows.sys_platform = "win32";
  plan = select_wheels(lock, windows, linux.tags);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(chosen(*plan), (std::vector<std::string>{"colorama-0.4.6-py2.py3-none-any.whl",
                                                     "idna-3.7-py3-none-any.whl"}));
}

TEST(LockSelect, UnknownExtraOrGroupIsAUsageError) {
  const Lockfile lock = marked_lock();
  EXPECT_EQ(error_of(lock, machine(12), SelectOptions{{"gpu"}, std::nullopt}),
            "gator-provision: error: the lock file offers no extra \"gpu\"\n"
            "hint: the lock file's extras: docs\n");
  EXPECT_EQ(error_of(lock, machine(12), SelectOptions{{}, std::vector<std::string>{"test"}}),
            "gator-provision: error: the lock file offers no dependency group \"test\"\n"
            "hint: the lock file's dependency groups: dev, default\n");
}

TEST(LockSelect, TwoEntriesSelectedIsAmbiguous) {
  Lockfile lock = marked_lock();
  Package second = lock.packages.back();
  second.marker = pep508::Marker::parse("python_version >= '3'").value();
  second.position.line = 40;
  lock.packages.push_back(second);
  EXPECT_EQ(error_of(lock, machine(12)),
            "pylock.toml:40:1: error: package \"idna\" is selected twice (entries at lines 25 and "
            "40)\n"
            "hint: the markers of a package's entries must not hold in the same environment\n");
}

TEST(LockSelect, PackageRequiresPython) {
  Lockfile lock = marked_lock();
  lock.packages.back().requires_python = pep440::SpecifierSet::parse(">=3.13").value();
  EXPECT_EQ(error_of(lock, machine(12)),
            "pylock.toml:25:1: error: package \"idna\" 3.7 requires Python >=3.13, not 3.12.9\n"
            "hint: re-lock for this interpreter (gator-provision lock PROFILE)\n");
}

TEST(LockSelect, SourcesOtherThanWheelsAreRefused) {
  Lockfile lock = marked_lock();
  Package& idna = lock.packages.back();
  idna.wheels.clear();
  idna.version.reset();
  idna.directory = Directory{"../idna", std::nullopt, std::nullopt, {}};
  EXPECT_EQ(error_of(lock, machine(12)),
            "pylock.toml:25:1: error: package \"idna\" comes from a local directory; "
            "gator-provision installs wheels only\n"
            "hint: lock the package from an index that has wheels for it\n");
  idna.directory.reset();
  idna.version = pep440::Version::parse("3.7").value();
  idna.sdist = Sdist{"idna-3.7.tar.gz",
                     std::nullopt,
                     "https://f.example/idna-3.7.tar.gz",
                     std::nullopt,
                     std::nullopt,
                     Hashes{},
                     {}};
  EXPECT_EQ(error_of(lock, machine(12)),
            "pylock.toml:25:1: error: package \"idna\" 3.7 has only an sdist, and "
            "gator-provision does not build sdists\n"
            "  caused by: this interpreter's most preferred tag is "
            "cp312-cp312-linux_x86_64\n"
            "hint: re-lock for this machine (gator-provision lock PROFILE), or use the "
            "interpreter the lock was made for\n");
}

}  // namespace
}  // namespace gator::lock

// apply_plan and its parts against file:// wheels and Debian's python3.11: the venv is built
// beside the target and switched in, a second run is read-only, wrong hashes and missing hashes
// are refused with the previous venv untouched, and the staging helpers clean up after
// themselves.
#include "provision/apply.hpp"

#include <fstream>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cache/sha256_hasher.hpp"
#include "provision/smoke.hpp"
#include "provision/staging.hpp"
#include "python/discovery.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"
#include "venv/inspect.hpp"
#include "venv/scheme.hpp"
#include "wheel_fixture.hpp"

namespace gator::provision {
namespace {

namespace fs = std::filesystem;
using wheel::test::read_text;
using wheel::test::WheelBuilder;
using wheel::test::write_text;

constexpr const char* k_python = "/usr/bin/python3.11";

// Every file below `root` with its content and mode, for "nothing changed" assertions.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    struct stat status {};
    ::lstat(entry.path().c_str(), &status);
    std::string value = std::to_string(status.st_mode) + ":" +
                        std::to_string(status.st_mtim.tv_sec) + "." +
                        std::to_string(status.st_mtim.tv_nsec) + ":";
    if (entry.is_regular_file() && !entry.is_symlink())
      value += read_text(entry.path());
    files[entry.path().lexically_relative(root).string()] = value;
  }
  return files;
}

class ApplyTest : public wheel::test::WheelTest {
 protected:
  void SetUp() override {
    if (!fs::exists(k_python))
      GTEST_SKIP() << k_python << " is not installed";
    m_base = python::query_interpreter(k_python, m_dir / "python-cache");
    m_wheels = m_dir / "wheels";
    m_venv = m_dir / "srv" / "venv";
  }

  // Writes the wheel under wheels/ and returns its plan entry (file:// URL, sha256, size).
  lock::PlannedWheel add(const WheelBuilder& builder, std::string name, std::string version) {
    const std::string bytes = builder.build();
    const fs::path file = m_wheels / builder.filename();
    write_text(file, bytes);
    lock::PlannedWheel planned;
    planned.name = std::move(name);
    planned.version = pep440::Version::parse(version).value();
    planned.wheel.name = builder.filename();
    planned.wheel.url = "file://" + file.string();
    planned.wheel.size = bytes.size();
    planned.wheel.hashes.sha256 = cache::sha256_of(bytes);
    planned.position = lock::SourcePosition{12, 1};
    return planned;
  }

  static WheelBuilder module_wheel(const std::string& name, const std::string& version) {
    WheelBuilder builder(name, version);
    builder.file(name + "/__init__.py", "VERSION = '" + version + "'\n")
        .file(name + "/cli.py", "def main():\n    print('" + name + " " + version + "')\n")
        .entry_points("[console_scripts]\n" + name + "-tool = " + name + ".cli:main\n");
    return builder;
  }

  ApplyOptions options() const {
    ApplyOptions options;
    options.venv = m_venv;
    options.cache_dir = m_dir / "apply-cache";
    options.fetch.lock_file = m_dir / "pylock.x.toml";
    options.profile = "x";
    options.environment = {{"GATOR_DEMO", "on"}};
    options.requested = {"alpha"};
    return options;
  }

  [[nodiscard]] util::ProcessResult python(const std::string& code) const {
    util::ProcessRequest request;
    request.executable = m_venv / "bin" / "python";
    request.args = {"-c", code};
    return util::run_process(request);
  }

  python::InterpreterInfo m_base;
  fs::path m_wheels;
  fs::path m_venv;
};

TEST_F(ApplyTest, CreatesTheVenvThenASecondRunChangesNothing) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0"),
                 add(module_wheel("beta", "2.0"), "beta", "2.0")};
  const ApplyResult first = apply_plan(plan, m_base, options());
  EXPECT_EQ(first.outcome, ApplyOutcome::created);
  // file:// wheels are read where they are: verified and unpacked, never copied to the cache.
  EXPECT_EQ(first.fetch.local, 2U);
  EXPECT_EQ(first.fetch.downloaded, 0U);
  EXPECT_EQ(first.unpacked, 2U);
  EXPECT_TRUE(fs::is_empty(options().cache_dir / "wheels-v1"));
  EXPECT_TRUE(venv::is_gator_venv(m_venv));
  const util::ProcessResult ran = python(
      "import alpha, beta, importlib.metadata as m, sys; assert sys.prefix != "
      "sys.base_prefix; print(alpha.VERSION, m.version('beta'))");
  EXPECT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_EQ(ran.out, "1.0 2.0\n");
  const fs::path site = venv::scheme(m_venv, m_base).purelib;
  EXPECT_TRUE(fs::exists(site / "alpha-1.0.dist-info" / "REQUESTED"));
  EXPECT_FALSE(fs::exists(site / "beta-2.0.dist-info" / "REQUESTED"));
  EXPECT_EQ(read_text(m_venv / "bin" / "alpha-tool").substr(0, 2 + m_venv.string().size()),
            "#!" + m_venv.string());
  EXPECT_NE(read_text(m_venv / "bin" / "activate").find("GATOR_DEMO"), std::string::npos);
  // Nothing of the staging is left beside the venv: only the venv and its lock file.
  std::set<std::string> beside;
  for (const auto& entry : fs::directory_iterator(m_venv.parent_path()))
    beside.insert(entry.path().filename().string());
  EXPECT_EQ(beside, (std::set<std::string>{"venv", ".venv.lock"}));

  const auto before = snapshot(m_venv);
  const ApplyResult second = apply_plan(plan, m_base, options());
  EXPECT_EQ(second.outcome, ApplyOutcome::unchanged);
  EXPECT_EQ(second.fetch.downloaded + second.fetch.cached, 0U);  // the cache was not even opened
  EXPECT_EQ(snapshot(m_venv), before);
}

TEST_F(ApplyTest, AChangedPlanReplacesTheVenvExactly) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0"),
                 add(module_wheel("beta", "2.0"), "beta", "2.0")};
  ASSERT_EQ(apply_plan(plan, m_base, options()).outcome, ApplyOutcome::created);
  lock::InstallPlan next;
  next.wheels = {add(module_wheel("alpha", "1.1"), "alpha", "1.1")};
  const ApplyResult result = apply_plan(next, m_base, options());
  EXPECT_EQ(result.outcome, ApplyOutcome::replaced);
  const fs::path site = venv::scheme(m_venv, m_base).purelib;
  EXPECT_TRUE(fs::exists(site / "alpha-1.1.dist-info"));
  EXPECT_FALSE(fs::exists(site / "alpha-1.0.dist-info"));
  EXPECT_FALSE(fs::exists(site / "beta"));  // removed packages leave with the old venv
  EXPECT_FALSE(fs::exists(m_venv / "bin" / "beta-tool"));
  const util::ProcessResult ran = python("import alpha; print(alpha.VERSION)");
  EXPECT_EQ(ran.out, "1.1\n") << ran.err;
}

TEST_F(ApplyTest, WheelsShippingTheSameFileInstallInPlanOrderAndTheLastWins) {
  WheelBuilder alpha = module_wheel("alpha", "1.0");
  alpha.file("shared/data.txt", "from alpha\n");
  WheelBuilder beta = module_wheel("beta", "1.0");
  beta.file("shared/data.txt", "from beta\n");
  const fs::path shared = venv::scheme(m_venv, m_base).purelib / "shared" / "data.txt";

  lock::InstallPlan plan;
  plan.wheels = {add(alpha, "alpha", "1.0"), add(beta, "beta", "1.0")};
  ASSERT_EQ(apply_plan(plan, m_base, options()).outcome, ApplyOutcome::created);
  EXPECT_EQ(read_text(shared), "from beta\n");

  std::swap(plan.wheels[0], plan.wheels[1]);
  ASSERT_EQ(apply_plan(plan, m_base, options()).outcome, ApplyOutcome::replaced);
  EXPECT_EQ(read_text(shared), "from alpha\n");
  // Everything else of both is there, as the installs' RECORDs say.
  EXPECT_EQ(python("import alpha, beta; print(alpha.VERSION, beta.VERSION)").out, "1.0 1.0\n");
}

TEST_F(ApplyTest, MoreWheelsThanAreUnpackedAtOnceAllArrive) {
  // unpack_wheels keeps 64 archives open at a time and starts the next as one finishes.
  lock::InstallPlan plan;
  for (int i = 0; i < 70; ++i) {
    const std::string name = "mod" + std::to_string(i);
    plan.wheels.push_back(add(module_wheel(name, "1.0"), name, "1.0"));
  }
  const ApplyResult result = apply_plan(plan, m_base, options());
  EXPECT_EQ(result.unpacked, 70U);
  EXPECT_EQ(result.fetch.local, 70U);
  std::size_t dist_infos = 0;
  for (const auto& entry : fs::directory_iterator(venv::scheme(m_venv, m_base).purelib))
    dist_infos += entry.path().extension() == ".dist-info" ? 1U : 0U;
  EXPECT_EQ(dist_infos, 70U);
  EXPECT_EQ(python("import mod0, mod69; print(mod0.VERSION, mod69.VERSION)").out, "1.0 1.0\n");
}

TEST_F(ApplyTest, AWrongHashIsRefusedAndThePreviousVenvStays) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0")};
  ASSERT_EQ(apply_plan(plan, m_base, options()).outcome, ApplyOutcome::created);
  const auto before = snapshot(m_venv);

  lock::InstallPlan tampered;
  tampered.wheels = {add(module_wheel("alpha", "2.0"), "alpha", "2.0")};
  const dist::Sha256 expected = cache::sha256_of("something else");
  tampered.wheels[0].wheel.hashes.sha256 = expected;
  tampered.wheels[0].wheel.size.reset();
  try {
    static_cast<void>(apply_plan(tampered, m_base, options()));
    FAIL() << "a wheel with another hash was installed";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    const std::string text = error.render("gator-provision");
    EXPECT_NE(text.find("alpha-2.0-py3-none-any.whl"), std::string::npos) << text;
    EXPECT_NE(text.find(expected.to_string()), std::string::npos) << text;
    EXPECT_NE(text.find("pylock.x.toml:12:1"), std::string::npos) << text;
    EXPECT_NE(text.find((m_wheels / "alpha-2.0-py3-none-any.whl").string()), std::string::npos)
        << text;
    EXPECT_NE(text.find("hint: the file changed since it was locked"), std::string::npos) << text;
  }
  EXPECT_EQ(snapshot(m_venv), before);
  // The local wheel was unpacked while it was hashed: nothing of it may stay in the cache.
  const fs::path cache = m_dir / "apply-cache";
  EXPECT_FALSE(
      fs::exists(cache / "wheels-v1" / expected.to_string().substr(0, 2) / expected.to_string()));
  EXPECT_FALSE(fs::exists(cache / "unpacked-v1" / expected.to_string()));
  EXPECT_EQ(std::distance(fs::directory_iterator(cache / "unpacked-v1"), {}), 1)
      << "only alpha 1.0's tree";
  EXPECT_TRUE(fs::is_empty(cache / "tmp"));
}

TEST_F(ApplyTest, ALocalWheelOfTheWrongSizeIsRefused) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0")};
  *plan.wheels[0].wheel.size += 1;
  try {
    static_cast<void>(apply_plan(plan, m_base, options()));
    FAIL() << "a wheel of another size was installed";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    const std::string text = error.render("gator-provision");
    EXPECT_NE(text.find("size mismatch for alpha-1.0-py3-none-any.whl"), std::string::npos) << text;
  }
  EXPECT_FALSE(fs::exists(m_venv));
  EXPECT_TRUE(fs::is_empty(m_dir / "apply-cache" / "unpacked-v1"));
}

TEST_F(ApplyTest, AMissingLocalWheelNamesThePathAndTheLockLine) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0")};
  plan.wheels[0].wheel.url.reset();
  plan.wheels[0].wheel.path = "elsewhere/alpha-1.0-py3-none-any.whl";
  try {
    static_cast<void>(apply_plan(plan, m_base, options()));
    FAIL() << "installed a wheel that is not there";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    const std::string text = error.render("gator-provision");
    EXPECT_NE(text.find((m_dir / "elsewhere/alpha-1.0-py3-none-any.whl").string() +
                        ": No such file or directory"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("pylock.x.toml:12:1"), std::string::npos) << text;
    EXPECT_NE(text.find("relative to the lock file's directory"), std::string::npos) << text;
  }
  EXPECT_FALSE(fs::exists(m_venv));
}

TEST_F(ApplyTest, ALockPathIsReadInPlaceRelativeToTheLockFile) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0")};
  plan.wheels[0].wheel.url.reset();
  plan.wheels[0].wheel.path = "wheels/alpha-1.0-py3-none-any.whl";  // beside pylock.x.toml
  const ApplyResult result = apply_plan(plan, m_base, options());
  EXPECT_EQ(result.outcome, ApplyOutcome::created);
  EXPECT_EQ(result.fetch.local, 1U);
  EXPECT_TRUE(fs::is_empty(m_dir / "apply-cache" / "wheels-v1"));
  EXPECT_EQ(python("import alpha; print(alpha.VERSION)").out, "1.0\n");
}

TEST_F(ApplyTest, AWheelWithoutAHashIsNeverInstalled) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0")};
  plan.wheels[0].wheel.hashes.sha256.reset();
  try {
    static_cast<void>(apply_plan(plan, m_base, options()));
    FAIL() << "installed without a hash";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    EXPECT_NE(std::string(error.what()).find("no sha256"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(fs::exists(m_venv));
}

TEST_F(ApplyTest, RefusesToReplaceADirectoryThatIsNotAVenv) {
  write_text(m_venv / "precious.txt", "data\n");
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0")};
  try {
    static_cast<void>(apply_plan(plan, m_base, options()));
    FAIL() << "replaced a directory that is not a venv";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
  }
  EXPECT_EQ(read_text(m_venv / "precious.txt"), "data\n");
}

TEST_F(ApplyTest, ASmokeCheckImportsTheDirectRequirementsInTheVenv) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0"),
                 add(module_wheel("beta", "2.0"), "beta", "2.0")};
  ASSERT_EQ(apply_plan(plan, m_base, options()).outcome, ApplyOutcome::created);
  EXPECT_EQ(top_level_modules(m_venv, m_base, {"alpha", "beta"}),
            (std::vector<std::string>{"alpha", "beta"}));
  const auto check = default_smoke_check(m_venv, m_base, {"alpha"});
  ASSERT_TRUE(check.has_value());
  ASSERT_EQ(check->command.size(), 3U);
  EXPECT_NE(check->command[2].find("('alpha', )"), std::string::npos) << check->command[2];
  const std::map<std::string, std::string> environment =
      venv_environment(m_venv, {{"PATH", "/usr/bin:/bin"}, {"PYTHONHOME", "/x"}}, {{"A", "1"}});
  EXPECT_EQ(environment.at("PATH"), (m_venv / "bin").string() + ":/usr/bin:/bin");
  EXPECT_EQ(environment.at("VIRTUAL_ENV"), m_venv.string());
  EXPECT_EQ(environment.count("PYTHONHOME"), 0U);
  EXPECT_EQ(environment.at("A"), "1");
  const SmokeResult passed = run_smoke_check(m_venv, *check, environment);
  EXPECT_TRUE(passed.passed) << passed.output << passed.problem;
  EXPECT_EQ(last_smoke_result(m_venv), "passed");
  const SmokeResult failed = run_smoke_check(
      m_venv,
      SmokeCheck{{"python", "-c", "import os, sys; sys.exit(os.environ['A'] == '1' and 3)"},
                 std::chrono::seconds(60)},
      environment);
  EXPECT_FALSE(failed.passed);
  EXPECT_EQ(failed.exit_code, 3);
  EXPECT_EQ(last_smoke_result(m_venv), "failed: exit 3");
  // Each module is imported on its own, and the ones that fail are named.
  lock::InstallPlan broken = plan;
  WheelBuilder raising("gamma", "1.0");
  raising.file("gamma/__init__.py", "raise ImportError('gamma is broken')\n");
  broken.wheels.push_back(add(raising, "gamma", "1.0"));
  ASSERT_EQ(apply_plan(broken, m_base, options()).outcome, ApplyOutcome::replaced);
  const auto both = default_smoke_check(m_venv, m_base, {"alpha", "gamma"});
  ASSERT_TRUE(both.has_value());
  const SmokeResult one_failed = run_smoke_check(m_venv, *both, environment);
  EXPECT_FALSE(one_failed.passed);
  EXPECT_NE(one_failed.output.find("cannot import: gamma"), std::string::npos) << one_failed.output;
  EXPECT_EQ(one_failed.output.find("cannot import: alpha"), std::string::npos) << one_failed.output;
  EXPECT_EQ(resolve_program(m_venv, "no-such-program-here", "/usr/bin"), std::nullopt);
  EXPECT_EQ(resolve_program(m_venv, "python", "/usr/bin"), m_venv / "bin" / "python");
}

TEST_F(ApplyTest, CompiledBytecodeNamesTheFinalPathNotTheStagingOne) {
  lock::InstallPlan plan;
  plan.wheels = {add(module_wheel("alpha", "1.0"), "alpha", "1.0")};
  // A .pth hook that imports a module at interpreter start-up, as setuptools' does: its .pyc
  // must not be written from the staging directory either.
  WheelBuilder hooked("hooked", "1.0");
  hooked.file("hooked.pth", "import hooked_mod\n").file("hooked_mod.py", "X = 1\n");
  plan.wheels.push_back(add(hooked, "hooked", "1.0"));
  ApplyOptions compile = options();
  compile.compile = true;
  ASSERT_EQ(apply_plan(plan, m_base, compile).outcome, ApplyOutcome::created);
  const util::ProcessResult ran = python(
      "import glob, marshal, sys\n"
      "names = []\n"
      "for path in glob.glob(sys.prefix + '/lib/python3.11/site-packages/**/*.pyc', "
      "recursive=True):\n"
      "    f = open(path, 'rb'); f.read(16); names.append(marshal.load(f).co_filename)\n"
      "print('\\n'.join(sorted(names)))\n");
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const fs::path site = venv::scheme(m_venv, m_base).purelib;
  EXPECT_EQ(ran.out, (site / "alpha" / "__init__.py").string() + "\n" +
                         (site / "alpha" / "cli.py").string() + "\n" +
                         (site / "hooked_mod.py").string() + "\n");
}

TEST(StagingTest, LeftoversOfKilledRunsAreRemovedAndNothingElse) {
  const fs::path dir = fs::temp_directory_path() / ("gator-staging-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / ".venv.staging-123" / "bin");
  fs::create_directories(dir / ".venv.old-77");
  fs::create_directories(dir / ".other.staging-1");
  fs::create_directories(dir / "venv");
  remove_leftovers(dir / "venv");
  std::set<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir))
    left.insert(entry.path().filename().string());
  EXPECT_EQ(left, (std::set<std::string>{".other.staging-1", "venv"}));
  fs::remove_all(dir);
}

TEST(StagingTest, SwitchExchangesWithThePreviousVenvAndRemovesIt) {
  const fs::path dir = fs::temp_directory_path() / ("gator-switch-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_text(dir / "venv" / "old.txt", "old\n");
  {
    StagingVenv staging(dir / "venv");
    write_text(staging.path() / "new.txt", "new\n");
    EXPECT_TRUE(staging.switch_into_place(true));
  }
  EXPECT_EQ(read_text(dir / "venv" / "new.txt"), "new\n");
  EXPECT_FALSE(fs::exists(dir / "venv" / "old.txt"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
  {
    StagingVenv abandoned(dir / "venv");  // never switched: removed, the venv untouched
    write_text(abandoned.path() / "half.txt", "half\n");
  }
  EXPECT_EQ(read_text(dir / "venv" / "new.txt"), "new\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gator::provision

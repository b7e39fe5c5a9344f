// `gator-provision apply` end to end: a generated wheel set (entry points, .data scripts, data,
// headers, purelib/platlib) plus Debian's pip and setuptools, served by nginx and installed into
// a new venv with Debian's python3.11; the venv works, a second apply is a no-op, and a changed
// profile replaces the venv with exactly the new set.
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "apply_fixture.hpp"

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

[[nodiscard]] bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

[[nodiscard]] std::map<std::string, std::string> locked_versions(const lock::Lockfile& lockfile) {
  std::map<std::string, std::string> versions;
  for (const lock::Package& package : lockfile.packages)
    versions[package.name] = package.version ? package.version->to_string() : "?";
  return versions;
}

// Run by the venv's python: every distribution with its version, then every top-level module
// or package its RECORD installs into site-packages, each imported in a process of its own
// (in one process the order matters: pip before setuptools breaks setuptools' distutils hack).
constexpr const char* k_inspect_script = R"(import importlib.metadata as md, subprocess, sys
assert sys.prefix != sys.base_prefix, (sys.prefix, sys.base_prefix)
print('prefix', sys.prefix)
tops = set()
for dist in md.distributions():
    print('dist', dist.metadata['Name'].lower(), dist.version)
    for file in dist.files or []:
        parts = file.parts
        if not parts or parts[0] == '..' or parts[0].endswith(('.dist-info', '.data')):
            continue
        if len(parts) > 1 and parts[0] != '__pycache__':
            tops.add(parts[0])
        elif len(parts) == 1 and parts[0].endswith('.py'):
            tops.add(parts[0][:-3])
for name in sorted(tops):
    subprocess.run([sys.executable, '-c', 'import ' + name], check=True)
    print('imported', name)
)";

TEST_F(ApplyTest, FirstApplyBuildsAWorkingVenv) {
  Wheelhouse house = wheelhouse("wheels");
  add_generated(house);
  add_debian(house);
  house.write_pages();
  write_profile({"x",
                 index_url(house),
                 {"alpha", "pip", "setuptools"},
                 {{"GATOR_APPLY_TEST", "it's set"}, {"GATOR_OTHER", "a b  c"}},
                 // Not the default check: see DefaultSmokeCheckPassesForPipAndSetuptools.
                 {"python", "-c", "import setuptools, pip, alpha"}});
  m_run_doctor = true;
  const ChildResult applied = apply();
  ASSERT_TRUE(applied.exited && applied.exit_code == 0) << applied.describe();
  EXPECT_TRUE(contains(applied.out, "created " + m_venv.string() + ": 4 packages")) << applied.out;
  EXPECT_TRUE(contains(applied.out, "smoke check passed")) << applied.out;

  const std::map<std::string, std::string> locked = locked_versions(lockfile());
  EXPECT_EQ(locked,
            (std::map<std::string, std::string>{
                {"alpha", "1.0"}, {"beta", "2.0"}, {"pip", "23.0.1"}, {"setuptools", "66.1.1"}}));

  // Exactly the locked distributions, each at its locked version; every top-level module
  // imports; sys.prefix is the venv.
  const ChildResult inspected = venv_python({"-c", k_inspect_script});
  ASSERT_TRUE(inspected.exited && inspected.exit_code == 0) << inspected.describe();
  std::map<std::string, std::string> installed;
  std::set<std::string> imported;
  for (const std::string& line : lines_of(inspected.out)) {
    std::istringstream words(line);
    std::string kind, name, version;
    words >> kind >> name >> version;
    if (kind == "dist") {
      installed[name] = version;
    } else if (kind == "imported") {
      imported.insert(name);
    } else if (kind == "prefix") {
      EXPECT_EQ(fs::path(name), m_venv);
    }
  }
  EXPECT_EQ(installed, locked);
  for (const char* name : {"alpha", "alpha_pure", "alpha_plat", "beta", "pip", "setuptools",
                           "pkg_resources", "_distutils_hack"})
    EXPECT_TRUE(imported.contains(name)) << name << " was not found or imported:\n"
                                         << inspected.out;

  // Entry points and .data scripts run by their shebang, from outside the venv.
  const std::map<std::string, std::string> scripts = {{"alpha-cli", "alpha-main 1.0 2.0\n"},
                                                      {"alpha-gui", "alpha-gui\n"},
                                                      {"alpha-tool", "alpha-tool 1.0\n"},
                                                      {"alpha-sh", "alpha-sh\n"}};
  for (const auto& [script, expected] : scripts) {
    ChildOptions options = command({}, label(script));
    options.argv = {(m_venv / "bin" / script).string()};
    const ChildResult ran = run_child(options);
    EXPECT_TRUE(ran.exited && ran.exit_code == 0) << ran.describe();
    EXPECT_EQ(ran.out, expected) << script;
  }
  // A plain shebang, or the /bin/sh trampoline when the path is too long for one.
  const std::string script = read_bytes(m_venv / "bin" / "alpha-cli");
  const std::string python = (m_venv / "bin" / "python").string();
  EXPECT_TRUE(script.starts_with("#!" + python + "\n") ||
              script.starts_with("#!/bin/sh\n'''exec' " + python + " "))
      << script;
  EXPECT_EQ(read_bytes(m_venv / "share" / "alpha" / "readme.txt"), "alpha's shared data\n");

  const ChildResult pip = venv_python({"-m", "pip", "--version"});
  ASSERT_TRUE(pip.exited && pip.exit_code == 0) << pip.describe();
  EXPECT_TRUE(pip.out.starts_with("pip 23.0.1 from " + (site_packages() / "pip").string()))
      << pip.out;

  // The activate script exports the profile's environment and deactivate restores it.
  ChildOptions shell = command({}, label("bash"));
  shell.environment["GATOR_APPLY_TEST"] = "before";
  shell.argv = {"/bin/bash", "-c",
                "source \"$1/bin/activate\" && printf '%s|%s|%s|%s\\n' \"$GATOR_APPLY_TEST\" "
                "\"$GATOR_OTHER\" \"$VIRTUAL_ENV\" \"$(command -v python)\" && deactivate && "
                "printf '%s|%s\\n' \"$GATOR_APPLY_TEST\" \"${GATOR_OTHER-unset}\"",
                "bash", m_venv.string()};
  const ChildResult activated = run_child(shell);
  ASSERT_TRUE(activated.exited && activated.exit_code == 0) << activated.describe();
  EXPECT_EQ(activated.out, "it's set|a b  c|" + m_venv.string() + "|" +
                               (m_venv / "bin" / "python").string() + "\nbefore|unset\n");

  // REQUESTED on the direct requirements only; INSTALLER names the tool.
  std::set<std::string> requested;
  for (const fs::directory_entry& entry : fs::directory_iterator(site_packages())) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".dist-info"))
      continue;
    EXPECT_EQ(read_bytes(entry.path() / "INSTALLER"), "gator-provision\n") << name;
    if (fs::exists(entry.path() / "REQUESTED"))
      requested.insert(name.substr(0, name.find('-')));
  }
  EXPECT_EQ(requested, (std::set<std::string>{"alpha", "pip", "setuptools"}));

  const ChildResult verify =
      gator({"verify", "profiles/x.toml", "--venv", m_venv.string(), "--python", k_python});
  EXPECT_TRUE(verify.exited && verify.exit_code == 0) << verify.describe();
}

// The default smoke check imports the top-level modules of the direct requirements. With
// Debian 12's pip 23.0.1 and setuptools 66.1.1, importing pip and setuptools in one interpreter
// fails (setuptools' distutils hack asserts), so each module gets an interpreter of its own.
TEST_F(ApplyTest, DefaultSmokeCheckPassesForPipAndSetuptools) {
  Wheelhouse house = wheelhouse("wheels");
  add_debian(house);
  house.write_pages();
  write_profile({"x", index_url(house), {"pip", "setuptools"}, {}});
  const ChildResult applied = apply();
  EXPECT_TRUE(applied.exited && applied.exit_code == 0) << applied.describe();
  EXPECT_TRUE(contains(applied.out, "smoke check passed")) << applied.out;
}

// A failed smoke check exits 4 and leaves the new venv in place; a second apply finds the venv
// current but checks it again, so a retry (cloud-init, a script run twice) never reports
// success for a venv whose check failed.
TEST_F(ApplyTest, FailedSmokeCheckIsNotForgottenByTheNextApply) {
  Wheelhouse house = wheelhouse("wheels");
  add_generated(house);
  house.write_pages();
  write_profile({"x", index_url(house), {"gamma"}, {}, {"python", "-c", "raise SystemExit(3)"}});
  const ChildResult first = apply();
  ASSERT_TRUE(first.exited && first.exit_code == 4) << first.describe();
  const ChildResult second = apply();
  EXPECT_TRUE(second.exited && second.exit_code == 4) << second.describe();
}

TEST_F(ApplyTest, SecondApplyChangesNothingAndAsksNothing) {
  Wheelhouse house = wheelhouse("wheels");
  add_generated(house);
  house.write_pages();
  write_profile({"x", index_url(house), {"alpha", "gamma"}, {{"GATOR_APPLY_TEST", "1"}}});
  const ChildResult first = apply();
  ASSERT_TRUE(first.exited && first.exit_code == 0) << first.describe();
  const Tree before = snapshot(m_venv);
  const auto lock_time = fs::last_write_time(lock_path());
  const std::size_t requests = requests_so_far();
  ASSERT_GT(requests, 0U);

  const ChildResult second = apply();
  ASSERT_TRUE(second.exited && second.exit_code == 0) << second.describe();
  EXPECT_EQ(second.out, m_venv.string() + " is up to date (3 packages): nothing to do\n");
  EXPECT_EQ(requests_so_far(), requests) << "the no-op apply made requests";
  EXPECT_EQ(tree_changes(before, snapshot(m_venv)), "");
  EXPECT_EQ(fs::last_write_time(lock_path()), lock_time) << "the lock file was rewritten";
  EXPECT_EQ(leftovers_beside(m_venv), std::vector<std::string>{});
}

TEST_F(ApplyTest, ChangedProfileReplacesTheVenvWithExactlyTheNewSet) {
  Wheelhouse house = wheelhouse("wheels");
  add_generated(house);
  house.write_pages();
  write_profile({"x", index_url(house), {"alpha", "gamma", "beta<2"}, {}});
  const ChildResult first = apply();
  ASSERT_TRUE(first.exited && first.exit_code == 0) << first.describe();
  ASSERT_TRUE(fs::exists(site_packages() / "beta-1.0.dist-info"));

  // Every file gamma's RECORD lists, as a path in the venv.
  std::vector<fs::path> gamma_files;
  for (const std::string& row :
       lines_of(read_bytes(site_packages() / "gamma-1.0.dist-info" / "RECORD"))) {
    gamma_files.push_back((site_packages() / row.substr(0, row.find(','))).lexically_normal());
  }
  ASSERT_GE(gamma_files.size(), 5U);
  for (const fs::path& file : gamma_files)
    ASSERT_TRUE(fs::exists(file)) << file;
  struct stat old_venv {};
  ASSERT_EQ(::stat(m_venv.c_str(), &old_venv), 0);

  write_profile({"x", index_url(house), {"alpha", "beta>=2"}, {}});
  const ChildResult second = apply();
  ASSERT_TRUE(second.exited && second.exit_code == 0) << second.describe();
  EXPECT_TRUE(contains(second.out, "replaced " + m_venv.string() + ": 2 packages")) << second.out;
  EXPECT_TRUE(contains(second.err, "removed     gamma 1.0")) << second.err;

  for (const fs::path& file : gamma_files)
    EXPECT_FALSE(fs::exists(file)) << file << " of the dropped package is still there";
  EXPECT_FALSE(fs::exists(site_packages() / "gamma"));
  EXPECT_FALSE(fs::exists(site_packages() / "beta-1.0.dist-info"));
  EXPECT_EQ(read_bytes(site_packages() / "beta.py"), "VERSION = '2.0'\n");
  const ChildResult gamma = venv_python({"-c", "import gamma"});
  EXPECT_TRUE(gamma.exited && gamma.exit_code == 1) << gamma.describe();

  // A new directory took the old one's place; neither the old venv nor a staging tree remains.
  struct stat new_venv {};
  ASSERT_EQ(::stat(m_venv.c_str(), &new_venv), 0);
  EXPECT_NE(new_venv.st_ino, old_venv.st_ino);
  std::set<std::string> beside;
  for (const fs::directory_entry& entry : fs::directory_iterator(m_venv.parent_path()))
    beside.insert(entry.path().filename().string());
  EXPECT_EQ(beside, (std::set<std::string>{"venv", ".venv.lock"}));

  ChildOptions cli = command({}, label("alpha-cli"));
  cli.argv = {(m_venv / "bin" / "alpha-cli").string()};
  const ChildResult ran = run_child(cli);
  EXPECT_EQ(ran.out, "alpha-main 1.0 2.0\n") << ran.describe();
}

}  // namespace
}  // namespace gator::apply_test

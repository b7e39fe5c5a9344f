// Venvs created with the real /usr/bin/python3.11, checked by running that interpreter in them
// and against a venv made by CPython's own venv module.
#include "venv/create.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "python/discovery.hpp"
#include "util/error.hpp"
#include "venv/inspect.hpp"
#include "venv/scheme.hpp"
#include "venv_test_support.hpp"

namespace gator::venv {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// Everything a venv's interpreter decides from pyvenv.cfg and the layout.
constexpr const char* k_probe = R"PY(
import json, site, sys, sysconfig
print(json.dumps({
    "prefix": sys.prefix, "exec_prefix": sys.exec_prefix,
    "base_prefix": sys.base_prefix, "base_exec_prefix": sys.base_exec_prefix,
    "executable": sys.executable, "base_executable": sys._base_executable,
    "path": sys.path, "site_packages": site.getsitepackages(),
    "user_site": site.ENABLE_USER_SITE, "paths": sysconfig.get_paths(),
    "scheme": sysconfig.get_default_scheme(),
}))
)PY";

json probe(const fs::path& venv) {
  return json::parse(test::run_ok(venv / "bin" / "python", {"-c", k_probe}));
}

// `text` with every occurrence of `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

VenvOptions options_for(const fs::path& final_prefix) {
  VenvOptions options;
  options.final_prefix = final_prefix;
  options.profile = "mi25";
  options.environment = {{"HSA_OVERRIDE_GFX_VERSION", "9.0.0"}};
  return options;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Relative path -> "dir", "file" or "link -> target", for every entry under `root`.
std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> entries;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string relative = entry.path().lexically_relative(root).string();
    if (entry.is_symlink())
      entries[relative] = "link -> " + fs::read_symlink(entry.path()).string();
    else if (entry.is_directory())
      entries[relative] = "dir";
    else
      entries[relative] = "file";
  }
  return entries;
}

TEST(CreateVenvTest, PythonRunsInsideTheVenv) {
  const fs::path venv = test::scratch_dir() / "venv";
  create_venv(venv, test::base_python(), options_for(venv));
  for (const char* name : {"python", "python3", "python3.11"}) {
    EXPECT_EQ(
        test::run_ok(venv / "bin" / name,
                     {"-c", "import sys; assert sys.prefix != sys.base_prefix; print(sys.prefix)"}),
        venv.string())
        << name;
  }
}

TEST(CreateVenvTest, LayoutMatchesCpythonVenv) {
  const fs::path dir = test::scratch_dir();
  const fs::path ours = dir / "ours";
  const fs::path theirs = dir / "theirs";
  create_venv(ours, test::base_python(), options_for(ours));
  const auto made = util::run_process({"/usr/bin/python3.11",
                                       {"-m", "venv", "--without-pip", theirs.string()},
                                       std::nullopt,
                                       {},
                                       std::chrono::minutes(2)});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto expected = tree(theirs);
  expected.erase("bin/Activate.ps1");  // PowerShell is left out
  EXPECT_EQ(tree(ours), expected);
  EXPECT_EQ(tree(ours).at("bin/python3.11"), "link -> /usr/bin/python3.11");
  EXPECT_EQ(tree(ours).at("lib64"), "link -> lib");

  const VenvInfo our_cfg = read_venv(ours);
  const VenvInfo their_cfg = read_venv(theirs);
  EXPECT_EQ(our_cfg.home, their_cfg.home);
  EXPECT_EQ(our_cfg.version, their_cfg.version);
  EXPECT_EQ(our_cfg.executable, their_cfg.executable);
  EXPECT_EQ(our_cfg.include_system_site_packages, their_cfg.include_system_site_packages);
}

// The same answers from the interpreter in both venvs, up to the venv's path.
TEST(CreateVenvTest, InterpreterBehavesAsInACpythonVenv) {
  const fs::path dir = test::scratch_dir();
  const fs::path ours = dir / "ours";
  const fs::path theirs = dir / "theirs";
  create_venv(ours, test::base_python(), options_for(ours));
  const auto made = util::run_process({"/usr/bin/python3.11",
                                       {"-m", "venv", "--without-pip", theirs.string()},
                                       std::nullopt,
                                       {},
                                       std::chrono::minutes(2)});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const json mine = probe(ours);
  EXPECT_EQ(replaced(mine.dump(), ours.string(), "<venv>"),
            replaced(probe(theirs).dump(), theirs.string(), "<venv>"));
  // And what that means: the venv's own site-packages, not the system's.
  const std::string site = (ours / "lib/python3.11/site-packages").string();
  EXPECT_EQ(mine.at("site_packages").at(0), site);
  bool on_path = false;
  for (const auto& entry : mine.at("path")) {
    on_path = on_path || entry == site;
    EXPECT_NE(entry, "/usr/lib/python3/dist-packages");
    EXPECT_NE(entry, "/usr/local/lib/python3.11/dist-packages");
  }
  EXPECT_TRUE(on_path);
  EXPECT_EQ(mine.at("user_site"), false);
}

TEST(CreateVenvTest, SchemeEqualsTheVenvsSysconfigPaths) {
  const fs::path venv = test::scratch_dir() / "venv";
  create_venv(venv, test::base_python(), options_for(venv));
  const Scheme expected = scheme(venv, test::base_python());
  const python::InterpreterInfo inside = python::query_interpreter(venv / "bin" / "python", {});
  EXPECT_TRUE(inside.is_virtualenv());
  EXPECT_EQ(inside.prefix, venv);
  EXPECT_EQ(fs::path(inside.paths.at("purelib")), expected.purelib);
  EXPECT_EQ(fs::path(inside.paths.at("platlib")), expected.platlib);
  EXPECT_EQ(fs::path(inside.paths.at("scripts")), expected.scripts);
  EXPECT_EQ(fs::path(inside.paths.at("data")), expected.data);
  EXPECT_TRUE(fs::is_directory(expected.purelib));
  EXPECT_TRUE(fs::is_directory(expected.platlib));
  // pip's scheme for a distribution, computed inside the venv (with Debian's pip borrowed
  // through PYTHONPATH), agrees on every part, the headers included.
  const auto pip = util::run_process(
      {venv / "bin" / "python",
       {"-c",
        "import pip._internal.locations as l; s = l.get_scheme('demo'); "
        "print('\\n'.join([s.purelib, s.platlib, s.scripts, s.headers, s.data]))"},
       std::map<std::string, std::string>{{"PATH", "/usr/bin:/bin"},
                                          {"PYTHONPATH", "/usr/lib/python3/dist-packages"}},
       {},
       std::chrono::seconds(60)});
  ASSERT_EQ(pip.exit_code, 0) << pip.err;
  EXPECT_EQ(pip.out, expected.purelib.string() + "\n" + expected.platlib.string() + "\n" +
                         expected.scripts.string() + "\n" + (expected.headers / "demo").string() +
                         "\n" + expected.data.string() + "\n");
}

TEST(CreateVenvTest, PipIsNotThereUntilTheWheelInstallerPutsItThere) {
  const fs::path venv = test::scratch_dir() / "venv";
  create_venv(venv, test::base_python(), options_for(venv));
  const auto result = util::run_process({venv / "bin" / "python",
                                         {"-m", "pip", "--version"},
                                         std::nullopt,
                                         {},
                                         std::chrono::seconds(60)});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("No module named pip"), std::string::npos) << result.err;
}

TEST(CreateVenvTest, PyvenvCfgCarriesCpythonKeysAndOurMarker) {
  const fs::path venv = test::scratch_dir() / "venv";
  create_venv(venv, test::base_python(), options_for(venv));
  EXPECT_EQ(read_text(venv / "pyvenv.cfg"),
            "home = /usr/bin\n"
            "include-system-site-packages = false\n"
            "version = " +
                test::base_python().markers.python_full_version.value_or("?") +
                "\n"
                "executable = /usr/bin/python3.11\n"
                "command = gator-provision " +
                tool_version() + " native venv for profile mi25 at " + venv.string() +
                "\n"
                "gator-provision = " +
                tool_version() +
                "\n"
                "gator-profile = mi25\n");
}

TEST(CreateVenvTest, CommandLineCanBeGiven) {
  const fs::path venv = test::scratch_dir() / "venv";
  VenvOptions options = options_for(venv);
  options.command = "gator-provision apply mi25";
  create_venv(venv, test::base_python(), options);
  EXPECT_EQ(read_venv(venv).command, "gator-provision apply mi25");
}

TEST(CreateVenvTest, BaseFoundThroughASymlinkIsResolved) {
  python::InterpreterInfo base = test::base_python();
  base.executable = "/usr/bin/python3";  // -> python3.11
  const fs::path venv = test::scratch_dir() / "venv";
  create_venv(venv, base, options_for(venv));
  EXPECT_EQ(fs::read_symlink(venv / "bin" / "python3.11"), fs::path("/usr/bin/python3.11"));
  EXPECT_EQ(read_venv(venv).executable, fs::path("/usr/bin/python3.11"));
}

// Created at a staging path for a final path; after rename(2) everything points at the final
// path, and nothing inside ever named the staging one.
TEST(CreateVenvTest, StagingDirectoryRenamedIntoPlace) {
  const fs::path dir = test::scratch_dir();
  const fs::path final_prefix = dir / "venv";
  const fs::path staging = dir / ".venv.staging-1234";
  create_venv(staging, test::base_python(), options_for(final_prefix));
  for (const auto& entry : fs::recursive_directory_iterator(staging)) {
    if (entry.is_symlink()) {
      EXPECT_EQ(fs::read_symlink(entry.path()).string().find(staging.string()), std::string::npos);
    } else if (entry.is_regular_file()) {
      EXPECT_EQ(read_text(entry.path()).find(staging.string()), std::string::npos) << entry.path();
    }
  }
  EXPECT_NE(read_text(staging / "bin" / "activate").find(final_prefix.string()), std::string::npos);

  fs::rename(staging, final_prefix);
  EXPECT_EQ(
      test::run_ok(final_prefix / "bin" / "python",
                   {"-c", "import sys; assert sys.prefix != sys.base_prefix; print(sys.prefix)"}),
      final_prefix.string());
  const auto bash =
      test::run_shell("/bin/bash", "source " + (final_prefix / "bin" / "activate").string() +
                                       "\nprintf '%s\\n' \"$VIRTUAL_ENV\"\ncommand -v python\n"
                                       "python -c 'import sys; print(sys.prefix)'\n");
  EXPECT_EQ(bash.exit_code, 0) << bash.err;
  EXPECT_EQ(bash.out, final_prefix.string() + "\n" + (final_prefix / "bin" / "python").string() +
                          "\n" + final_prefix.string() + "\n");
  EXPECT_EQ(read_venv(final_prefix).path, final_prefix);
}

void expect_error(const std::function<void()>& action, ErrorKind kind, const std::string& text) {
  try {
    action();
    ADD_FAILURE() << "no error; expected: " << text;
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), kind) << error.render("gator-provision");
    EXPECT_EQ(error.render("gator-provision"), text);
  }
}

TEST(CreateVenvErrorsTest, BadFinalPrefixes) {
  const fs::path dir = test::scratch_dir();
  struct Row {
    std::string prefix;
    std::string text;
  };
  const Row rows[] = {
      {"relative/venv",
       "gator-provision: error: the venv location \"relative/venv\" is not an absolute directory "
       "path\nhint: give the full path, such as /opt/gator/venv\n"},
      {"/",
       "gator-provision: error: the venv location \"/\" is not an absolute directory path\n"
       "hint: give the full path, such as /opt/gator/venv\n"},
      {"/opt/gator/../venv/",
       "gator-provision: error: the venv location \"/opt/gator/../venv/\" is not in normal form\n"
       "hint: write it without \".\", \"..\", doubled or trailing slashes, such as "
       "\"/opt/venv\"\n"},
      {"/opt//venv",
       "gator-provision: error: the venv location \"/opt//venv\" is not in normal form\n"
       "hint: write it without \".\", \"..\", doubled or trailing slashes, such as "
       "\"/opt/venv\"\n"},
      {"/opt/a:b",
       "gator-provision: error: the venv location \"/opt/a:b\" contains ':' or a control "
       "character, which cannot go on PATH\n"},
      {"/opt/a\nb",
       "gator-provision: error: the venv location \"/opt/a\nb\" contains ':' or a control "
       "character, which cannot go on PATH\n"},
  };
  for (const Row& row : rows) {
    expect_error([&] { create_venv(dir / "v", test::base_python(), options_for(row.prefix)); },
                 ErrorKind::invalid_input, row.text);
  }
  EXPECT_FALSE(fs::exists(dir / "v"));  // refused before touching the disk
}

TEST(CreateVenvErrorsTest, BadEnvironment) {
  const fs::path dir = test::scratch_dir();
  VenvOptions options = options_for(dir / "v");
  options.environment["PATH"] = "/opt/rocm/bin";
  expect_error([&] { create_venv(dir / "v", test::base_python(), options); },
               ErrorKind::invalid_input,
               "gator-provision: error: cannot write the venv's activate scripts\n"
               "  caused by: environment variable PATH cannot be set by a profile: the activate "
               "scripts or the shells manage it themselves\n");
}

TEST(CreateVenvErrorsTest, NonEmptyOrNonDirectoryTarget) {
  const fs::path dir = test::scratch_dir();
  fs::create_directories(dir / "full");
  std::ofstream(dir / "full" / "something") << "x";
  std::ofstream(dir / "file") << "x";
  expect_error([&] { create_venv(dir / "full", test::base_python(), options_for(dir / "full")); },
               ErrorKind::io,
               "gator-provision: error: cannot create a venv at \"" + (dir / "full").string() +
                   "\": the directory is not empty\n");
  expect_error([&] { create_venv(dir / "file", test::base_python(), options_for(dir / "file")); },
               ErrorKind::io,
               "gator-provision: error: cannot create a venv at \"" + (dir / "file").string() +
                   "\": it exists and is not a directory\n");
  // An existing empty directory is fine.
  fs::create_directories(dir / "empty");
  create_venv(dir / "empty", test::base_python(), options_for(dir / "empty"));
  EXPECT_TRUE(is_gator_venv(dir / "empty"));
}

TEST(CreateVenvErrorsTest, AVirtualenvCannotBeTheBase) {
  const fs::path dir = test::scratch_dir();
  create_venv(dir / "first", test::base_python(), options_for(dir / "first"));
  const python::InterpreterInfo inner = python::query_interpreter(dir / "first/bin/python", {});
  expect_error([&] { create_venv(dir / "second", inner, options_for(dir / "second")); },
               ErrorKind::invalid_input,
               "gator-provision: error: cannot create a venv from \"" +
                   (dir / "first/bin/python").string() +
                   "\": it is a virtualenv's interpreter (prefix \"" + (dir / "first").string() +
                   "\")\nhint: use the base interpreter it was made from (\"/usr\")\n");
}

TEST(CreateVenvErrorsTest, MissingBaseInterpreter) {
  const fs::path dir = test::scratch_dir();
  python::InterpreterInfo base = test::base_python();
  base.executable = dir / "gone" / "python3.11";
  expect_error([&] { create_venv(dir / "v", base, options_for(dir / "v")); }, ErrorKind::io,
               "gator-provision: error: cannot resolve the base interpreter \"" +
                   base.executable.string() + "\"\n  caused by: No such file or directory\n");
}

TEST(EffectivePromptTest, PromptThenProfileThenDirectoryName) {
  VenvOptions options;
  options.final_prefix = "/opt/gator/venv";
  EXPECT_EQ(effective_prompt(options), "venv");
  options.profile = "mi25";
  EXPECT_EQ(effective_prompt(options), "mi25");
  options.prompt = "gpu $(box)";
  EXPECT_EQ(effective_prompt(options), "gpu __box_");
}

}  // namespace
}  // namespace gator::venv

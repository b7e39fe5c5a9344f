// Installs into real virtual environments made by /usr/bin/python3.11 -m venv and checks the
// result with that Python: imports, importlib.metadata, entry-point scripts, pip itself, and a
// file-by-file comparison with what pip installs from the same wheel.
#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"
#include "wheel_fixture.hpp"

namespace gator::wheel::test {
namespace {

const fs::path k_python = "/usr/bin/python3.11";
const fs::path k_debian_wheels = "/usr/share/python-wheels";

[[nodiscard]] util::ProcessResult run(const fs::path& executable, std::vector<std::string> args) {
  util::ProcessRequest request;
  request.executable = executable;
  request.args = std::move(args);
  return util::run_process(request);
}

// The demo project: a package, a console and a GUI entry point, .data scripts and data.
[[nodiscard]] WheelBuilder demo() {
  WheelBuilder builder("gator_demo", "1.2.3");
  const std::string data = builder.data_dir();
  builder
      .metadata_text(
          "Metadata-Version: 2.1\nName: gator-demo\nVersion: 1.2.3\n"
          "Summary: a test project\n")
      .file("gator_demo/__init__.py", "VALUE = 42\n")
      .file("gator_demo/cli.py",
            "import sys\n\ndef main():\n    print('tool ran', sys.argv[1:])\n    return 0\n\n"
            "def gui():\n    return 0\n")
      .file("gator_demo/data/table.txt", "a,b\n")
      .file(data + "/scripts/gator-demo-raw",
            "#!python\nimport gator_demo\nprint(gator_demo.VALUE)\n")
      .file(data + "/scripts/gator-demo-sh", "#!/bin/sh\necho shell script\n", 0755)
      .file(data + "/headers/gator_demo.h", "#define GATOR_DEMO 1\n")
      .file(data + "/data/share/gator-demo/notes.txt", "notes\n")
      .entry_points(
          "[console_scripts]\ngator-demo = gator_demo.cli:main\n\n"
          "[gui_scripts]\ngator-demo-gui = gator_demo.cli:gui\n");
  return builder;
}

class VenvTest : public WheelTest {
 protected:
  void SetUp() override {
    if (!fs::exists(k_python))
      GTEST_SKIP() << k_python << " is not installed";
  }

  // A new venv; returns the install options sysconfig gives for it.
  InstallOptions make_venv(const fs::path& venv, LinkMode mode, std::string_view project) {
    const auto created = run(k_python, {"-m", "venv", "--without-pip", venv.string()});
    EXPECT_EQ(created.exit_code, 0) << created.err;
    const fs::path python = venv / "bin" / "python";
    const auto paths =
        run(python, {"-c", "import json, sysconfig; print(json.dumps(sysconfig.get_paths()))"});
    EXPECT_EQ(paths.exit_code, 0) << paths.err;
    const auto json = nlohmann::json::parse(paths.out);
    InstallOptions options;
    options.scheme.purelib = json["purelib"].get<std::string>();
    options.scheme.platlib = json["platlib"].get<std::string>();
    options.scheme.scripts = json["scripts"].get<std::string>();
    options.scheme.data = json["data"].get<std::string>();
    // pip's header directory in a venv.
    options.scheme.headers = venv / "include" / "site" / "python3.11" / project;
    options.python = python;
    options.link_mode = mode;
    options.requested = Requested::yes;
    return options;
  }

  UnpackedWheel unpack_file(const fs::path& wheel) {
    const cache::FileDigest digest = cache::hash_file(wheel);
    const std::string filename = wheel.filename().string();
    // Read in place, as apply reads a local wheel.
    return unpack_wheel(*m_cache, wheel, digest.sha256, *dist::WheelFilename::parse(filename));
  }

  void check_demo(const fs::path& venv) {
    const fs::path python = venv / "bin" / "python";
    const auto imported =
        run(python, {"-c",
                     "import gator_demo, importlib.metadata as m\n"
                     "d = m.distribution('gator-demo')\n"
                     "missing = [str(f) for f in d.files if not f.locate().exists()]\n"
                     "print(gator_demo.VALUE, m.version('gator-demo'),\n"
                     "      d.read_text('INSTALLER').strip(), len(d.files), missing)\n"});
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    // 9 files of the wheel, 3 scripts, INSTALLER, REQUESTED, RECORD; every one exists.
    EXPECT_EQ(imported.out, "42 1.2.3 gator-provision 15 []\n");
    const auto tool = run(venv / "bin" / "gator-demo", {"a", "b"});
    EXPECT_EQ(tool.exit_code, 0) << tool.err;
    EXPECT_EQ(tool.out, "tool ran ['a', 'b']\n");
    const auto raw = run(venv / "bin" / "gator-demo-raw", {});
    EXPECT_EQ(raw.exit_code, 0) << raw.err;
    EXPECT_EQ(raw.out, "42\n");
    const auto shell = run(venv / "bin" / "gator-demo-sh", {});
    EXPECT_EQ(shell.out, "shell script\n");
    EXPECT_EQ(read_text(venv / "share/gator-demo/notes.txt"), "notes\n");
    EXPECT_EQ(read_text(venv / "include/site/python3.11/gator-demo/gator_demo.h"),
              "#define GATOR_DEMO 1\n");
  }
};

TEST_F(VenvTest, InstalledPackageImportsReportsItsVersionAndRunsItsScripts) {
  const UnpackedWheel unpacked = unpack(demo());
  for (const LinkMode mode : {LinkMode::hardlink, LinkMode::copy, LinkMode::automatic}) {
    const fs::path venv = m_dir / ("venv-" + std::to_string(static_cast<int>(mode)));
    const InstallOptions options = make_venv(venv, mode, "gator-demo");
    const InstallResult result = install_wheel(unpacked, options);
    EXPECT_EQ(result.hardlinked + result.copied + result.reflinked, 9u);
    if (mode == LinkMode::hardlink) {
      EXPECT_EQ(result.hardlinked, 9u);
    }
    if (mode == LinkMode::copy) {
      EXPECT_EQ(result.copied, 9u);
    }
    check_demo(venv);
  }
}

TEST_F(VenvTest, ScriptsWorkWhenTheVenvPathHasASpace) {
  const fs::path venv = m_dir / "my venv";
  const InstallOptions options = make_venv(venv, LinkMode::automatic, "gator-demo");
  (void)install_wheel(unpack(demo()), options);
  EXPECT_TRUE(read_text(venv / "bin" / "gator-demo").starts_with("#!/bin/sh\n'''exec' '"));
  check_demo(venv);
}

TEST_F(VenvTest, RefusedWheelsLeaveTheVenvAsItWas) {
  const fs::path venv = m_dir / "venv";
  const InstallOptions options = make_venv(venv, LinkMode::automatic, "gator-demo");
  (void)install_wheel(unpack(demo()), options);
  const std::set<std::string> before = tree_of(venv);

  std::vector<WheelBuilder> bad(7, demo());
  bad[0].raw_member("../../evil.py", "owned", 0100644);
  bad[1].raw_member("/tmp/gator-evil.py", "owned", 0100644);
  bad[2].symlink_member("gator_demo/passwd", "/etc/passwd");
  bad[3].record_hash("gator_demo/__init__.py", record_hash_of("VALUE = 0\n"));
  bad[4].record_size("gator_demo/__init__.py", "1");
  bad[5].omit_from_record("gator_demo/cli.py");
  bad[6].wheel_text("Wheel-Version: 2.0\n");
  for (const WheelBuilder& builder : bad) {
    const Stored stored = store(builder.build(), builder.filename());
    EXPECT_THROW(
        {
          const UnpackedWheel unpacked =
              unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
          (void)install_wheel(unpacked, options);
        },
        Error);
  }
  EXPECT_EQ(tree_of(venv), before);
  EXPECT_FALSE(fs::exists("/tmp/gator-evil.py"));
  EXPECT_TRUE(tree_of(m_cache->staging_dir()).empty());
  check_demo(venv);
}

TEST_F(VenvTest, DebiansPipAndSetuptoolsWheelsInstallAndRun) {
  std::optional<fs::path> pip;
  std::optional<fs::path> setuptools;
  if (fs::exists(k_debian_wheels)) {
    for (const auto& entry : fs::directory_iterator(k_debian_wheels)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("pip-") && name.ends_with(".whl"))
        pip = entry.path();
      if (name.starts_with("setuptools-") && name.ends_with(".whl"))
        setuptools = entry.path();
    }
  }
  if (!pip || !setuptools)
    GTEST_SKIP() << "python3-pip-whl and python3-setuptools-whl are not installed";
  const fs::path venv = m_dir / "venv";
  InstallOptions options = make_venv(venv, LinkMode::automatic, "pip");
  (void)install_wheel(unpack_file(*pip), options);
  options.scheme.headers = venv / "include/site/python3.11/setuptools";
  (void)install_wheel(unpack_file(*setuptools), options);

  const auto version = run(venv / "bin/python", {"-m", "pip", "--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_TRUE(version.out.starts_with("pip ")) << version.out;
  EXPECT_NE(version.out.find((venv / "lib/python3.11/site-packages/pip").string()),
            std::string::npos)
      << version.out;
  const auto script = run(venv / "bin/pip", {"--version"});
  EXPECT_EQ(script.exit_code, 0) << script.err;
  EXPECT_EQ(script.out, version.out);
  const auto list = run(venv / "bin/python",
                        {"-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("setuptools=="), std::string::npos) << list.out;
  const auto imported = run(venv / "bin/python", {"-c", "import setuptools, pkg_resources"});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
}

// Every file pip writes for the same wheel, byte for byte, except pip's INSTALLER and
// direct_url.json (pip records the local file it installed from), RECORD's line order and
// __pycache__; scripts differ only by the venv path in the shebang.
TEST_F(VenvTest, InstallsTheSameFilesAsPip) {
  const auto pip_version = run(k_python, {"-m", "pip", "--version"});
  if (pip_version.exit_code != 0)
    GTEST_SKIP() << "pip is not available for " << k_python;
  const WheelBuilder builder = demo();
  const Stored stored = store(builder.build(), builder.filename());

  // Both installs happen at the same path (ours is moved aside afterwards), so that shebangs,
  // activate scripts and RECORD hashes can be compared byte for byte.
  const fs::path venv = m_dir / "venv";
  const fs::path ours = m_dir / "ours";
  (void)install_wheel(unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename),
                      make_venv(venv, LinkMode::automatic, "gator-demo"));
  fs::rename(venv, ours);
  (void)make_venv(venv, LinkMode::copy, "gator-demo");
  const fs::path& theirs = venv;
  const auto installed =
      run(k_python, {"-m", "pip", "--python", (theirs / "bin/python").string(), "install",
                     "--no-deps", "--no-index", "--no-compile", "--no-cache-dir",
                     "--disable-pip-version-check", stored.path.string()});
  ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;

  const auto files_of = [](const fs::path& root) {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      const std::string path = entry.path().lexically_relative(root).generic_string();
      if (entry.is_regular_file() && path.find("__pycache__") == std::string::npos &&
          !path.ends_with("/INSTALLER") && !path.ends_with("/direct_url.json"))
        files.insert(path);
    }
    return files;
  };
  const auto record_rows = [](const std::string& text) {
    std::set<std::string> rows;
    // pip's csv writer ends rows with "\r\n"; readers take either.
    for (std::string_view line : util::split(text, '\n')) {
      if (line.ends_with('\r'))
        line.remove_suffix(1);
      if (!line.empty() && line.find("/INSTALLER,") == std::string_view::npos &&
          line.find("/direct_url.json,") == std::string_view::npos)
        rows.emplace(line);
    }
    return rows;
  };
  const std::set<std::string> our_files = files_of(ours);
  ASSERT_EQ(our_files, files_of(theirs));
  for (const std::string& file : our_files) {
    const std::string mine = read_text(ours / file);
    const std::string pips = read_text(theirs / file);
    if (file.ends_with("/RECORD")) {
      EXPECT_EQ(record_rows(mine), record_rows(pips)) << file;
    } else {
      EXPECT_EQ(mine, pips) << file;
    }
  }
}

}  // namespace
}  // namespace gator::wheel::test

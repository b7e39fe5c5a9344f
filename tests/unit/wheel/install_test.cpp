#include "wheel/install.hpp"

#include <unistd.h>

#include "conformance.hpp"
#include "util/error.hpp"
#include "wheel/scripts.hpp"
#include "wheel_fixture.hpp"

namespace gator::wheel::test {
namespace {

using nlohmann::json;

constexpr std::string_view k_entry_points =
    "[console_scripts]\ntool = demo.cli:main\n\n[gui_scripts]\ngtool = demo.cli:gui\n";

// A wheel using every part of the format.
[[nodiscard]] WheelBuilder full_demo() {
  WheelBuilder builder;
  const std::string data = builder.data_dir();
  builder.file("demo/__init__.py", "VALUE = 1\n")
      .file("demo/cli.py", "def main():\n    print('tool ran')\n\ndef gui():\n    pass\n")
      .file(data + "/purelib/extra.py", "EXTRA = 2\n")
      .file(data + "/scripts/run-demo", "#!python\nimport demo\nprint(demo.VALUE)\n")
      .file(data + "/scripts/plain.sh", "#!/bin/sh\necho plain\n", 0755)
      .file(data + "/headers/demo.h", "#define DEMO 1\n")
      .file(data + "/data/share/demo/readme.txt", "hello\n")
      .entry_points(std::string(k_entry_points));
  return builder;
}

[[nodiscard]] std::string row(const std::string& path, const std::string& content) {
  return path + "," + record_hash_of(content) + "," + std::to_string(content.size()) + "\n";
}

class InstallTest : public WheelTest {
 protected:
  fs::path m_venv = m_dir / "venv";
  fs::path m_site = m_venv / "lib/python3.11/site-packages";
};

TEST_F(InstallTest, InstallsEveryPartOfTheFormatAndRecordsIt) {
  const UnpackedWheel unpacked = unpack(full_demo());
  InstallOptions options = options_for(m_venv, LinkMode::copy);
  options.requested = Requested::yes;
  const InstallResult result = install_wheel(unpacked, options);

  EXPECT_EQ(result.dist_info, m_site / "demo-1.0.dist-info");
  EXPECT_TRUE(result.warnings.empty());
  EXPECT_EQ(tree_of(m_venv), (std::set<std::string>{
                                 "bin",
                                 "bin/gtool",
                                 "bin/plain.sh",
                                 "bin/run-demo",
                                 "bin/tool",
                                 "include",
                                 "include/site",
                                 "include/site/python3.11",
                                 "include/site/python3.11/demo",
                                 "include/site/python3.11/demo/demo.h",
                                 "lib",
                                 "lib/python3.11",
                                 "lib/python3.11/site-packages",
                                 "lib/python3.11/site-packages/demo",
                                 "lib/python3.11/site-packages/demo/__init__.py",
                                 "lib/python3.11/site-packages/demo/cli.py",
                                 "lib/python3.11/site-packages/demo-1.0.dist-info",
                                 "lib/python3.11/site-packages/demo-1.0.dist-info/INSTALLER",
                                 "lib/python3.11/site-packages/demo-1.0.dist-info/METADATA",
                                 "lib/python3.11/site-packages/demo-1.0.dist-info/RECORD",
                                 "lib/python3.11/site-packages/demo-1.0.dist-info/REQUESTED",
                                 "lib/python3.11/site-packages/demo-1.0.dist-info/WHEEL",
                                 "lib/python3.11/site-packages/demo-1.0.dist-info/entry_points.txt",
                                 "lib/python3.11/site-packages/extra.py",
                                 "share",
                                 "share/demo",
                                 "share/demo/readme.txt"}));

  const std::string python = (m_venv / "bin/python").string();
  const std::string tool =
      script_text({"tool", "demo.cli", "main", metadata::ScriptKind::console}, python);
  const std::string gtool =
      script_text({"gtool", "demo.cli", "gui", metadata::ScriptKind::gui}, python);
  const std::string run_demo = "#!" + python + "\nimport demo\nprint(demo.VALUE)\n";
  EXPECT_EQ(read_text(m_venv / "bin/tool"), tool);
  EXPECT_EQ(read_text(m_venv / "bin/gtool"), gtool);
  EXPECT_EQ(read_text(m_venv / "bin/run-demo"), run_demo);
  EXPECT_EQ(read_text(m_venv / "bin/plain.sh"), "#!/bin/sh\necho plain\n");
  EXPECT_EQ(mode_of(m_venv / "bin/tool"), 0755u);
  EXPECT_EQ(mode_of(m_venv / "bin/gtool"), 0755u);
  EXPECT_EQ(mode_of(m_venv / "bin/run-demo"), 0755u);
  EXPECT_EQ(mode_of(m_venv / "bin/plain.sh"), 0755u);
  EXPECT_EQ(mode_of(m_site / "demo/__init__.py"), 0644u);
  EXPECT_EQ(read_text(m_site / "demo-1.0.dist-info/INSTALLER"), "gator-provision\n");
  EXPECT_EQ(read_text(m_site / "demo-1.0.dist-info/REQUESTED"), "");

  const WheelBuilder builder = full_demo();
  const std::string metadata = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n";
  const std::string wheel =
      "Wheel-Version: 1.0\nGenerator: gator-test 1.0\n"
      "Root-Is-Purelib: true\nTag: py3-none-any\n";
  EXPECT_EQ(read_text(m_site / "demo-1.0.dist-info/RECORD"),
            row("../../../bin/gtool", gtool) +
                row("../../../bin/plain.sh", "#!/bin/sh\necho plain\n") +
                row("../../../bin/run-demo", run_demo) + row("../../../bin/tool", tool) +
                row("../../../include/site/python3.11/demo/demo.h", "#define DEMO 1\n") +
                row("../../../share/demo/readme.txt", "hello\n") +
                row("demo-1.0.dist-info/INSTALLER", "gator-provision\n") +
                row("demo-1.0.dist-info/METADATA", metadata) +
                row("demo-1.0.dist-info/REQUESTED", "") + row("demo-1.0.dist-info/WHEEL", wheel) +
                row("demo-1.0.dist-info/entry_points.txt", std::string(k_entry_points)) +
                row("demo/__init__.py", "VALUE = 1\n") +
                row("demo/cli.py", "def main():\n    print('tool ran')\n\ndef gui():\n    pass\n") +
                row("extra.py", "EXTRA = 2\n") + "demo-1.0.dist-info/RECORD,,\n");
  // Copied: 9 files from the tree; written: 3 scripts, INSTALLER, REQUESTED, RECORD.
  EXPECT_EQ(result.copied, 9u);
  EXPECT_EQ(result.written, 6u);
  EXPECT_EQ(result.hardlinked + result.reflinked, 0u);
}

TEST_F(InstallTest, APreparedInstallListsExactlyTheFilesItCreates) {
  WheelBuilder builder = full_demo();
  // Skipped ones are not listed: __pycache__ files and setuptools' entry-point wrappers.
  builder.file("demo/__pycache__/cli.cpython-311.pyc", "compiled")
      .file(builder.data_dir() + "/scripts/tool", "#!/bin/sh\nwrapper\n", 0755);
  const UnpackedWheel unpacked = unpack(builder);
  InstallOptions options = options_for(m_venv);
  options.requested = Requested::yes;
  PreparedInstall prepared(unpacked, options);
  std::set<std::string> listed;
  for (const fs::path& path : prepared.destinations()) {
    EXPECT_TRUE(path.is_absolute()) << path;
    listed.insert(path.lexically_relative(m_venv).generic_string());
  }
  EXPECT_EQ(listed.size(), prepared.destinations().size()) << "no path twice";
  EXPECT_FALSE(fs::exists(m_venv)) << "preparing creates nothing";

  (void)prepared.install();
  std::set<std::string> created;
  for (const auto& entry : fs::recursive_directory_iterator(m_venv)) {
    if (!entry.is_directory())
      created.insert(entry.path().lexically_relative(m_venv).generic_string());
  }
  EXPECT_EQ(listed, created);
  EXPECT_TRUE(created.contains("bin/tool"));
  EXPECT_TRUE(created.contains("lib/python3.11/site-packages/demo-1.0.dist-info/REQUESTED"));
}

TEST_F(InstallTest, WithoutRequestedThereIsNoRequestedFile) {
  const UnpackedWheel unpacked = unpack(full_demo());
  (void)install_wheel(unpacked, options_for(m_venv));
  EXPECT_FALSE(fs::exists(m_site / "demo-1.0.dist-info/REQUESTED"));
  EXPECT_EQ(read_text(m_site / "demo-1.0.dist-info/RECORD").find("REQUESTED"), std::string::npos);
}

TEST_F(InstallTest, HardlinksShareTheCacheInodeExceptForFilesTheInstallerWrites) {
  const UnpackedWheel unpacked = unpack(full_demo());
  const InstallResult result = install_wheel(unpacked, options_for(m_venv, LinkMode::hardlink));
  EXPECT_EQ(result.hardlinked, 9u);
  EXPECT_EQ(result.copied, 0u);
  EXPECT_EQ(inode_of(m_site / "demo/__init__.py"), inode_of(unpacked.tree / "demo/__init__.py"));
  EXPECT_EQ(inode_of(m_venv / "bin/plain.sh"),
            inode_of(unpacked.tree / "demo-1.0.data/scripts/plain.sh"));
  EXPECT_EQ(mode_of(m_venv / "bin/plain.sh"), 0755u);
  // Rewritten or generated: never the cache's inode, so the cache stays as the wheel had it.
  EXPECT_NE(inode_of(m_venv / "bin/run-demo"),
            inode_of(unpacked.tree / "demo-1.0.data/scripts/run-demo"));
  EXPECT_EQ(read_text(unpacked.tree / "demo-1.0.data/scripts/run-demo"),
            "#!python\nimport demo\nprint(demo.VALUE)\n");
  EXPECT_NE(inode_of(m_site / "demo-1.0.dist-info/RECORD"),
            inode_of(unpacked.tree / "demo-1.0.dist-info/RECORD"));
  // The cache keeps the wheel's own RECORD.
  EXPECT_NE(read_text(unpacked.tree / "demo-1.0.dist-info/RECORD").find(",,\n"), std::string::npos);
  EXPECT_EQ(read_text(unpacked.tree / "demo-1.0.dist-info/RECORD").find("INSTALLER"),
            std::string::npos);
}

TEST_F(InstallTest, CopyAndReflinkModesNeverShareAnInode) {
  const UnpackedWheel unpacked = unpack(full_demo());
  const InstallResult copied = install_wheel(unpacked, options_for(m_venv, LinkMode::copy));
  EXPECT_EQ(copied.copied, 9u);
  EXPECT_NE(inode_of(m_site / "demo/__init__.py"), inode_of(unpacked.tree / "demo/__init__.py"));

  const fs::path other = m_dir / "venv2";
  const InstallResult reflinked = install_wheel(unpacked, options_for(other, LinkMode::reflink));
  // Reflinks where the filesystem has them (btrfs, XFS), copies elsewhere; never hard links.
  EXPECT_EQ(reflinked.reflinked + reflinked.copied, 9u);
  EXPECT_EQ(reflinked.hardlinked, 0u);
  EXPECT_NE(inode_of(other / "lib/python3.11/site-packages/demo/__init__.py"),
            inode_of(unpacked.tree / "demo/__init__.py"));
  EXPECT_EQ(read_text(other / "lib/python3.11/site-packages/demo/__init__.py"), "VALUE = 1\n");
}

TEST_F(InstallTest, AutomaticModeLinksEveryFileSomehow) {
  const UnpackedWheel unpacked = unpack(full_demo());
  const InstallResult result = install_wheel(unpacked, options_for(m_venv));
  // The cache and the target share a filesystem here: reflinks or hard links, no copies.
  EXPECT_EQ(result.reflinked + result.hardlinked, 9u);
  EXPECT_EQ(result.copied, 0u);
}

TEST_F(InstallTest, HardlinkModeCopiesAcrossFilesystems) {
  // /dev/shm is a tmpfs: a link from the cache into it fails with EXDEV.
  struct stat shm {};
  struct stat here {};
  if (::stat("/dev/shm", &shm) != 0 || ::stat(m_dir.c_str(), &here) != 0 ||
      shm.st_dev == here.st_dev || ::access("/dev/shm", W_OK) != 0) {
    GTEST_SKIP() << "no writable /dev/shm on another filesystem";
  }
  std::string pattern = "/dev/shm/gator-wheel-test-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path other(pattern);
  const UnpackedWheel unpacked = unpack(full_demo());
  const InstallResult result = install_wheel(unpacked, options_for(other, LinkMode::hardlink));
  EXPECT_EQ(result.copied, 9u);
  EXPECT_EQ(result.hardlinked, 0u);
  EXPECT_EQ(read_text(other / "lib/python3.11/site-packages/demo/__init__.py"), "VALUE = 1\n");
  fs::remove_all(other);
}

TEST_F(InstallTest, PlatlibWheelsGoToPlatlibAndRecordIsRelativeToIt) {
  WheelBuilder builder;
  builder.wheel_text("Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp311-cp311-linux_x86_64\n")
      .file("native/__init__.py", "")
      .file(builder.data_dir() + "/purelib/pure.py", "x = 1\n");
  const UnpackedWheel unpacked = unpack(builder);
  InstallOptions options = options_for(m_venv);
  options.scheme.purelib = m_venv / "pure";
  options.scheme.platlib = m_venv / "plat/";
  const InstallResult result = install_wheel(unpacked, options);
  EXPECT_EQ(result.dist_info, m_venv / "plat/demo-1.0.dist-info");
  EXPECT_TRUE(fs::exists(m_venv / "plat/native/__init__.py"));
  EXPECT_TRUE(fs::exists(m_venv / "pure/pure.py"));
  const std::string record = read_text(m_venv / "plat/demo-1.0.dist-info/RECORD");
  EXPECT_TRUE(record.starts_with("../pure/pure.py,")) << record;
  EXPECT_NE(record.find("\nnative/__init__.py,"), std::string::npos) << record;
}

TEST_F(InstallTest, SkipsSetuptoolsWrappersForEntryPoints) {
  WheelBuilder builder = full_demo();
  builder.file(builder.data_dir() + "/scripts/tool", "#!python\n# setuptools wrapper\n")
      .file(builder.data_dir() + "/scripts/tool-script.py", "# wrapper\n")
      .file(builder.data_dir() + "/scripts/gtool.exe", "MZ");
  const UnpackedWheel unpacked = unpack(builder);
  (void)install_wheel(unpacked, options_for(m_venv));
  EXPECT_NE(read_text(m_venv / "bin/tool").find("from demo.cli import main"), std::string::npos);
  EXPECT_FALSE(fs::exists(m_venv / "bin/tool-script.py"));
  EXPECT_FALSE(fs::exists(m_venv / "bin/gtool.exe"));
}

TEST_F(InstallTest, ExistingFileIsRefusedAndTheFailedInstallIsUndone) {
  (void)install_wheel(unpack(full_demo()), options_for(m_venv));
  const std::set<std::string> before = tree_of(m_venv);

  WheelBuilder other("other", "2.0");
  other.file("zzz_other/__init__.py", "").file("demo/__init__.py", "VALUE = 'other'\n");
  const UnpackedWheel unpacked = unpack(other);
  try {
    (void)install_wheel(unpacked, options_for(m_venv));
    FAIL() << "expected a conflict";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: cannot install other-2.0-py3-none-any.whl: " +
                  (m_site / "demo/__init__.py").string() +
                  " already exists\nhint: another package installs the same file\n");
  }
  EXPECT_EQ(tree_of(m_venv), before);
  EXPECT_EQ(read_text(m_site / "demo/__init__.py"), "VALUE = 1\n");
}

TEST_F(InstallTest, ReplaceOverwritesAsPipDoes) {
  (void)install_wheel(unpack(full_demo()), options_for(m_venv, LinkMode::hardlink));
  const UnpackedWheel first = unpack(full_demo());
  WheelBuilder other("other", "2.0");
  other.file("demo/__init__.py", "VALUE = 'other'\n");
  const UnpackedWheel unpacked = unpack(other);
  InstallOptions options = options_for(m_venv, LinkMode::hardlink);
  options.overwrite = Overwrite::replace;
  (void)install_wheel(unpacked, options);
  EXPECT_EQ(read_text(m_site / "demo/__init__.py"), "VALUE = 'other'\n");
  // Replaced by rename: the first wheel's cached file was not written through the link.
  EXPECT_EQ(read_text(first.tree / "demo/__init__.py"), "VALUE = 1\n");
  EXPECT_TRUE(fs::exists(m_site / "other-2.0.dist-info/RECORD"));
}

TEST_F(InstallTest, IoFailureHalfWayRemovesWhatWasCreated) {
  const UnpackedWheel unpacked = unpack(full_demo());
  InstallOptions options = options_for(m_venv);
  write_text(m_venv / "bin", "a file where the scripts directory should be");
  try {
    (void)install_wheel(unpacked, options);
    FAIL() << "expected an I/O error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
  }
  EXPECT_EQ(tree_of(m_venv), (std::set<std::string>{"bin"}));
}

TEST_F(InstallTest, RelativeSchemePathsAreABug) {
  const UnpackedWheel unpacked = unpack(full_demo());
  InstallOptions options = options_for(m_venv);
  options.scheme.scripts = "bin";
  EXPECT_THROW((void)install_wheel(unpacked, options), Error);
  EXPECT_FALSE(fs::exists(m_venv));
}

// installer.json: the shebang section (pure rewriting, and through real installs of a
// .data/<scheme>/<path> file) and the rules section.

TEST_F(InstallTest, ShebangConformance) {
  int installs = 0;
  gator::test::for_each_record("installer.json", "shebang", [&](const json& record) {
    const std::string input = record["input"];
    const std::string interpreter = record["interpreter"];
    const std::string expected = record["expected"];
    if (!record.contains("scheme")) {
      EXPECT_EQ(rewrite_shebang(input, interpreter).value_or(input), expected);
      return;
    }
    const std::string scheme = record["scheme"];
    const std::string path = record["path"];
    WheelBuilder builder("shebang" + std::to_string(installs), "1.0");
    builder.file(builder.data_dir() + "/" + scheme + "/" + path, input);
    const fs::path root = m_dir / ("target" + std::to_string(installs++));
    InstallOptions options = options_for(root);
    options.python = interpreter;
    (void)install_wheel(unpack(builder), options);
    const fs::path base = scheme == "scripts" ? root / "bin" : root;
    EXPECT_EQ(read_text(base / path), expected);
  });
  EXPECT_EQ(installs, 4);
}

TEST_F(InstallTest, RulesConformance) {
  gator::test::for_each_record("installer.json", "rules", [&](const json& record) {
    const std::string id = record["id"];
    const fs::path root = m_dir / id;
    if (id == "rule-0000") {  // Wheel-Version 1.1 installs
      WheelBuilder builder("newer", "1.0");
      builder.wheel_text("Wheel-Version: 1.1\nRoot-Is-Purelib: true\n").file("newer.py", "");
      const InstallResult result = install_wheel(unpack(builder), options_for(root));
      EXPECT_TRUE(fs::exists(root / "lib/python3.11/site-packages/newer.py"));
      EXPECT_EQ(result.warnings.size(), 1u);
    } else if (id == "rule-0001") {  // Wheel-Version 2.0 is refused
      WheelBuilder builder("future", "1.0");
      builder.wheel_text("Wheel-Version: 2.0\n").file("future.py", "");
      const std::string rendered = refusal_of(builder, ErrorKind::invalid_input);
      EXPECT_NE(rendered.find("incompatible Wheel-Version 2.0"), std::string::npos) << rendered;
    } else if (id == "rule-0002") {  // __pycache__ skipped with a warning, not in RECORD
      WheelBuilder builder("cached", "1.0");
      builder.file("cached/__init__.py", "")
          .file("__pycache__/bad.cpython-312.pyc", "pyc")
          .file("fancy/__pycache__/bad.cpython-312.pyc", "pyc");
      const InstallResult result = install_wheel(unpack(builder), options_for(root));
      const fs::path site = root / "lib/python3.11/site-packages";
      EXPECT_FALSE(fs::exists(site / "__pycache__"));
      EXPECT_FALSE(fs::exists(site / "fancy"));
      EXPECT_EQ(read_text(site / "cached-1.0.dist-info/RECORD").find("__pycache__"),
                std::string::npos);
      EXPECT_EQ(result.warnings,
                (std::vector<std::string>{
                    "cached-1.0-py3-none-any.whl: not installing __pycache__/bad.cpython-312.pyc "
                    "(files under __pycache__ are generated on the target)",
                    "cached-1.0-py3-none-any.whl: not installing "
                    "fancy/__pycache__/bad.cpython-312.pyc (files under __pycache__ are "
                    "generated on the target)"}));
    } else if (id == "rule-0003") {  // paths escaping the scheme directory are refused
      WheelBuilder builder("escape", "1.0");
      builder.raw_member("subdir/../../outside.txt", "x", 0100644);
      const std::string rendered = refusal_of(builder, ErrorKind::integrity);
      EXPECT_NE(rendered.find("member \"subdir/../../outside.txt\" has a \"..\" path component"),
                std::string::npos)
          << rendered;
      EXPECT_FALSE(fs::exists(m_dir / "outside.txt"));
    } else if (id == "rule-0004") {  // writing a file twice fails unless overwriting
      WheelBuilder first("first", "1.0");
      first.file("shared.py", "1");
      WheelBuilder second("second", "1.0");
      second.file("shared.py", "2");
      (void)install_wheel(unpack(first), options_for(root));
      EXPECT_THROW((void)install_wheel(unpack(second), options_for(root)), Error);
      InstallOptions replace = options_for(root);
      replace.overwrite = Overwrite::replace;
      (void)install_wheel(unpack(second), replace);
      EXPECT_EQ(read_text(root / "lib/python3.11/site-packages/shared.py"), "2");
    } else {
      ADD_FAILURE() << "no driver for " << id;
    }
  });
}

}  // namespace
}  // namespace gator::wheel::test

#include "wheel/unpack.hpp"

#include <sys/stat.h>

#include "util/error.hpp"
#include "util/subprocess.hpp"
#include "wheel_fixture.hpp"

namespace gator::wheel::test {
namespace {

constexpr std::string_view k_prefix =
    "gator-provision: error: refusing wheel demo-1.0-py3-none-any.whl: ";

[[nodiscard]] WheelBuilder demo() {
  WheelBuilder builder;
  builder.file("demo/__init__.py", "VALUE = 1\n");
  return builder;
}

class UnpackTest : public WheelTest {};

TEST_F(UnpackTest, ModesDoNotDependOnTheUmask) {
  WheelBuilder builder = demo();
  builder.file("demo/tool.sh", "#!/bin/sh\necho hi\n", 0755);
  const mode_t previous = ::umask(077);  // group and others would lose every bit
  UnpackedWheel unpacked;
  try {
    unpacked = unpack(builder);
  } catch (...) {
    ::umask(previous);
    throw;
  }
  ::umask(previous);
  EXPECT_EQ(mode_of(unpacked.tree / "demo/__init__.py"), 0644u);
  EXPECT_EQ(mode_of(unpacked.tree / "demo/tool.sh"), 0755u);
}

TEST_F(UnpackTest, UnpacksOnceIntoTheCacheWithModes) {
  WheelBuilder builder = demo();
  builder.file("demo/tool.sh", "#!/bin/sh\necho hi\n", 0755)
      .directory("demo/empty")
      .file(builder.data_dir() + "/scripts/run-demo", "#!python\nprint('x')\n", 0644)
      .file(builder.data_dir() + "/data/share/demo/readme.txt", "hello");
  const UnpackedWheel unpacked = unpack(builder);
  const Stored stored = store(builder.build(), builder.filename());
  EXPECT_EQ(unpacked.tree, m_cache->unpacked_path(stored.sha256));
  EXPECT_EQ(unpacked.filename, "demo-1.0-py3-none-any.whl");
  EXPECT_EQ(unpacked.dist_info, "demo-1.0.dist-info");
  EXPECT_EQ(unpacked.data_dir, "demo-1.0.data");
  EXPECT_TRUE(unpacked.root_is_purelib);
  EXPECT_TRUE(unpacked.warnings.empty());
  EXPECT_EQ(
      tree_of(unpacked.tree),
      (std::set<std::string>{
          "demo", "demo/__init__.py", "demo/tool.sh", "demo/empty", "demo-1.0.data",
          "demo-1.0.data/scripts", "demo-1.0.data/scripts/run-demo", "demo-1.0.data/data",
          "demo-1.0.data/data/share", "demo-1.0.data/data/share/demo",
          "demo-1.0.data/data/share/demo/readme.txt", "demo-1.0.dist-info",
          "demo-1.0.dist-info/WHEEL", "demo-1.0.dist-info/METADATA", "demo-1.0.dist-info/RECORD"}));
  EXPECT_EQ(read_text(unpacked.tree / "demo/__init__.py"), "VALUE = 1\n");
  EXPECT_EQ(mode_of(unpacked.tree / "demo/__init__.py"), 0644u);
  EXPECT_EQ(mode_of(unpacked.tree / "demo/tool.sh"), 0755u);
  // Scripts are made executable in the cache, so that hard links to them are.
  EXPECT_EQ(mode_of(unpacked.tree / "demo-1.0.data/scripts/run-demo"), 0755u);
  EXPECT_EQ(mode_of(unpacked.tree), 0755u);
  EXPECT_TRUE(tree_of(m_cache->staging_dir()).empty());

  // The second time, the tree is found and not rebuilt.
  const ino_t inode = inode_of(unpacked.tree / "demo/__init__.py");
  const UnpackedWheel again = unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
  EXPECT_EQ(again.tree, unpacked.tree);
  EXPECT_EQ(again.dist_info, unpacked.dist_info);
  EXPECT_EQ(again.data_dir, unpacked.data_dir);
  EXPECT_TRUE(again.root_is_purelib);
  EXPECT_EQ(inode_of(unpacked.tree / "demo/__init__.py"), inode);
}

TEST_F(UnpackTest, NewerMinorWheelVersionUnpacksWithAWarning) {
  WheelBuilder builder = demo();
  builder.wheel_text("Wheel-Version: 1.9\nRoot-Is-Purelib: false\nTag: py3-none-any\n");
  const UnpackedWheel unpacked = unpack(builder);
  EXPECT_FALSE(unpacked.root_is_purelib);
  EXPECT_EQ(unpacked.warnings,
            (std::vector<std::string>{"demo-1.0-py3-none-any.whl has Wheel-Version 1.9, newer "
                                      "than the supported 1.0"}));
}

TEST_F(UnpackTest, AcceptsLegacyDistInfoSpellingAndLocalVersionOnlyInTheFileName) {
  // dist-info named with the unnormalized project name, METADATA without the local label.
  ZipWriter zip;
  const std::string metadata = "Metadata-Version: 2.1\nName: My.Demo\nVersion: 2.3.1\n";
  const std::string wheel = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n";
  const std::string init = "x = 1\n";
  zip.add_file("my_demo/__init__.py", init);
  zip.add_file("My.Demo-2.3.1.dist-info/METADATA", metadata);
  zip.add_file("My.Demo-2.3.1.dist-info/WHEEL", wheel);
  zip.add_file("My.Demo-2.3.1.dist-info/RECORD",
               "my_demo/__init__.py," + record_hash_of(init) + ",6\n" +
                   "My.Demo-2.3.1.dist-info/METADATA," + record_hash_of(metadata) + "," +
                   std::to_string(metadata.size()) + "\n" + "My.Demo-2.3.1.dist-info/WHEEL," +
                   record_hash_of(wheel) + "," + std::to_string(wheel.size()) + "\n" +
                   "My.Demo-2.3.1.dist-info/RECORD,,\n");
  const Stored stored = store(zip.finish(), "my_demo-2.3.1+rocm5.7-py3-none-any.whl");
  const UnpackedWheel unpacked =
      unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
  EXPECT_EQ(unpacked.dist_info, "My.Demo-2.3.1.dist-info");
}

TEST_F(UnpackTest, DamagedTreeInTheCacheIsReportedWithAHint) {
  const UnpackedWheel unpacked = unpack(demo());
  fs::remove(unpacked.tree / "demo-1.0.dist-info/WHEEL");
  try {
    (void)open_unpacked(unpacked.tree, unpacked.filename);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: the unpacked wheel " + unpacked.tree.string() +
                  " is damaged: cannot open " +
                  (unpacked.tree / "demo-1.0.dist-info/WHEEL").string() +
                  ": No such file or directory\n"
                  "hint: remove it with `gator-provision cache clean`\n");
  }
  fs::remove_all(unpacked.tree / "demo-1.0.dist-info");
  try {
    (void)open_unpacked(unpacked.tree, unpacked.filename);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: the unpacked wheel " + unpacked.tree.string() +
                  " is damaged: no .dist-info directory\n"
                  "hint: remove it with `gator-provision cache clean`\n");
  }
}

// Unsafe members: each refused before anything is written, naming the wheel and the member.

TEST_F(UnpackTest, RefusesDotDotMember) {
  WheelBuilder builder = demo();
  builder.raw_member("../evil.txt", "owned", 0100644);
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) + "member \"../evil.txt\" has a \"..\" path component\n");
}

TEST_F(UnpackTest, RefusesNestedDotDotMember) {
  WheelBuilder builder = demo();
  builder.raw_member("subdir/../../outside.txt", "owned", 0100644);
  EXPECT_EQ(
      refusal_of(builder, ErrorKind::integrity),
      std::string(k_prefix) + "member \"subdir/../../outside.txt\" has a \"..\" path component\n");
}

TEST_F(UnpackTest, RefusesAbsoluteMember) {
  WheelBuilder builder = demo();
  builder.raw_member("/tmp/evil.txt", "owned", 0100644);
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) + "member \"/tmp/evil.txt\" is an absolute path\n");
}

TEST_F(UnpackTest, RefusesSymlinkMember) {
  WheelBuilder builder = demo();
  builder.symlink_member("demo/link", "/etc/passwd");
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/link\" is a symbolic link\n");
}

TEST_F(UnpackTest, RefusesDeviceAndFifoMembers) {
  WheelBuilder device = demo();
  device.raw_member("demo/tty", "", 0020644);
  EXPECT_EQ(refusal_of(device, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/tty\" is a character device\n");
  WheelBuilder block = demo();
  block.raw_member("demo/disk", "", 0060644);
  EXPECT_EQ(refusal_of(block, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/disk\" is a block device\n");
  // libarchive reads a zip FIFO as a regular file; not in RECORD, it is refused all the same.
  WheelBuilder fifo = demo();
  fifo.raw_member("demo/pipe", "", 0010644);
  EXPECT_EQ(refusal_of(fifo, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/pipe\" is not listed in RECORD\n");
}

TEST_F(UnpackTest, RefusesBackslashTraversal) {
  // libarchive reads '\' in zip names as '/', which turns this into a ".." path.
  WheelBuilder builder = demo();
  builder.raw_member("demo\\..\\..\\evil.txt", "owned", 0100644);
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/../../evil.txt\" has a \"..\" path component\n");
}

TEST_F(UnpackTest, RefusesRepeatedMember) {
  WheelBuilder builder = demo();
  builder.raw_member("demo/__init__.py", "VALUE = 666\n", 0100644);
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/__init__.py\" appears more than once in the archive\n");
}

TEST_F(UnpackTest, RefusesNamesDifferingOnlyInCase) {
  WheelBuilder builder = demo();
  builder.file("demo/Readme.txt", "a").file("demo/README.txt", "b");
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/README.txt\" collides with \"demo/Readme.txt\" (names differing "
                "only in letter case)\n");
}

TEST_F(UnpackTest, RefusesAFileThatIsAlsoADirectory) {
  WheelBuilder builder = demo();
  builder.file("demo/x", "a").file("demo/x/y.py", "b");
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/x/y.py\" collides with \"demo/x\", which is both a file and a "
                "directory\n");
}

// RECORD disagreements.

TEST_F(UnpackTest, RefusesRecordHashMismatch) {
  WheelBuilder builder = demo();
  builder.record_hash("demo/__init__.py", record_hash_of("VALUE = 2\n"));
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/__init__.py\" does not match RECORD\n"
                "  caused by: RECORD says " +
                record_hash_of("VALUE = 2\n") + ", the file has " + record_hash_of("VALUE = 1\n") +
                "\n");
}

TEST_F(UnpackTest, RefusesRecordSizeMismatch) {
  WheelBuilder builder = demo();
  builder.record_size("demo/__init__.py", "3");
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/__init__.py\" does not match RECORD\n"
                "  caused by: RECORD says 3 bytes, the file has 10 bytes\n");
  WheelBuilder bigger = demo();
  bigger.record_size("demo/__init__.py", "11");
  EXPECT_EQ(refusal_of(bigger, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/__init__.py\" does not match RECORD\n"
                "  caused by: RECORD says 11 bytes, the file has 10 bytes\n");
}

TEST_F(UnpackTest, RefusesMemberMissingFromRecord) {
  WheelBuilder builder = demo();
  builder.omit_from_record("demo/__init__.py");
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/__init__.py\" is not listed in RECORD\n");
}

TEST_F(UnpackTest, RefusesRecordRowMissingFromArchive) {
  WheelBuilder builder = demo();
  builder.extra_record_row("demo/gone.py," + record_hash_of("x") + ",1");
  EXPECT_EQ(refusal_of(builder, ErrorKind::integrity),
            std::string(k_prefix) + "RECORD lists \"demo/gone.py\", which is not in the wheel\n");
}

TEST_F(UnpackTest, RefusesMissingWeakAndUnsupportedRecordHashes) {
  WheelBuilder missing = demo();
  missing.record_hash("demo/__init__.py", "");
  EXPECT_EQ(refusal_of(missing, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/__init__.py\" has no hash in RECORD\n");
  WheelBuilder weak = demo();
  weak.record_hash("demo/__init__.py", "md5=sTKQkDhAaqOFMTjnS5mXKA");
  EXPECT_EQ(refusal_of(weak, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/__init__.py\" is hashed with md5 in RECORD, which the wheel "
                "specification forbids\n");
  WheelBuilder sha512 = demo();
  sha512.record_hash("demo/__init__.py", "sha512=" + std::string(86, 'A'));
  EXPECT_EQ(refusal_of(sha512, ErrorKind::integrity),
            std::string(k_prefix) +
                "member \"demo/__init__.py\" is hashed with sha512 in RECORD; only sha256 is "
                "supported\n");
  WheelBuilder no_size = demo();
  no_size.record_size("demo/__init__.py", "");
  EXPECT_EQ(refusal_of(no_size, ErrorKind::integrity),
            std::string(k_prefix) + "member \"demo/__init__.py\" has no size in RECORD\n");
}

TEST_F(UnpackTest, CompressionBombsStopBeingWrittenAtOnce) {
  // 100 MiB of zeros deflate to ~100 KiB; Python's zipfile writes the deflated members.
  const fs::path python = "/usr/bin/python3";
  if (!fs::exists(python))
    GTEST_SKIP() << "no " << python;
  const WheelBuilder builder = demo();
  const fs::path plain = m_dir / "plain.whl";
  write_text(plain, builder.build());
  // A copy of the wheel, deflated, with `member` replaced or added as 100 MiB of zeros.
  const auto bomb = [&](const std::string& member) {
    const fs::path out = m_dir / "bomb.whl";
    util::ProcessRequest request;
    request.executable = python;
    request.args = {"-c",
                    "import sys, zipfile\n"
                    "src = zipfile.ZipFile(sys.argv[1])\n"
                    "zeros = b'\\0' * (100 << 20)\n"
                    "with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as out:\n"
                    "    names = [info.filename for info in src.infolist()]\n"
                    "    for name in names:\n"
                    "        out.writestr(name, zeros if name == sys.argv[3] else src.read(name))\n"
                    "    if sys.argv[3] not in names:\n"
                    "        out.writestr(sys.argv[3], zeros)\n",
                    plain.string(), out.string(), member};
    EXPECT_EQ(util::run_process(request).exit_code, 0);
    const std::string bytes = read_text(out);
    EXPECT_LT(bytes.size(), 1u << 20);
    return store(bytes, builder.filename());
  };
  const auto refusal = [&](const Stored& stored) {
    try {
      (void)unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
    } catch (const Error& error) {
      EXPECT_TRUE(tree_of(m_cache->staging_dir()).empty());
      return error.render("gator-provision");
    }
    return std::string("not refused");
  };
  EXPECT_EQ(refusal(bomb("demo/__init__.py")),
            std::string(k_prefix) +
                "member \"demo/__init__.py\" does not match RECORD\n"
                "  caused by: RECORD says 10 bytes, the file has more than 1048586 bytes\n");
  EXPECT_EQ(refusal(bomb("demo-1.0.dist-info/RECORD.jws")),
            std::string(k_prefix) +
                "member \"demo-1.0.dist-info/RECORD.jws\" is larger than 64 MiB and has no "
                "size in RECORD\n");
}

// Malformed metadata.

TEST_F(UnpackTest, RefusesWheelVersion2) {
  WheelBuilder builder = demo();
  builder.wheel_text("Wheel-Version: 2.0\nRoot-Is-Purelib: true\n");
  EXPECT_EQ(refusal_of(builder, ErrorKind::invalid_input),
            "demo-1.0.dist-info/WHEEL:1:16: error: refusing wheel demo-1.0-py3-none-any.whl: "
            "malformed demo-1.0.dist-info/WHEEL\n"
            "  1 | Wheel-Version: 2.0\n"
            "    |                ^~~\n"
            "  caused by: WHEEL: incompatible Wheel-Version 2.0: this installer supports 1.x "
            "wheels only\n");
}

TEST_F(UnpackTest, RefusesMalformedMetadata) {
  WheelBuilder builder = demo();
  builder.metadata_text("Metadata-Version: 2.1\nName: demo\nVersion: not a version\n");
  const std::string rendered = refusal_of(builder, ErrorKind::invalid_input);
  EXPECT_TRUE(
      rendered.starts_with("demo-1.0.dist-info/METADATA:3:10: error: refusing wheel "
                           "demo-1.0-py3-none-any.whl: malformed "
                           "demo-1.0.dist-info/METADATA\n"
                           "  3 | Version: not a version\n"))
      << rendered;
}

TEST_F(UnpackTest, RefusesMetadataOfAnotherProjectOrVersion) {
  WheelBuilder name = demo();
  name.metadata_text("Metadata-Version: 2.1\nName: other\nVersion: 1.0\n");
  EXPECT_EQ(refusal_of(name, ErrorKind::invalid_input),
            std::string(k_prefix) +
                "demo-1.0.dist-info/METADATA names project \"other\", the file name \"demo\"\n");
  WheelBuilder version = demo();
  version.metadata_text("Metadata-Version: 2.1\nName: demo\nVersion: 1.1\n");
  EXPECT_EQ(
      refusal_of(version, ErrorKind::invalid_input),
      std::string(k_prefix) + "demo-1.0.dist-info/METADATA says version 1.1, the file name 1.0\n");
}

TEST_F(UnpackTest, RefusesMalformedEntryPoints) {
  WheelBuilder builder = demo();
  builder.entry_points("[console_scripts]\ntool = demo\n");
  const std::string rendered = refusal_of(builder, ErrorKind::invalid_input);
  EXPECT_TRUE(
      rendered.starts_with("demo-1.0.dist-info/entry_points.txt:2:"
                           "8: error: refusing wheel demo-1.0-py3-none-any.whl: "
                           "malformed demo-1.0.dist-info/entry_points.txt\n"))
      << rendered;
}

TEST_F(UnpackTest, RefusesMissingOrForeignDistInfo) {
  ZipWriter none;
  none.add_file("demo/__init__.py", "x");
  const Stored stored = store(none.finish(), "demo-1.0-py3-none-any.whl");
  try {
    (void)unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
    FAIL() << "expected a refusal";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    EXPECT_EQ(error.render("gator-provision"), std::string(k_prefix) + "no .dist-info directory\n");
  }

  WheelBuilder other("other", "1.0");
  const Stored foreign = store(other.build(), "demo-1.0-py3-none-any.whl");
  try {
    (void)unpack_wheel(*m_cache, foreign.path, foreign.sha256, foreign.filename);
    FAIL() << "expected a refusal";
  } catch (const Error& error) {
    EXPECT_EQ(error.render("gator-provision"),
              std::string(k_prefix) +
                  "its .dist-info directory \"other-1.0.dist-info\" is not for project "
                  "\"demo\"\n");
  }

  WheelBuilder two = demo();
  two.file("extra-1.0.dist-info/METADATA", "x");
  EXPECT_EQ(refusal_of(two, ErrorKind::invalid_input),
            std::string(k_prefix) +
                "more than one .dist-info directory: demo-1.0.dist-info, extra-1.0.dist-info\n");
}

TEST_F(UnpackTest, RefusesWheelWithoutRecord) {
  ZipWriter zip;
  zip.add_file("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n");
  zip.add_file("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n");
  const Stored stored = store(zip.finish(), "demo-1.0-py3-none-any.whl");
  try {
    (void)unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
    FAIL() << "expected a refusal";
  } catch (const Error& error) {
    EXPECT_EQ(error.render("gator-provision"),
              std::string(k_prefix) + "no demo-1.0.dist-info/RECORD\n");
  }
}

TEST_F(UnpackTest, RefusesUnknownDataDirectories) {
  WheelBuilder builder = demo();
  builder.file(builder.data_dir() + "/lib/x.so", "x");
  EXPECT_EQ(refusal_of(builder, ErrorKind::invalid_input),
            std::string(k_prefix) +
                "member \"demo-1.0.data/lib/x.so\" is in an unknown .data directory \"lib\"\n");
  WheelBuilder loose = demo();
  loose.file(loose.data_dir() + "/x.txt", "x");
  EXPECT_EQ(refusal_of(loose, ErrorKind::invalid_input),
            std::string(k_prefix) +
                "member \"demo-1.0.data/x.txt\" is not in a scheme directory (purelib, platlib, "
                "headers, scripts or data)\n");
}

TEST_F(UnpackTest, RefusesSomethingThatIsNotAZip) {
  const Stored stored = store("this is not a zip archive", "demo-1.0-py3-none-any.whl");
  try {
    (void)unpack_wheel(*m_cache, stored.path, stored.sha256, stored.filename);
    FAIL() << "expected a refusal";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    EXPECT_EQ(std::string(error.what()),
              "refusing wheel demo-1.0-py3-none-any.whl: not a readable zip archive");
    EXPECT_EQ(error.causes().size(), 1u);
  }
  EXPECT_TRUE(tree_of(m_cache->staging_dir()).empty());
}

}  // namespace
}  // namespace gator::wheel::test

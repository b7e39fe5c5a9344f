// Lock files the reader accepts: other tools' style, every kind of source, newer minor versions.
#include "lock/read.hpp"

#include <gtest/gtest.h>

#include "lock/write.hpp"
#include "lock_fixture.hpp"

namespace gator::lock {
namespace {

using test::edited;
using test::golden;
using test::k_small_lock;
using test::written;

// In the style of the specification's example (another tool's output): single quotes, +00:00
// offsets, wheels without sizes, an attestation identity and a [tool] table of its own.
constexpr std::string_view k_other_tool = R"(lock-version = '1.0'
environments = ["sys_platform == 'win32'", "sys_platform == 'linux'"]
requires-python = '== 3.12.*'
created-by = 'another-locker'

[[packages]]
name = 'sniffio'
version = '1.3.1'
requires-python = '>= 3.7'

    [[packages.wheels]]
    name = 'sniffio-1.3.1-py3-none-any.whl'
    upload-time = 2024-02-25T23:20:00.123+00:00
    url = 'https://files.example.org/packages/e9/44/sniffio-1.3.1-py3-none-any.whl'
    size = 10235
    hashes = {sha256 = 'E2AAB4C1D0F5F9D4E6B7A1C0F3D2B1A0E9F8D7C6B5A4F3E2D1C0B9A8F7E6D5C4'}

    [[packages.attestation-identities]]
    environment = 'publish'
    kind = 'GitHub'
    repository = 'python-trio/sniffio'

[[packages]]
name = 'anyio'
version = '4.4.0'
dependencies = [
    {name = 'sniffio'},
]

    [[packages.wheels]]
    url = 'https://files.example.org/packages/7b/a2/anyio-4.4.0-py3-none-any.whl'
    hashes = {sha256 = '6f5fa6d8c0c5a0a0d4f4e1c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1'}

[tool.another-locker]
command = ['lock', 'anyio']
run-on = 2025-03-06T12:28:57.760769
)";

TEST(LockRead, AnotherToolsFileReadsAndIsWrittenInOurStyle) {
  const auto result = parse_lockfile(k_other_tool, "pylock.toml");
  ASSERT_TRUE(result.has_value()) << result.error().render("gator-provision");
  EXPECT_TRUE(result->warnings.empty());
  const Lockfile& lock = result->lockfile;
  EXPECT_EQ(lock.created_by, "another-locker");
  ASSERT_EQ(lock.packages.size(), 2U);
  const Package& sniffio = lock.packages[0];
  EXPECT_EQ(sniffio.position.line, 6U);
  ASSERT_EQ(sniffio.wheels.size(), 1U);
  EXPECT_EQ(sniffio.wheels[0].upload_time->to_string(), "2024-02-25T23:20:00.123Z");
  EXPECT_EQ(sniffio.wheels[0].hashes.sha256->to_string(),
            "e2aab4c1d0f5f9d4e6b7a1c0f3d2b1a0e9f8d7c6b5a4f3e2d1c0b9a8f7e6d5c4");
  EXPECT_EQ(sniffio.wheels[0].position.line, 11U);
  ASSERT_EQ(sniffio.attestation_identities.size(), 1U);
  EXPECT_EQ(sniffio.attestation_identities[0].find("kind")->text, "GitHub");
  // No `name`: the file name is the last component of the URL.
  EXPECT_EQ(lock.packages[1].wheels[0].name, "anyio-4.4.0-py3-none-any.whl");
  EXPECT_FALSE(lock.packages[1].wheels[0].size.has_value());
  EXPECT_FALSE(lock.gator.has_value());
  ASSERT_NE(lock.tool.find("another-locker"), nullptr);
  EXPECT_EQ(lock.tool.find("another-locker")->find("run-on")->text, "2025-03-06T12:28:57.760769");

  const std::string text = written(lock);
  EXPECT_EQ(text, golden("pylock.other-tool.toml", text));
  EXPECT_EQ(written(read_lockfile(text, "pylock.toml").lockfile), text);
}

TEST(LockRead, EverySourceKindRoundTrips) {
  const std::string text = golden("pylock.kitchen-sink.toml", "");
  ASSERT_FALSE(text.empty());
  const auto result = parse_lockfile(text, "pylock.kitchen-sink.toml");
  ASSERT_TRUE(result.has_value()) << result.error().render("gator-provision");
  EXPECT_TRUE(result->warnings.empty());
  const Lockfile& lock = result->lockfile;
  ASSERT_EQ(lock.packages.size(), 6U);
  EXPECT_EQ(source_kind(lock.packages[2]), SourceKind::directory);
  EXPECT_EQ(source_kind(lock.packages[3]), SourceKind::archive);
  EXPECT_EQ(source_kind(lock.packages[4]), SourceKind::vcs);
  EXPECT_EQ(lock.packages[1].sdist->hashes.others.at("md5"), "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(written(lock), text);
}

TEST(LockRead, WheelNameFromAPercentEncodedUrl) {
  const std::string text =
      edited(edited(edited(k_small_lock, "    name = \"idna-3.7-py3-none-any.whl\"\n", ""),
                    "version = \"3.7\"", "version = \"3.7+local.1\""),
             "https://files.example.org/idna-3.7-py3-none-any.whl",
             "https://files.example.org/whl/idna-3.7%2Blocal.1-py3-none-any.whl?x=1#sha256=00");
  const auto lock = read_lockfile(text, "pylock.toml").lockfile;
  EXPECT_EQ(lock.packages[0].wheels[0].name, "idna-3.7+local.1-py3-none-any.whl");
}

TEST(LockRead, EntriesOfOnePackageTellApartByMarker) {
  const std::string second =
      edited(std::string(k_small_lock.substr(k_small_lock.find("[[packages]]"))),
             "index =", "marker = \"python_version < '3.8'\"\nindex =");
  const auto result = parse_lockfile(std::string(k_small_lock) + "\n" + second, "pylock.toml");
  ASSERT_TRUE(result.has_value()) << result.error().render("gator-provision");
  EXPECT_EQ(result->lockfile.packages.size(), 2U);
}

TEST(LockRead, NewerMinorVersionWarnsAboutUnknownKeys) {
  const std::string text =
      edited(edited(k_small_lock, "lock-version = \"1.0\"", "lock-version = \"1.1\""),
             "index =", "licence = \"MIT\"\nindex =");
  const auto result = parse_lockfile(text, "pylock.toml");
  ASSERT_TRUE(result.has_value()) << result.error().render("gator-provision");
  ASSERT_EQ(result->warnings.size(), 2U);
  EXPECT_EQ(result->warnings[0].render("gator-provision"),
            "pylock.toml:1:16: warning: lock-version \"1.1\" is newer than 1.0; keys this "
            "gator-provision does not know are ignored\n"
            "  1 | lock-version = \"1.1\"\n"
            "    |                ^~~~~\n");
  EXPECT_EQ(result->warnings[1].render("gator-provision"),
            "pylock.toml:7:1: warning: unknown key \"licence\" in [[packages]] (ignored)\n"
            "  7 | licence = \"MIT\"\n"
            "    | ^~~~~~~\n");
  EXPECT_EQ(result->lockfile.lock_version, "1.1");
}

TEST(LockRead, DefaultGroupAlsoListedAsDependencyGroupWarns) {
  const std::string text = edited(k_small_lock, "created-by",
                                  "dependency-groups = [\"dev\", \"default\"]\n"
                                  "default-groups = [\"default\"]\ncreated-by");
  const auto result = parse_lockfile(text, "pylock.toml");
  ASSERT_TRUE(result.has_value()) << result.error().render("gator-provision");
  ASSERT_EQ(result->warnings.size(), 1U);
  EXPECT_EQ(result->warnings[0].render("gator-provision"),
            "pylock.toml:3:18: warning: default group \"default\" is also listed in "
            "`dependency-groups` (it should not be)\n"
            "  3 | default-groups = [\"default\"]\n"
            "    |                  ^~~~~~~~~~~\n");
}

TEST(LockRead, ThrowingReaderAndLoader) {
  EXPECT_THROW((void)read_lockfile("lock-version = 1", "pylock.toml"), Error);
  try {
    (void)load_lockfile("/nonexistent/pylock.mi25.toml");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: cannot read lock file /nonexistent/pylock.mi25.toml\n"
              "  caused by: No such file or directory\n"
              "hint: create it with `gator-provision lock PROFILE`\n");
  }
}

TEST(LockRead, HugeAndHostileInputsFailCleanly) {
  // Arrays nested as deep as toml++ allows, and long dotted keys over many lines.
  std::string deep = "lock-version = \"1.0\"\nx = " + std::string(300, '[') + std::string(300, ']');
  EXPECT_NE(test::read_error(deep), "");
  // Inline tables with long dotted keys, nested over many lines: deep, but within the limits
  // that keep toml++ (which builds and frees nested tables recursively) off the end of the stack.
  std::string nested = "lock-version = \"1.0\"\nx = [\n";
  for (int i = 0; i < 120; ++i) {
    nested += "{ a";
    for (int j = 0; j < 60; ++j)
      nested += ".a";
    nested += " = [\n";
  }
  for (int i = 0; i < 120; ++i)
    nested += "] }\n";
  nested += "]\n";
  EXPECT_NE(test::read_error(nested), "");
  EXPECT_NE(test::read_error(std::string("lock-version = \"1.0\"\0x", 22)), "");
}

}  // namespace
}  // namespace gator::lock

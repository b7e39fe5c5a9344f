// The model's helpers (upload times, URLs, target markers, TOML values) and what the writer
// refuses to write.
#include <gtest/gtest.h>

#include "lock/url.hpp"
#include "lock/write.hpp"
#include "lock_fixture.hpp"

namespace gator::lock {
namespace {

TEST(LockUploadTime, ParsesUtcAndPrintsMinimalFractions) {
  struct Row {
    std::string_view input;
    std::string_view printed;
  };
  const Row rows[] = {
      {"2024-06-05T12:30:00Z", "2024-06-05T12:30:00Z"},
      {"2024-06-05T12:30:00.123456Z", "2024-06-05T12:30:00.123456Z"},
      {"2024-06-05T12:30:00.500+00:00", "2024-06-05T12:30:00.5Z"},
      {"2024-02-29t23:59:60.000000001z", "2024-02-29T23:59:60.000000001Z"},
      {"2024-06-05 12:30:00.1234567891234Z", "2024-06-05T12:30:00.123456789Z"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    const auto time = UploadTime::parse(row.input);
    ASSERT_TRUE(time.has_value()) << time.error().render();
    EXPECT_EQ(time->to_string(), row.printed);
  }
  EXPECT_LT(*UploadTime::parse("2024-06-05T12:30:00Z"),
            *UploadTime::parse("2024-06-05T12:30:00.1Z"));
}

TEST(LockUploadTime, RefusesWhatIsNotUtc) {
  struct Row {
    std::string_view input;
    std::string_view message;
    std::size_t offset;
  };
  const Row rows[] = {
      {"2024-06-05T12:30:00", "the time has no offset: upload-time is in UTC (end it with Z)", 19},
      {"2024-06-05T12:30:00+02:00", "upload-time must be in UTC (Z or +00:00)", 19},
      {"2024-13-05T12:30:00Z", "the month is out of range", 0},
      {"2023-02-29T12:30:00Z", "the day is out of range", 0},
      {"2024-06-05T24:30:00Z", "the time of day is out of range", 0},
      {"2024-6-05T12:30:00Z", "expected a date and time such as 2024-06-05T12:30:00Z", 5},
      {"2024-06-05X12:30:00Z", "expected 'T'", 10},
      {"2024-06-05T12:30:00.Z", "expected digits after '.'", 20},
      {"", "expected a date and time such as 2024-06-05T12:30:00Z", 0},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    const auto time = UploadTime::parse(row.input);
    ASSERT_FALSE(time.has_value());
    EXPECT_EQ(time.error().message, row.message);
    EXPECT_EQ(time.error().offset, row.offset);
  }
}

TEST(LockUrl, UserinfoIsFoundAndRemoved) {
  EXPECT_EQ(userinfo("https://user:secret@host.example/simple/"), "user:secret");
  EXPECT_EQ(userinfo("https://__token__@host.example/simple/"), "__token__");
  EXPECT_FALSE(userinfo("https://host.example/simple/a@b/"));
  EXPECT_FALSE(userinfo("file:///srv/wheels/a@b.whl"));
  EXPECT_EQ(without_userinfo("https://user:secret@host.example:8443/simple/?q=1"),
            "https://host.example:8443/simple/?q=1");
  EXPECT_EQ(without_userinfo("https://host.example/x@y"), "https://host.example/x@y");
}

TEST(LockUrl, Problems) {
  EXPECT_FALSE(url_problem("https://download.pytorch.org/whl/rocm5.7"));
  EXPECT_FALSE(url_problem("file:///srv/wheelhouse/numpy-1.26.4-py3-none-any.whl"));
  EXPECT_FALSE(url_problem("file:wheels/a.whl"));
  EXPECT_EQ(url_problem("download.pytorch.org/whl"),
            "not an absolute URL (it needs a scheme such as https://)");
  EXPECT_EQ(url_problem("https:download.pytorch.org"),
            "not an absolute URL (expected \"https://\" and a host)");
  EXPECT_EQ(url_problem("https:///whl"), "the URL has no host");
  EXPECT_EQ(url_problem("https://a b/"),
            "a URL has no spaces or control characters (write a space as %20)");
  EXPECT_EQ(url_problem("https://u:p@host/"), "the URL contains credentials (user:password@)");
}

TEST(LockUrl, FileNames) {
  EXPECT_EQ(url_file_name("https://download.pytorch.org/whl/torch-2.3.1%2Brocm5.7-cp311-cp311-"
                          "linux_x86_64.whl#sha256=00"),
            "torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl");
  EXPECT_EQ(url_file_name("https://host/a%2"), "a%2");
  EXPECT_EQ(url_file_name("https://host"), "");
  EXPECT_EQ(url_file_name("https://host/dir/?x=1"), "");
  EXPECT_EQ(path_file_name("wheels\\win\\a-1.0-py3-none-any.whl"), "a-1.0-py3-none-any.whl");
  EXPECT_EQ(path_file_name("a.whl"), "a.whl");
}

TEST(LockModel, TargetMarker) {
  EXPECT_EQ(target_marker("linux", "x86_64", "3.11")->to_string(),
            "sys_platform == \"linux\" and platform_machine == \"x86_64\" and python_version == "
            "\"3.11\"");
  EXPECT_EQ(target_marker("", "aarch64", "")->to_string(), "platform_machine == \"aarch64\"");
  EXPECT_FALSE(target_marker("", "", "").has_value());
}

TEST(LockModel, TomlValueKeepsKeysSorted) {
  TomlValue table = TomlValue::make_table();
  table.set("b", TomlValue::make_integer(2));
  table.set("a", TomlValue::make_array({TomlValue::make_boolean(true)}));
  table.set("b", TomlValue::make_string("two"));
  EXPECT_EQ(table.keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(table.find("b")->text, "two");
  EXPECT_EQ(table.find("c"), nullptr);
  EXPECT_EQ(table.depth(), 2U);
  EXPECT_TRUE(table.erase("a"));
  EXPECT_FALSE(table.erase("a"));
  EXPECT_EQ(table.depth(), 1U);
}

[[nodiscard]] std::string write_error(const Lockfile& lock) {
  const auto text = write_lockfile(lock);
  return text ? std::string("(written)") : text.error().render("gator-provision");
}

TEST(LockWrite, RefusesCredentialsWithoutShowingThem) {
  Lockfile lock = test::mi25_lock();
  lock.packages[0].wheels[0].url =
      "https://ci-bot:hunter2@download.pytorch.org/whl/torch-2.3.1-cp311-cp311-linux_x86_64.whl";
  const std::string message = write_error(lock);
  EXPECT_EQ(message,
            "gator-provision: error: refusing to write credentials into the lock file: the URL "
            "of wheel torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl "
            "https://download.pytorch.org/whl/torch-2.3.1-cp311-cp311-linux_x86_64.whl has a "
            "user:password@ part (not shown)\n"
            "hint: lock files are shared; give the URL without credentials and keep them in "
            "~/.netrc\n");
  EXPECT_EQ(message.find("hunter2"), std::string::npos);

  lock = test::mi25_lock();
  lock.gator->indexes[1].url = "https://token@pypi.corp.example/simple";
  EXPECT_EQ(write_error(lock),
            "gator-provision: error: refusing to write credentials into the lock file: the URL "
            "of index pypi https://pypi.corp.example/simple has a user:password@ part (not "
            "shown)\n"
            "hint: lock files are shared; give the URL without credentials and keep them in "
            "~/.netrc\n");
}

TEST(LockWrite, RefusesWhatTheReaderWouldRefuse) {
  Lockfile lock = test::mi25_lock();
  lock.packages[3].wheels[1].hashes.sha256.reset();
  EXPECT_EQ(write_error(lock),
            "gator-provision: error: cannot write the lock file: `packages.wheels.hashes` must "
            "list at least one hash\n"
            "  caused by: at line 149 of the text to write:     hashes = {}\n"
            "hint: add hashes = {sha256 = \"<64 hex digits>\"}\n");

  lock = test::mi25_lock();
  lock.packages[0].name = "Torch";
  EXPECT_EQ(write_error(lock),
            "gator-provision: error: cannot write the lock file: package name \"Torch\" is not "
            "normalized\n"
            "  caused by: at line 10 of the text to write: name = \"Torch\"\n"
            "hint: write name = \"torch\" (lower case, runs of '-', '_' and '.' as one '-')\n");

  lock = test::mi25_lock();
  TomlValue deep = TomlValue::make_table();
  for (std::size_t i = 0; i < k_max_toml_depth + 1; ++i)
    deep = TomlValue::make_array({deep});
  lock.tool.set("deep", TomlValue::make_table());
  lock.tool.items[0].set("value", deep);
  EXPECT_EQ(write_error(lock),
            "gator-provision: error: cannot write a [tool] value nested more than 32 levels "
            "deep\n");
}

TEST(LockWrite, EmptyLockIsValid) {
  Lockfile lock;
  lock.created_by = "gator-provision";
  const std::string text = test::written(lock);
  EXPECT_EQ(text,
            "lock-version = \"1.0\"\n"
            "created-by = \"gator-provision\"\n"
            "packages = []\n");
}

}  // namespace
}  // namespace gator::lock

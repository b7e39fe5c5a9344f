#include "python/interpreter.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gnu/libc-version.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/utsname.h>
#include <unistd.h>

#include "python/discovery.hpp"
#include "tags/target.hpp"
#include "util/subprocess.hpp"

namespace gator::python {
namespace {
namespace fs = std::filesystem;

// Debian's interpreter: always present on the supported machines (python3-venv), and it can
// import Debian's python3-packaging for the tags cross-check.
const fs::path k_python = "/usr/bin/python3.11";

std::string ask(const std::string& code) {
  const auto result =
      util::run_process({k_python, {"-c", code}, std::nullopt, {}, std::chrono::seconds(60)});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result.out.substr(0, result.out.find_last_not_of('\n') + 1);
}

TEST(InterpreterQueryTest, RealPython311MarkerEnvironment) {
  const InterpreterInfo info = query_interpreter(k_python, {});
  struct utsname host {};
  ASSERT_EQ(::uname(&host), 0);
  EXPECT_EQ(info.version.major, 3u);
  EXPECT_EQ(info.version.minor, 11u);
  EXPECT_EQ(info.markers.python_version, "3.11");
  EXPECT_EQ(info.markers.python_full_version,
            ask("import platform; print(platform.python_version())"));
  EXPECT_EQ(info.markers.implementation_name, "cpython");
  EXPECT_EQ(info.markers.platform_python_implementation, "CPython");
  EXPECT_EQ(info.markers.os_name, "posix");
  EXPECT_EQ(info.markers.sys_platform, "linux");
  EXPECT_EQ(info.markers.platform_system, "Linux");
  EXPECT_EQ(info.markers.platform_machine, std::string(host.machine));
  EXPECT_EQ(info.markers.platform_release, std::string(host.release));
  EXPECT_EQ(info.markers.platform_version, std::string(host.version));
  EXPECT_EQ(info.executable, fs::path(ask("import sys; print(sys.executable)")));
  EXPECT_FALSE(info.is_virtualenv());
  ASSERT_TRUE(info.glibc.has_value());
  EXPECT_EQ(*info.glibc, std::string(gnu_get_libc_version()));
  EXPECT_EQ(info.paths.at("purelib"),
            ask("import sysconfig; print(sysconfig.get_paths()['purelib'])"));
  EXPECT_EQ(info.soabi, "cpython-311-x86_64-linux-gnu");
}

// Our tags module, fed only the facts of the query, against the sys_tags() of the packaging
// installed for that interpreter. Debian's packaging 23.0 still lists linux_<arch> after the
// manylinux tags (moved first in packaging 26.3), so that one tag is compared apart.
TEST(InterpreterQueryTest, OurSupportedTagsMatchTheInterpretersPackaging) {
  const InterpreterInfo info = query_interpreter(k_python, {});
  ASSERT_FALSE(info.reported_tags.empty()) << "python3-packaging is not installed";
  EXPECT_EQ(info.reported_tags_source.rfind("packaging ", 0), 0u);
  const auto ours = tags::supported_tags(tag_target(info));
  ASSERT_TRUE(ours.has_value()) << ours.error().message;
  std::vector<std::string> mine;
  for (const auto& tag : ours->tags())
    mine.push_back(tag.to_string());
  auto without_linux = [](std::vector<std::string> list) {
    std::erase_if(list, [](const std::string& tag) { return tag.ends_with("-linux_x86_64"); });
    return list;
  };
  EXPECT_EQ(without_linux(mine), without_linux(info.reported_tags));
  EXPECT_EQ(mine.size(), info.reported_tags.size());
  EXPECT_EQ(mine.front(), "cp311-cp311-linux_x86_64");
  EXPECT_EQ(info.reported_tags.back(), "py30-none-any");
}

TEST(InterpreterQueryTest, CacheIsReadBackAndInvalidatedByStamp) {
  const fs::path cache =
      fs::path(::testing::TempDir()) / ("gator-python-cache-" + std::to_string(::getpid()));
  fs::remove_all(cache);
  const InterpreterInfo first = query_interpreter(k_python, cache);
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(cache / "interpreters-v1"))
    entries.push_back(entry.path());
  ASSERT_EQ(entries.size(), 1u);

  // A planted answer with the right stamp is served from the cache, without running python.
  nlohmann::json cached = nlohmann::json::parse(std::ifstream(entries[0]));
  nlohmann::json info = nlohmann::json::parse(cached["info"].get<std::string>());
  info["markers"]["python_full_version"] = "3.11.99";
  cached["info"] = info.dump();
  std::ofstream(entries[0]) << cached.dump();
  EXPECT_EQ(query_interpreter(k_python, cache).markers.python_full_version, "3.11.99");

  // A different stamp (the interpreter was replaced) forces a fresh query.
  cached["stamp"] = "changed";
  std::ofstream(entries[0]) << cached.dump();
  EXPECT_EQ(query_interpreter(k_python, cache).markers.python_full_version,
            first.markers.python_full_version);
  fs::remove_all(cache);
}

TEST(InterpreterQueryTest, MalformedOutputNamesTheField) {
  const auto result = parse_query_output(R"({"executable": "/usr/bin/python3"})");
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("version_info"), std::string::npos) << result.error();
  EXPECT_FALSE(parse_query_output("Traceback (most recent call last):").has_value());
}

TEST(InterpreterQueryTest, JsonRoundTrip) {
  const InterpreterInfo info = query_interpreter(k_python, {});
  const auto again = parse_query_output(to_json(info));
  ASSERT_TRUE(again.has_value()) << again.error();
  EXPECT_EQ(again->markers, info.markers);
  EXPECT_EQ(again->paths, info.paths);
  EXPECT_EQ(again->reported_tags, info.reported_tags);
  EXPECT_EQ(again->executable, info.executable);
}

}  // namespace
}  // namespace gator::python

#include "tags/generators.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"
#include "tags/abi.hpp"
#include "tags/apple.hpp"
#include "tags/platforms.hpp"
#include "test_helpers.hpp"

namespace gator::tags {
namespace {

using nlohmann::json;
using test_helpers::python_version;
using test_helpers::strings;

// A generator argument given by position or by keyword; null when not given.
json argument(const json& record, std::size_t position, const char* name) {
  const json& args = record["args"];
  if (position < args.size())
    return args[position];
  return record["kwargs"].value(name, json());
}

std::vector<std::string> string_list(const json& value) {
  return value.is_null() ? std::vector<std::string>{} : value.get<std::vector<std::string>>();
}

AppleVersion apple_version(const json& value) {
  return {value[0].get<unsigned>(), value[1].get<unsigned>()};
}

// Runs the generator a record names. Every record passes the facts packaging would otherwise
// read from the running interpreter, except where noted.
std::vector<std::string> run_generator(const json& record) {
  const std::string function = record["function"];
  if (function == "cpython_tags") {
    const PythonVersion version = python_version(argument(record, 0, "python_version"));
    const json abis_argument = argument(record, 1, "abis");
    const json platforms = argument(record, 2, "platforms");
    EXPECT_FALSE(platforms.is_null()) << "platforms would come from the host";
    // Without abis, packaging derives none for a major-only version (the only such record).
    std::vector<std::string> abis =
        abis_argument.is_null()
            ? (version.minor ? cpython_abis(version) : std::vector<std::string>{})
            : string_list(abis_argument);
    return strings(cpython_tags(version, abis, string_list(platforms)));
  }
  if (function == "generic_tags") {
    return strings(generic_tags(argument(record, 0, "interpreter").get<std::string>(),
                                string_list(argument(record, 1, "abis")),
                                string_list(argument(record, 2, "platforms"))));
  }
  if (function == "pure_python_tags")
    return strings(pure_python_tags(python_version(argument(record, 0, "python_version"))));
  if (function == "compatible_tags") {
    const json interpreter = argument(record, 1, "interpreter");
    const json platforms = argument(record, 2, "platforms");
    EXPECT_FALSE(platforms.is_null()) << "platforms would come from the host";
    return strings(compatible_tags(python_version(argument(record, 0, "python_version")),
                                   interpreter.is_null() ? "" : interpreter.get<std::string>(),
                                   string_list(platforms)));
  }
  if (function == "mac_platforms") {
    return mac_platforms(apple_version(argument(record, 0, "version")),
                         argument(record, 1, "arch").get<std::string>());
  }
  if (function == "ios_platforms") {
    return ios_platforms(apple_version(argument(record, 0, "version")),
                         argument(record, 1, "multiarch").get<std::string>());
  }
  if (function == "android_platforms") {
    return android_platforms(argument(record, 0, "api_level").get<unsigned>(),
                             argument(record, 1, "abi").get<std::string>());
  }
  ADD_FAILURE() << "unknown generator " << function;
  return {};
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

TEST(GeneratorConformance, Generators) {
  test::for_each_record("tags.json", "generators", [](const json& record) {
    if (record.contains("expected_error")) {
      // The one error record: pure_python_tags(()) -> the version is an empty sequence, which
      // parse_python_version (the only way to build a version from parts) refuses.
      const auto version =
          parse_python_version(test_helpers::dotted(argument(record, 0, "python_version")));
      ASSERT_FALSE(version);
      EXPECT_NE(version.error().message.find("must contain at least one item"), std::string::npos);
      return;
    }
    const std::vector<std::string> result = run_generator(record);
    if (record.contains("expected")) {
      EXPECT_EQ(result, record["expected"].get<std::vector<std::string>>());
    }
    if (record.contains("expected_length")) {
      EXPECT_EQ(result.size(), record["expected_length"].get<std::size_t>());
    }
    for (const json& item : record.value("expected_contains", json::array()))
      EXPECT_TRUE(contains(result, item.get<std::string>())) << item;
    for (const json& item : record.value("expected_not_contains", json::array()))
      EXPECT_FALSE(contains(result, item.get<std::string>())) << item;
  });
}

TEST(PythonVersionTest, ParsesMajorOrMajorMinor) {
  EXPECT_EQ(parse_python_version("3.11").value(), (PythonVersion{3, 11}));
  EXPECT_EQ(parse_python_version("3").value(), (PythonVersion{3, std::nullopt}));
  for (const char* bad : {"", "3.", ".1", "3.11.2", "3.x", "+3", "3 .1", "99999999999"})
    EXPECT_FALSE(parse_python_version(bad)) << bad;
  EXPECT_EQ(parse_python_version("3.x").error().offset, 2u);
}

TEST(PythonVersionTest, MajorOnlySortsBeforeItsMinors) {
  EXPECT_LT((PythonVersion{3, std::nullopt}), (PythonVersion{3, 0}));
  EXPECT_LT((PythonVersion{3, 12}), (PythonVersion{4, std::nullopt}));
  EXPECT_EQ(version_nodot({3, 11}), "311");
}

TEST(CpythonTagsTest, StableAbiStopsAtPython32AndNeverUnderflows) {
  const std::vector<std::string> platforms{"any"};
  EXPECT_EQ(strings(cpython_tags({4, 0}, {}, platforms)),
            (std::vector<std::string>{"cp40-abi3-any", "cp40-none-any"}));
  // "abi3" is only dropped once, like list.remove.
  const std::vector<std::string> abis{"abi3", "abi3"};
  EXPECT_EQ(strings(cpython_tags({3, 2}, abis, platforms)),
            (std::vector<std::string>{"cp32-abi3-any", "cp32-abi3-any", "cp32-none-any"}));
}

}  // namespace
}  // namespace gator::tags

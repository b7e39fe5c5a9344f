#include "tags/abi.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"
#include "tags/target.hpp"
#include "test_helpers.hpp"

namespace gator::tags {
namespace {

using nlohmann::json;
using test_helpers::python_version;

// A sysconfig value: 1/0/true/false, or null (unset).
std::optional<bool> flag(const json& config, const char* name) {
  if (!config.contains(name) || config[name].is_null())
    return std::nullopt;
  const json& value = config[name];
  return value.is_boolean() ? value.get<bool>() : value.get<int>() != 0;
}

CpythonAbiConfig abi_config(const json& record) {
  const json config = record.value("config", json::object());
  CpythonAbiConfig out;
  out.py_debug = flag(config, "Py_DEBUG");
  out.with_pymalloc = flag(config, "WITH_PYMALLOC");
  out.gil_disabled = flag(config, "Py_GIL_DISABLED");
  if (config.contains("Py_UNICODE_SIZE") && !config["Py_UNICODE_SIZE"].is_null())
    out.unicode_size = config["Py_UNICODE_SIZE"].get<int>();
  out.has_gettotalrefcount = record.value("has_gettotalrefcount", false);
  for (const json& suffix : record.value("extension_suffixes", json::array())) {
    if (suffix == "_d.pyd")
      out.has_debug_extension = true;
  }
  out.max_unicode_wide = record.value("sys_maxunicode", 0x10FFFF) == 0x10FFFF;
  return out;
}

TEST(AbiConformance, CpythonAbis) {
  test::for_each_record("tags.json", "cpython_abis", [](const json& record) {
    EXPECT_EQ(cpython_abis(python_version(record["python_version"]), abi_config(record)),
              record["expected"].get<std::vector<std::string>>());
  });
}

TEST(AbiConformance, GenericAbi) {
  test::for_each_record("tags.json", "generic_abi", [](const json& record) {
    const json& suffix = record["ext_suffix"];
    const std::optional<std::string_view> ext_suffix =
        suffix.is_null() ? std::nullopt
                         : std::optional<std::string_view>(suffix.get_ref<const std::string&>());
    if (record.value("function", "") == "interpreter_abi") {
      // interpreter_abi() of a PyPy 3.9 whose EXT_SUFFIX is given, described as a target.
      Target target;
      target.implementation = record["interpreter_name"] == "pp" ? "pypy" : "cpython";
      target.python = {3, 9};
      target.ext_suffix = suffix;
      const auto abi = interpreter_abi(target);
      ASSERT_TRUE(abi) << abi.error().message;
      EXPECT_EQ(abi->value_or(""), record["expected"].get<std::string>());
      return;
    }
    const CpythonAbiConfig config = abi_config(record);
    if (record["expected"].is_string()) {
      // A bare ".pyd" falls back to the CPython ABIs of the interpreter (the host in packaging's
      // test); here the interpreter is described: CPython 3.11 gives ['cp311'] as the record says.
      const auto abis = generic_abi(ext_suffix, {3, 11}, config);
      ASSERT_TRUE(abis);
      EXPECT_EQ(*abis, cpython_abis({3, 11}, config));
      EXPECT_EQ(*abis, std::vector<std::string>{"cp311"});
      return;
    }
    const auto abis = generic_abi(ext_suffix, {3, 11}, config);
    if (record.contains("expected_error")) {
      ASSERT_FALSE(abis);
      EXPECT_NE(abis.error().message.find("EXT_SUFFIX"), std::string::npos);
      return;
    }
    ASSERT_TRUE(abis) << abis.error().message;
    EXPECT_EQ(*abis, record["expected"].get<std::vector<std::string>>());
  });
}

TEST(AbiConformance, InterpreterName) {
  test::for_each_record("tags.json", "interpreter_name", [](const json& record) {
    EXPECT_EQ(interpreter_name(record["implementation_name"].get<std::string>()),
              record["expected_short_name"].get<std::string>());
  });
}

TEST(AbiConformance, InterpreterVersion) {
  test::for_each_record("tags.json", "interpreter_version", [](const json& record) {
    const json& info = record["version_info"];
    EXPECT_EQ(interpreter_version({info[0].get<unsigned>(), info[1].get<unsigned>()}),
              record["expected"].get<std::string>());
  });
}

TEST(CpythonAbisTest, DebugAndFreeThreadedBuilds) {
  CpythonAbiConfig config;
  config.py_debug = true;
  config.gil_disabled = true;
  EXPECT_EQ(cpython_abis({3, 13}, config), (std::vector<std::string>{"cp313td", "cp313t"}));
  config.py_debug = false;
  EXPECT_EQ(cpython_abis({3, 12}, config), std::vector<std::string>{"cp312"});
  EXPECT_EQ(cpython_abis({3, 7}), std::vector<std::string>{"cp37m"});
}

TEST(GenericAbiTest, NormalizesSeparators) {
  EXPECT_EQ(generic_abi(".graalpy-38-native-x86_64-darwin.dylib").value(),
            std::vector<std::string>{"graalpy_38_native"});
  EXPECT_EQ(generic_abi(".pyston-23-x86_64-linux-gnu.so").value(),
            std::vector<std::string>{"pyston_23_x86_64_linux_gnu"});
  const auto error = generic_abi("so");
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().length, 2u);
}

TEST(NormalizePlatformStringTest, ReplacesDotsDashesAndSpaces) {
  EXPECT_EQ(normalize_platform_string("macosx-10.9 universal2"), "macosx_10_9_universal2");
}

}  // namespace
}  // namespace gator::tags

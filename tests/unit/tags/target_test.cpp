#include "tags/target.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"
#include "test_helpers.hpp"

namespace gator::tags {
namespace {

using nlohmann::json;
using test_helpers::strings;

Target linux_cpython(PythonVersion python, LibcVersion glibc) {
  Target target;
  target.python = python;
  target.glibc = glibc;
  return target;
}

std::vector<std::string> supported(const Target& target) {
  const auto tags = supported_tags(target);
  EXPECT_TRUE(tags) << tags.error().field << ": " << tags.error().message;
  return tags ? strings(tags->tags()) : std::vector<std::string>{};
}

std::string first_none_any(const std::vector<std::string>& tags) {
  const auto it = std::find_if(tags.begin(), tags.end(),
                               [](const std::string& tag) { return tag.ends_with("-none-any"); });
  return it == tags.end() ? "" : *it;
}

TEST(TargetConformance, PlatformTags) {
  test::for_each_record("tags.json", "platform_tags", [](const json& record) {
    Target target;
    target.os = parse_os(record["system"].get<std::string>()).value_or(Os::other);
    target.sysconfig_platform = record["sysconfig_platform"];
    const json config = record.value("config", json::object());
    target.pyemscripten_platform_version = config.value("PYEMSCRIPTEN_PLATFORM_VERSION", "");
    const auto platforms = platform_tags(target);
    ASSERT_TRUE(platforms) << platforms.error().message;
    EXPECT_EQ(*platforms, record["expected_platform_tags"].get<std::vector<std::string>>());
  });
}

// The text rules, checked on described targets of each kind.
TEST(TargetConformance, SysTagsRules) {
  Target mac;
  mac.os = Os::macos;
  mac.arch = "arm64";
  mac.os_version = {14, 0};
  Target windows;
  windows.os = Os::windows;
  windows.arch = "AMD64";
  const Target cpythons[] = {linux_cpython({3, 11}, {2, 31}), mac, windows};
  Target pypy = linux_cpython({3, 10}, {2, 28});
  pypy.implementation = "pypy";
  pypy.ext_suffix = ".pypy310-pp73-x86_64-linux-gnu.so";
  Target graalpy;
  graalpy.implementation = "graalpy";
  graalpy.os = Os::other;
  graalpy.sysconfig_platform = "sunos-5.11-i86pc";
  Target emscripten;
  emscripten.os = Os::emscripten;
  emscripten.python = {3, 13};
  emscripten.sysconfig_platform = "emscripten-4.0.9-wasm32";
  emscripten.pyemscripten_platform_version = "2025_0";

  test::for_each_record("tags.json", "sys_tags_rules", [&](const json& record) {
    const std::string id = record["id"];
    if (id == "sys_tags_rules-0000") {
      for (const Target& target : cpythons) {
        const std::vector<std::string> tags = supported(target);
        const std::string first_abi = *target_abis(target).value().begin();
        const std::string first_platform = platform_tags(target).value().front();
        ASSERT_FALSE(tags.empty());
        EXPECT_EQ(tags.front(), "cp311-" + first_abi + "-" + first_platform);
        EXPECT_EQ(tags.back(), "py30-none-any");
      }
    } else if (id == "sys_tags_rules-0001") {
      for (const Target& target : cpythons)
        EXPECT_EQ(first_none_any(supported(target)), "cp311-none-any");
    } else if (id == "sys_tags_rules-0002") {
      EXPECT_EQ(first_none_any(supported(pypy)), "pp3-none-any");
    } else if (id == "sys_tags_rules-0003") {
      for (const Target& target : {cpythons[0], pypy, graalpy, emscripten})
        EXPECT_EQ(supported(target).back(), "py30-none-any");
    } else if (id == "sys_tags_rules-0004") {
      const std::vector<std::string> tags = supported(emscripten);
      ASSERT_FALSE(tags.empty());
      EXPECT_EQ(tags.front(), "cp313-cp313-pyemscripten_2025_0_wasm32");
      EXPECT_EQ(tags[1], "cp313-cp313-emscripten_4_0_9_wasm32");
    } else {
      ADD_FAILURE() << "no assertion written for " << id;
    }
  });
}

TEST(TargetConformance, Selector) {
  test::for_each_record("tags.json", "selector", [](const json& record) {
    std::vector<Tag> ordered;
    for (const json& text : record["supported"]) {
      const auto tags = parse_tag(text.get<std::string>());
      ASSERT_TRUE(tags);
      ordered.insert(ordered.end(), tags->begin(), tags->end());
    }
    std::vector<std::vector<Tag>> candidates;
    std::vector<std::string> names;
    for (const json& candidate : record["candidates"]) {
      std::vector<Tag> tags;
      for (const json& text : candidate["tags"])
        tags.push_back(parse_tag(text.get<std::string>()).value().front());
      candidates.push_back(tags);
      names.push_back(candidate["name"]);
    }
    std::vector<std::string> selected;
    for (const std::size_t index : select_compatible(SupportedTags(ordered), candidates))
      selected.push_back(names[index]);
    EXPECT_EQ(selected, record["expected_names"].get<std::vector<std::string>>());
  });
}

// The tag list for CPython 3.11 on x86_64 with glibc 2.31, written out from packaging's rules.
std::vector<std::string> expected_cp311_glibc231() {
  std::vector<std::string> platforms{"linux_x86_64"};
  for (int minor = 31; minor >= 5; --minor) {
    platforms.push_back("manylinux_2_" + std::to_string(minor) + "_x86_64");
    if (minor == 17)
      platforms.push_back("manylinux2014_x86_64");
    if (minor == 12)
      platforms.push_back("manylinux2010_x86_64");
    if (minor == 5)
      platforms.push_back("manylinux1_x86_64");
  }
  std::vector<std::string> tags;
  const auto add = [&](const std::string& prefix) {
    for (const std::string& platform : platforms)
      tags.push_back(prefix + platform);
  };
  add("cp311-cp311-");
  add("cp311-abi3-");
  add("cp311-none-");
  for (int minor = 10; minor >= 2; --minor)
    add("cp3" + std::to_string(minor) + "-abi3-");
  std::vector<std::string> pythons{"py311", "py3"};
  for (int minor = 10; minor >= 0; --minor)
    pythons.push_back("py3" + std::to_string(minor));
  for (const std::string& python : pythons)
    add(python + "-none-");
  tags.push_back("cp311-none-any");
  for (const std::string& python : pythons)
    tags.push_back(python + "-none-any");
  return tags;
}

TEST(SupportedTagsTest, Cpython311OnGlibc231MatchesPackagingOrder) {
  const std::vector<std::string> tags = supported(linux_cpython({3, 11}, {2, 31}));
  EXPECT_EQ(tags, expected_cp311_glibc231());
  EXPECT_EQ(tags.size(), 31u * 12u + 31u * 13u + 14u);
  EXPECT_EQ(tags[1], "cp311-cp311-manylinux_2_31_x86_64");
  EXPECT_EQ(std::count_if(tags.begin(), tags.end(),
                          [](const std::string& tag) {
                            return tag.find("manylinux_2_3") != std::string::npos &&
                                   tag.find("manylinux_2_31") == std::string::npos &&
                                   tag.find("manylinux_2_30") == std::string::npos;
                          }),
            0);
}

TEST(SupportedTagsTest, PriorityLookupPicksTheBestWheel) {
  const auto tags = supported_tags(linux_cpython({3, 11}, {2, 31}));
  ASSERT_TRUE(tags);
  const auto manylinux = parse_tag("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64");
  const auto too_new = parse_tag("cp311-cp311-manylinux_2_34_x86_64");
  const auto abi3 = parse_tag("cp38-abi3-manylinux_2_28_x86_64");
  const auto pure = parse_tag("py3-none-any");
  const auto other_python = parse_tag("cp312-cp312-manylinux_2_17_x86_64");
  ASSERT_TRUE(manylinux && too_new && abi3 && pure && other_python);
  EXPECT_FALSE(tags->is_compatible(*too_new));
  EXPECT_FALSE(tags->is_compatible(*other_python));
  EXPECT_LT(tags->best_priority(*manylinux).value(), tags->best_priority(*abi3).value());
  EXPECT_LT(tags->best_priority(*abi3).value(), tags->best_priority(*pure).value());
  EXPECT_EQ(tags->priority(Tag("cp311", "cp311", "linux_x86_64")), 0u);
  const std::vector<std::vector<Tag>> wheels{*pure, *too_new, *abi3, *manylinux};
  EXPECT_EQ(select_compatible(*tags, wheels), (std::vector<std::size_t>{3, 2, 0}));
}

TEST(SupportedTagsTest, RepeatedTagsKeepTheirFirstPriority) {
  const std::vector<Tag> ordered{Tag("py3", "none", "a"), Tag("py3", "none", "b"),
                                 Tag("py3", "none", "a")};
  const SupportedTags tags(ordered);
  EXPECT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags.priority(Tag("py3", "none", "b")), 1u);
}

TEST(SupportedTagsTest, FreeThreadedUsesAbi3t) {
  Target target = linux_cpython({3, 13}, {2, 28});
  target.free_threaded = true;
  const std::vector<std::string> tags = supported(target);
  ASSERT_FALSE(tags.empty());
  EXPECT_EQ(tags.front(), "cp313-cp313t-linux_x86_64");
  EXPECT_NE(std::find(tags.begin(), tags.end(), "cp312-abi3t-manylinux_2_17_x86_64"), tags.end());
  EXPECT_EQ(std::find(tags.begin(), tags.end(), "cp313-abi3-manylinux_2_17_x86_64"), tags.end());
}

TEST(SupportedTagsTest, MuslAarch64And32BitArm) {
  Target alpine;
  alpine.arch = "arm64";
  alpine.musl = LibcVersion{1, 2};
  const std::vector<std::string> platforms = platform_tags(alpine).value();
  EXPECT_EQ(platforms,
            (std::vector<std::string>{"linux_aarch64", "musllinux_1_2_aarch64",
                                      "musllinux_1_1_aarch64", "musllinux_1_0_aarch64"}));
  Target raspbian;
  raspbian.arch = "aarch64";
  raspbian.is_32bit = true;
  raspbian.glibc = LibcVersion{2, 17};
  const std::vector<std::string> arm = platform_tags(raspbian).value();
  EXPECT_EQ(arm, (std::vector<std::string>{"linux_armv8l", "linux_armv7l", "manylinux_2_17_armv8l",
                                           "manylinux2014_armv8l", "manylinux_2_17_armv7l",
                                           "manylinux2014_armv7l"}));
}

TEST(SupportedTagsTest, WindowsAndMacPlatforms) {
  Target windows;
  windows.os = Os::windows;
  windows.arch = "AMD64";
  EXPECT_EQ(platform_tags(windows).value(), std::vector<std::string>{"win_amd64"});
  windows.is_32bit = true;
  EXPECT_EQ(platform_tags(windows).value(), std::vector<std::string>{"win32"});
  Target mac;
  mac.os = Os::macos;
  mac.arch = "aarch64";
  mac.os_version = {11, 0};
  EXPECT_EQ(platform_tags(mac).value().front(), "macosx_11_0_arm64");
}

TEST(SupportedTagsTest, PypyUsesItsExtSuffixAbi) {
  Target pypy = linux_cpython({3, 10}, {2, 17});
  pypy.implementation = "pypy";
  pypy.ext_suffix = ".pypy310-pp73-x86_64-linux-gnu.so";
  const std::vector<std::string> tags = supported(pypy);
  ASSERT_FALSE(tags.empty());
  EXPECT_EQ(tags.front(), "pp310-pypy310_pp73-linux_x86_64");
}

TEST(ValidateTargetTest, RejectsContradictionsAndAbsurdNumbers) {
  Target both = linux_cpython({3, 11}, {2, 31});
  both.musl = LibcVersion{1, 2};
  EXPECT_EQ(validate_target(both)->field, "musl");
  Target huge = linux_cpython({3, 4000000000u}, {2, 31});
  EXPECT_EQ(validate_target(huge)->field, "python");
  Target glibc = linux_cpython({3, 11}, {4000000000u, 0});
  EXPECT_EQ(supported_tags(glibc).error().field, "glibc");
  Target threaded = linux_cpython({3, 12}, {2, 31});
  threaded.free_threaded = true;
  EXPECT_EQ(validate_target(threaded)->field, "free_threaded");
  Target arch = linux_cpython({3, 11}, {2, 31});
  arch.arch = "x86 64";
  EXPECT_EQ(validate_target(arch)->field, "arch");
  Target suffix = linux_cpython({3, 10}, {2, 31});
  suffix.implementation = "pypy";
  suffix.ext_suffix = "so";
  EXPECT_EQ(validate_target(suffix)->field, "ext_suffix");
  EXPECT_FALSE(validate_target(linux_cpython({3, 11}, {2, 31})));
}

TEST(OsTest, ParsesCommonNames) {
  EXPECT_EQ(parse_os("Linux"), Os::linux_);
  EXPECT_EQ(parse_os("darwin"), Os::macos);
  EXPECT_EQ(parse_os("beos"), std::nullopt);
  EXPECT_STREQ(to_string(Os::linux_), "linux");
}

}  // namespace
}  // namespace gator::tags

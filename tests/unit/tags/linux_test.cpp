#include "tags/linux.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"

namespace gator::tags {
namespace {

using nlohmann::json;

std::optional<LibcVersion> libc_version(const json& value) {
  if (value.is_null())
    return std::nullopt;
  return LibcVersion{value[0].get<unsigned>(), value[1].get<unsigned>()};
}

// The compatibility policy a test mocked, as the equivalent PEP 600 hook. "none" and "all" were
// mocks of packaging's whole check; after the glibc comparison a hook answering always false or
// always true gives the same list, since no tag newer than the system glibc is generated.
ManylinuxHook policy_hook(const json& policy) {
  if (policy == "glibc_le_system")
    return {};
  if (policy == "none")
    return [](LibcVersion, std::string_view) { return std::optional<bool>(false); };
  if (policy == "all")
    return [](LibcVersion, std::string_view) { return std::optional<bool>(true); };
  if (policy.is_object() && policy.contains("only_glibc")) {
    const LibcVersion only = *libc_version(policy["only_glibc"]);
    return [only](LibcVersion tag, std::string_view) { return std::optional<bool>(tag == only); };
  }
  if (policy.is_object() && policy.contains("_manylinux_module")) {
    const json& module = policy["_manylinux_module"];
    if (module.contains("manylinux2014_compatible")) {
      const bool compatible = module["manylinux2014_compatible"];
      return [compatible](LibcVersion tag, std::string_view) -> std::optional<bool> {
        if (tag == LibcVersion{2, 17})
          return compatible;
        return std::nullopt;
      };
    }
    const std::string rule = module["manylinux_compatible(tag_major, tag_minor, tag_arch)"];
    if (rule == "True iff (2, 22, 's390x'); False otherwise") {
      return [](LibcVersion tag, std::string_view arch) -> std::optional<bool> {
        return tag == LibcVersion{2, 22} && arch == "s390x";
      };
    }
    if (rule ==
        "False if tag_major == 2 and tag_minor < 25, else None (None = fall back to the "
        "glibc check)") {
      return [](LibcVersion tag, std::string_view) -> std::optional<bool> {
        if (tag.major == 2 && tag.minor < 25)
          return false;
        return std::nullopt;
      };
    }
  }
  ADD_FAILURE() << "unknown manylinux policy " << policy.dump();
  return {};
}

TEST(LinuxConformance, LinuxPlatforms) {
  test::for_each_record("tags.json", "linux_platforms", [](const json& record) {
    LinuxPlatformInput input;
    input.sysconfig_platform = record["sysconfig_platform"];
    input.is_32bit = record["is_32bit"];
    if (record.value("libc", "glibc") == "musl")
      input.musl = libc_version(record["musl"]);
    else
      input.glibc = libc_version(record["glibc"]);
    input.manylinux_compatible = policy_hook(record["manylinux_compatible"]);
    // The interpreter's ELF header: x32 and armel (soft-float) binaries are not manylinux ABIs.
    const std::string elf = record.value("interpreter_elf", "");
    input.manylinux_abi =
        elf.find("x32") == std::string::npos && elf.find("armel") == std::string::npos;

    const std::vector<std::string> result = linux_platforms(input);
    if (record.contains("expected")) {
      EXPECT_EQ(result, record["expected"].get<std::vector<std::string>>());
    } else {
      const auto prefix = record["expected_prefix"].get<std::vector<std::string>>();
      ASSERT_GE(result.size(), prefix.size());
      EXPECT_EQ(std::vector<std::string>(
                    result.begin(), result.begin() + static_cast<std::ptrdiff_t>(prefix.size())),
                prefix);
    }
  });
}

TEST(LinuxConformance, MuslVersion) {
  test::for_each_record("tags.json", "musl_version", [](const json& record) {
    EXPECT_EQ(parse_musl_version(record["ld_musl_stderr"].get<std::string>()),
              libc_version(record["expected"]));
  });
}

TEST(LinuxConformance, Glibc) {
  test::for_each_record("tags.json", "glibc", [](const json& record) {
    if (record.contains("system_glibc")) {
      EXPECT_EQ(is_manylinux_compatible(*libc_version(record["tag_glibc"]),
                                        record["arch"].get<std::string>(),
                                        libc_version(record["system_glibc"])),
                record["expected_compatible"].get<bool>());
    } else if (record.contains("glibc_version_string")) {
      // packaging warns and returns its (-1, -1) "unknown" sentinel: an error here.
      const std::string text = record["glibc_version_string"];
      const auto version = parse_glibc_version(text);
      ASSERT_FALSE(version);
      EXPECT_EQ(record["expected"], json::array({-1, -1}));
      EXPECT_EQ(version.error().message, record["expected_warning"].get<std::string>());
    } else {
      EXPECT_EQ(
          glibc_version_from_confstr(record["confstr_CS_GNU_LIBC_VERSION"].get<std::string>()),
          std::optional<std::string>(record["expected_version_string"].get<std::string>()));
    }
  });
}

TEST(GlibcTest, ParsesLeadingMajorMinorAndIgnoresVendorSuffixes) {
  EXPECT_EQ(parse_glibc_version("2.20-2014.11").value(), (LibcVersion{2, 20}));
  EXPECT_EQ(parse_glibc_version("2.31").value(), (LibcVersion{2, 31}));
  EXPECT_FALSE(parse_glibc_version("2."));
  EXPECT_FALSE(parse_glibc_version(""));
  EXPECT_FALSE(parse_glibc_version("99999999999.1"));
  EXPECT_EQ(glibc_version_from_confstr("  glibc   2.17 "), std::optional<std::string>("2.17"));
  EXPECT_EQ(glibc_version_from_confstr("glibc"), std::nullopt);
  EXPECT_EQ(glibc_version_from_confstr("glibc 2 17"), std::nullopt);
}

TEST(MuslTest, ToleratesBlankLinesAndCarriageReturns) {
  EXPECT_EQ(parse_musl_version("\r\n  musl libc (x86_64)\r\n\r\nVersion 1.2.4\r\n"),
            (LibcVersion{1, 2}));
  EXPECT_EQ(parse_musl_version("musl libc\nVersion 1."), std::nullopt);
  EXPECT_EQ(parse_musl_version("glibc\nVersion 1.2"), std::nullopt);
}

TEST(ManylinuxTest, GlibcFloorIsNeverExceeded) {
  const std::vector<std::string> archs{"x86_64"};
  const auto tags = manylinux_platforms(archs, LibcVersion{2, 31}, {}, true);
  ASSERT_FALSE(tags.empty());
  EXPECT_EQ(tags.front(), "manylinux_2_31_x86_64");
  EXPECT_EQ(tags.back(), "manylinux1_x86_64");
  EXPECT_EQ(std::count(tags.begin(), tags.end(), "manylinux_2_34_x86_64"), 0);
  EXPECT_EQ(tags.size(), 27u + 3u);  // 2.31 .. 2.5 plus three legacy aliases
}

TEST(ManylinuxTest, NoGlibcOrForeignArchMeansNoManylinux) {
  const std::vector<std::string> x86{"x86_64"};
  EXPECT_TRUE(manylinux_platforms(x86, std::nullopt, {}, true).empty());
  const std::vector<std::string> mips{"mips"};
  EXPECT_TRUE(manylinux_platforms(mips, LibcVersion{2, 31}, {}, true).empty());
}

}  // namespace
}  // namespace gator::tags

// The pure validators behind the profile's values: valid and invalid rows, with error spans.
#include "profile/values.hpp"

#include <algorithm>
#include <array>

#include <gtest/gtest.h>

#include "profile/source_text.hpp"

namespace gator::profile {
namespace {

struct Rejected {
  std::string_view input;
  std::size_t offset;
  std::size_t length;
  std::string_view message;
};

template <typename Result>
void expect_rejected(const Result& result, const Rejected& row) {
  SCOPED_TRACE(std::string(row.input));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().offset, row.offset);
  EXPECT_EQ(result.error().length, row.length);
  EXPECT_EQ(result.error().message, row.message);
}

TEST(VersionConstraint, BareVersionsAndSpecifiers) {
  const std::array<std::pair<std::string_view, std::string_view>, 8> rows = {{
      {"5.7.1", "==5.7.1"},
      {"3.11", "==3.11.*"},
      {"12", "==12.*"},
      {"3.11.4", "==3.11.4"},
      {"v5.7", "==5.7.*"},
      {"2.3.1+rocm5.7", "==2.3.1+rocm5.7"},
      {"6.0rc1", "==6.0rc1"},
      {">=5.7,<5.8", "<5.8,>=5.7"},
  }};
  for (const auto& [text, meaning] : rows) {
    const auto constraint = parse_version_constraint(text);
    ASSERT_TRUE(constraint) << text << ": " << constraint.error().render();
    EXPECT_EQ(constraint->text, text);
    EXPECT_EQ(constraint->specifier.to_string(), meaning) << text;
  }
  EXPECT_TRUE(parse_version_constraint("5.7")->specifier.contains("5.7.1"));
  EXPECT_FALSE(parse_version_constraint("5.7.1")->specifier.contains("5.7.10"));
}

TEST(VersionConstraint, Rejected) {
  expect_rejected(parse_version_constraint(""), {"", 0, 0, "empty version constraint"});
  expect_rejected(parse_version_constraint(">=6,<5"),
                  {">=6,<5", 0, 6, "no version satisfies this specifier"});
  EXPECT_FALSE(parse_version_constraint("5.7.x"));
  EXPECT_FALSE(parse_version_constraint("latest"));
}

TEST(Glibc, Versions) {
  EXPECT_EQ(*parse_glibc_version("2.31"), (GlibcVersion{2, 31}));
  EXPECT_EQ(parse_glibc_version("2.5")->to_string(), "2.5");
  EXPECT_LT(*parse_glibc_version("2.5"), *parse_glibc_version("2.17"));
  const std::array<Rejected, 6> rows = {{
      {"", 0, 0, "expected MAJOR.MINOR, such as 2.31"},
      {"2", 0, 1, "expected MAJOR.MINOR, such as 2.31"},
      {"2.", 0, 2, "expected MAJOR.MINOR, such as 2.31"},
      {"2.31.1", 0, 6, "expected MAJOR.MINOR, such as 2.31"},
      {"3.1", 0, 1, "glibc versions start with 2"},
      {"2.99999", 2, 5, "the minor version is too large"},
  }};
  for (const Rejected& row : rows)
    expect_rejected(parse_glibc_version(row.input), row);
}

TEST(PciId, Normalized) {
  EXPECT_EQ(*parse_pci_id("1002:6860"), "1002:6860");
  EXPECT_EQ(*parse_pci_id("10DE:20B0"), "10de:20b0");
  constexpr std::string_view k_message = "expected VENDOR:DEVICE, four hexadecimal digits each";
  const std::array<Rejected, 5> rows = {{
      {"", 0, 0, k_message},
      {"1002", 4, 0, k_message},
      {"1002-6860", 4, 1, k_message},
      {"1002:686g", 8, 1, k_message},
      {"1002:68600", 9, 1, k_message},
  }};
  for (const Rejected& row : rows)
    expect_rejected(parse_pci_id(row.input), row);
}

TEST(GpuArch, PerVendor) {
  for (const std::string_view arch : {"gfx900", "gfx906", "gfx90a", "gfx942", "gfx1030", "gfx1100",
                                      "gfx90a:xnack-", "gfx90a:sramecc+:xnack-"})
    EXPECT_TRUE(check_gpu_arch(Vendor::amd, arch)) << arch;
  for (const std::string_view arch : {"sm_70", "sm_80", "sm_90a", "sm_100", "sm_120f"})
    EXPECT_TRUE(check_gpu_arch(Vendor::nvidia, arch)) << arch;

  constexpr std::string_view k_amd = "expected an AMDGPU target such as gfx900, gfx90a or gfx1100";
  constexpr std::string_view k_nvidia =
      "expected a CUDA compute capability such as sm_80 or sm_90a";
  const std::array<Rejected, 5> amd = {{
      {"gfx9", 0, 4, k_amd},
      {"GFX900", 0, 6, k_amd},
      {"gfx90g", 0, 6, k_amd},
      {"gfx12345", 0, 8, k_amd},
      {"gfx900:xnack", 7, 5, "expected a target feature xnack+, xnack-, sramecc+ or sramecc-"},
  }};
  for (const Rejected& row : amd)
    expect_rejected(check_gpu_arch(Vendor::amd, row.input), row);
  const std::array<Rejected, 3> nvidia = {{
      {"sm80", 0, 4, k_nvidia},
      {"sm_8", 0, 4, k_nvidia},
      {"sm_90x", 0, 6, k_nvidia},
  }};
  for (const Rejected& row : nvidia)
    expect_rejected(check_gpu_arch(Vendor::nvidia, row.input), row);
  expect_rejected(check_gpu_arch(Vendor::cpu, "gfx900"),
                  {"gfx900", 0, 6, "a cpu profile has no GPU"});
}

TEST(Names, EnvironmentVariables) {
  for (const std::string_view name : {"HSA_OVERRIDE_GFX_VERSION", "_x", "a1"})
    EXPECT_TRUE(check_env_name(name)) << name;
  expect_rejected(check_env_name(""), {"", 0, 0, "empty environment variable name"});
  expect_rejected(check_env_name("1A"),
                  {"1A", 0, 1, "an environment variable name starts with a letter or '_'"});
  expect_rejected(check_env_name("A-B"),
                  {"A-B", 1, 1, "an environment variable name has only letters, digits and '_'"});
  expect_rejected(check_env_name("A=B"),
                  {"A=B", 1, 1, "an environment variable name has only letters, digits and '_'"});
}

TEST(Names, ProfilesAndIndexes) {
  for (const std::string_view name : {"mi25", "rocm5.7", "a100-cu121", "pytorch_rocm", "0"})
    EXPECT_TRUE(check_name(name)) << name;
  expect_rejected(check_name(""), {"", 0, 0, "empty name"});
  expect_rejected(check_name(".hidden"), {".hidden", 0, 1, "a name starts with a letter or digit"});
  expect_rejected(check_name("a/b"),
                  {"a/b", 1, 1, "a name has only letters, digits, '.', '_' and '-'"});
  const std::string long_name(70, 'a');
  expect_rejected(check_name(long_name), {long_name, 64, 6, "longer than 64 characters"});
}

TEST(IndexUrl, Accepted) {
  for (const std::string_view url :
       {"https://pypi.org/simple", "https://pypi.org/simple/", "http://127.0.0.1:8080/simple",
        "https://[::1]:8443/simple", "HTTPS://Download.PyTorch.org/whl/rocm5.7",
        "file:///srv/wheelhouse", "file://localhost/srv/wheelhouse",
        "https://mirror.example/simple?token-free=1", "https://mirror.example/a%20b"})
    EXPECT_TRUE(check_index_url(url)) << url << ": " << check_index_url(url).error().render();
}

TEST(IndexUrl, Rejected) {
  const std::array<Rejected, 14> rows = {{
      {"", 0, 0, "empty URL"},
      {"pypi.org/simple", 0, 8, "expected a scheme such as https://"},
      {"ftp://x/simple", 0, 3, "unsupported scheme \"ftp\" (use https, http or file)"},
      {"https:x", 5, 1, "expected \"://\" after the scheme"},
      {"https://user:pw@x/simple", 8, 8, "credentials are not allowed in an index URL"},
      {"https:///simple", 8, 0, "missing host name"},
      {"https://pypi_org/simple", 12, 1, "invalid character in the host name"},
      {"https://x:0/simple", 10, 1, "the port must be a number from 1 to 65535"},
      {"https://x:99999/simple", 10, 5, "the port must be a number from 1 to 65535"},
      {"https://x/simple#frag", 16, 5, "a fragment is not allowed"},
      {"https://x/a b", 11, 1, "character not allowed in a URL (percent-encode it)"},
      {"https://x/%zz", 10, 3, "'%' must start an escape such as %20"},
      {"file://server/share", 7, 6, "expected file:///absolute/path"},
      {"https://[::1/simple", 8, 4, "unclosed IPv6 address"},
  }};
  for (const Rejected& row : rows)
    expect_rejected(check_index_url(row.input), row);
  EXPECT_FALSE(check_index_url("https://x/\xc3\xa9"));  // non-ASCII must be percent-encoded
}

TEST(IndexUrl, Credentials) {
  const auto span = find_url_credentials("https://bot:s3cret@pkgs.example/simple");
  ASSERT_TRUE(span);
  EXPECT_EQ(span->offset, 8U);
  EXPECT_EQ(span->length, 11U);
  EXPECT_FALSE(find_url_credentials("https://pkgs.example/simple/@scope"));
  EXPECT_FALSE(find_url_credentials("not a url"));
}

TEST(ControlCharacters, Found) {
  EXPECT_EQ(find_control_character("plain text"), std::nullopt);
  EXPECT_EQ(find_control_character("tab\there"), 3U);
  EXPECT_EQ(find_control_character(std::string_view("nul\0", 4)), 3U);
  EXPECT_EQ(find_control_character("del\x7f"), 3U);
  EXPECT_EQ(find_control_character("caf\xc3\xa9"), std::nullopt);
}

TEST(Suggestions, ClosestMatch) {
  const std::array<std::string_view, 4> keys = {"vendor", "gpu-arch", "rocm", "pci-ids"};
  EXPECT_EQ(detail::closest_match("gpu_arch", keys), "gpu-arch");
  EXPECT_EQ(detail::closest_match("vednor", keys), "vendor");  // a transposition is one edit
  EXPECT_EQ(detail::closest_match("ROCM", keys), "rocm");
  EXPECT_EQ(detail::closest_match("python", keys), std::nullopt);
  EXPECT_EQ(detail::closest_match(std::string(10000, 'x'), keys), std::nullopt);
}

}  // namespace
}  // namespace gator::profile

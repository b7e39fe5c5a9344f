#include "hardware/versions.hpp"

#include <gtest/gtest.h>

#include "hardware/libc.hpp"

namespace gator::hardware {
namespace {

using namespace std::string_literals;

TEST(RocmVersionTest, ParsesVersionFiles) {
  const auto v571 = parse_rocm_version("5.7.1-98\n");
  ASSERT_TRUE(v571) << v571.error();
  EXPECT_EQ(v571->release, (std::vector<std::uint32_t>{5, 7, 1}));
  EXPECT_EQ(v571->build, "98");
  EXPECT_EQ(v571->release_text(), "5.7.1");
  EXPECT_EQ(parse_rocm_version("6.2.0-66")->release_text(), "6.2.0");
  EXPECT_EQ(parse_rocm_version("6.3")->build, "");
  EXPECT_EQ(parse_rocm_version("5.7.1.50701-98\nsecond line")->release_text(), "5.7.1.50701");
}

TEST(RocmVersionTest, RejectsGarbage) {
  EXPECT_EQ(parse_rocm_version("\n").error(), "empty version: expected a version such as 5.7.1-98");
  for (const char* text : {"garbage", "5", "5.7.x-98", "5.7.1-", "5..1", "5.7.1-9 8", "v5.7.1"}) {
    EXPECT_EQ(parse_rocm_version(text).error(), "invalid ROCm version \"" + std::string(text) +
                                                    "\": expected a version such as 5.7.1-98")
        << text;
  }
}

TEST(RocmVersionTest, VersionFilesHonourRocmPath) {
  EXPECT_EQ(rocm_version_files(std::nullopt),
            (std::vector<std::string>{"/opt/rocm/.info/version", "/opt/rocm/.info/version-dev"}));
  EXPECT_EQ(rocm_version_files("/opt/rocm-6.2.0/"),
            (std::vector<std::string>{"/opt/rocm-6.2.0/.info/version",
                                      "/opt/rocm-6.2.0/.info/version-dev",
                                      "/opt/rocm/.info/version", "/opt/rocm/.info/version-dev"}));
  EXPECT_EQ(rocm_version_files("/opt/rocm"), rocm_version_files(std::nullopt));
  EXPECT_EQ(rocm_version_files(""), rocm_version_files(std::nullopt));
}

TEST(NvidiaVersionTest, ParsesProcFile) {
  EXPECT_EQ(parse_nvidia_proc_version("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  "
                                      "Sat Aug 19 01:15:15 UTC 2023\nGCC version: gcc 12\n"),
            "535.104.05");
  EXPECT_EQ(parse_nvidia_proc_version("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  "
                                      "550.54.14  Release Build  (dvs-builder@U16)  Thu Feb 22"),
            "550.54.14");
  EXPECT_EQ(parse_nvidia_proc_version("NVRM version: NVIDIA UNIX aarch64 Kernel Module  "
                                      "470.42.01  Tue Jun 15 2021"),
            "470.42.01");
  EXPECT_EQ(parse_nvidia_proc_version("hello").error(),
            R"(unexpected first line "hello": expected "NVRM version: ...")");
  EXPECT_EQ(parse_nvidia_proc_version("NVRM version: NVIDIA UNIX Kernel Module").error(),
            R"(no driver version in "NVRM version: NVIDIA UNIX Kernel Module": expected a )"
            R"(number such as 535.104.05)");
}

TEST(GlibcTest, FindsTheBannerInBytes) {
  const std::string bytes =
      "\x7f"
      "ELF\0\0junk GNU C Library\0 GNU C Library (Ubuntu GLIBC "
      "2.31-0ubuntu9.16) stable release version 2.31.\nCopyright\0"s;
  const auto version = find_glibc_banner(bytes);
  ASSERT_TRUE(version);
  EXPECT_EQ(version->text(), "2.31");
  EXPECT_EQ(find_glibc_banner("GNU C Library (GNU libc) stable release version 2.17, by Roland "
                              "McGrath et al.")
                ->text(),
            "2.17");
  EXPECT_EQ(
      find_glibc_banner("GNU C Library (GNU libc) development release version 2.39.9000.")->text(),
      "2.39");
  EXPECT_FALSE(find_glibc_banner("musl libc (x86_64) Version 1.2.4"));
  EXPECT_FALSE(find_glibc_banner("GNU C Library\0 release version 2.31."s));
  EXPECT_FALSE(find_glibc_banner("GNU C Library release version x.31"));
  EXPECT_FALSE(find_glibc_banner(""));
}

TEST(GlibcTest, ParsesVersionStrings) {
  EXPECT_EQ(parse_glibc_version("2.36")->text(), "2.36");
  EXPECT_EQ(parse_glibc_version("2.39.9000")->minor, 39u);
  EXPECT_FALSE(parse_glibc_version("2"));
  EXPECT_FALSE(parse_glibc_version("2."));
  EXPECT_FALSE(parse_glibc_version(".36"));
  EXPECT_FALSE(parse_glibc_version("1234567.1"));
}

TEST(ArchTest, ReadsElfHeaders) {
  auto header = [](char elf_class, char data, std::uint16_t machine) {
    std::string out =
        "\x7f"
        "ELF"s +
        elf_class + data + '\x01' + std::string(9, '\0') + "\x03\0"s;
    const auto lo = static_cast<char>(machine & 0xff);
    const auto hi = static_cast<char>(machine >> 8);
    out += data == 1 ? std::string{lo, hi} : std::string{hi, lo};
    return out + std::string(44, '\0');
  };
  EXPECT_EQ(elf_arch(header(2, 1, 62)), "x86_64");
  EXPECT_EQ(elf_arch(header(2, 1, 183)), "aarch64");
  EXPECT_EQ(elf_arch(header(1, 1, 3)), "i686");
  EXPECT_EQ(elf_arch(header(1, 1, 40)), "armv7l");
  EXPECT_EQ(elf_arch(header(2, 1, 21)), "ppc64le");
  EXPECT_EQ(elf_arch(header(2, 2, 21)), "ppc64");
  EXPECT_EQ(elf_arch(header(2, 2, 22)), "s390x");
  EXPECT_EQ(elf_arch(header(2, 1, 243)), "riscv64");
  EXPECT_EQ(elf_arch(header(1, 2, 22)), std::nullopt);
  EXPECT_EQ(elf_arch(header(2, 1, 9999)), std::nullopt);
  EXPECT_EQ(elf_arch("\x7f"
                     "ELF"),
            std::nullopt);
  EXPECT_EQ(elf_arch("GNU C Library"), std::nullopt);
}

TEST(ArchTest, ReadsMultiarchDirectories) {
  EXPECT_EQ(multiarch_arch("x86_64-linux-gnu"), "x86_64");
  EXPECT_EQ(multiarch_arch("aarch64-linux-gnu"), "aarch64");
  EXPECT_EQ(multiarch_arch("i386-linux-gnu"), "i686");
  EXPECT_EQ(multiarch_arch("arm-linux-gnueabihf"), "armv7l");
  EXPECT_EQ(multiarch_arch("powerpc64le-linux-gnu"), "ppc64le");
  EXPECT_EQ(multiarch_arch("s390x-linux-gnu"), "s390x");
  EXPECT_EQ(multiarch_arch("riscv64-linux-gnu"), "riscv64");
  EXPECT_EQ(multiarch_arch("x86_64"), std::nullopt);
  EXPECT_EQ(multiarch_arch("python3.11"), std::nullopt);
  EXPECT_EQ(multiarch_arch("sparc64-linux-gnu"), std::nullopt);
  EXPECT_EQ(multiarch_arch("x86_64-pc-gnu"), std::nullopt);
}

}  // namespace
}  // namespace gator::hardware

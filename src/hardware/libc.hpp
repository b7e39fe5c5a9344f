#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hardware/sysroot.hpp"

namespace gator::hardware {

struct GlibcVersion {
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  std::string source;  // "gnu_get_libc_version()" or the host path of the libc.so.6 read

  [[nodiscard]] std::string text() const;  // "2.31"
};

// Pure: the "X.Y" at the start of `text` ("2.36", "2.39.9000" gives 2.39).
[[nodiscard]] std::optional<GlibcVersion> parse_glibc_version(std::string_view text);

// Pure: scans the bytes of a libc.so.6 for the banner glibc embeds, "GNU C Library (...) stable
// release version 2.31.", without running anything.
[[nodiscard]] std::optional<GlibcVersion> find_glibc_banner(std::string_view bytes);

// Pure: the architecture of an ELF file from its header ("x86_64", "aarch64", "i686", "armv7l",
// "ppc64le", "ppc64", "s390x", "riscv64"); nullopt for other data or machines.
[[nodiscard]] std::optional<std::string> elf_arch(std::string_view header);

// Pure: the architecture a Debian multiarch directory stands for: "x86_64-linux-gnu" -> x86_64,
// "aarch64-linux-gnu" -> aarch64, "i386-linux-gnu" -> i686, "arm-linux-gnueabihf" -> armv7l.
[[nodiscard]] std::optional<std::string> multiarch_arch(std::string_view directory);

// Candidates for the sysroot's C library: /lib*/libc.so.6 and /lib*/<triplet>/libc.so.6, also
// under /usr, existing files only, most likely first: multiarch directories (64-bit triplets
// before others), then lib64, lib, lib32/libx32; "/" before "/usr". Machine paths.
[[nodiscard]] std::vector<std::string> find_libc(const Sysroot& sysroot);

struct CpuArch {
  std::string name;    // as in manylinux tags: "x86_64", "aarch64", ...
  std::string source;  // "uname", or how it was inferred ("ELF header of ...", "directory ...")
};

struct LibcFacts {
  std::expected<GlibcVersion, DetectError> glibc;
  std::expected<CpuArch, DetectError> arch;
};

// For the host ("/"): gnu_get_libc_version() and uname(2). For another sysroot: the version banner
// inside the first libc.so.6 found, and the architecture from that file's ELF header, else from
// its multiarch directory name. Nothing is executed.
[[nodiscard]] LibcFacts read_libc(const Sysroot& sysroot);

}  // namespace gator::hardware

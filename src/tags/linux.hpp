#pragma once

#include <compare>
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

// Linux platform tags: linux_<arch>, manylinux (PEP 513/571/599/600) and musllinux (PEP 656),
// computed from a description of the machine's C library instead of probing the running one.
namespace gator::tags {

// A glibc or musl version (major.minor).
struct LibcVersion {
  unsigned major = 0;
  unsigned minor = 0;

  friend bool operator==(const LibcVersion&, const LibcVersion&) = default;
  friend auto operator<=>(const LibcVersion&, const LibcVersion&) = default;
};

// A glibc version string such as "2.17" or "2.20-2014.11" (anything after major.minor is
// ignored, as packaging does for patched glibc builds).
[[nodiscard]] std::expected<LibcVersion, util::ParseError> parse_glibc_version(
    std::string_view text);

// The version part of confstr(_CS_GNU_LIBC_VERSION) ("glibc 2.17" -> "2.17"), or nothing when
// the value is not two whitespace-separated words.
[[nodiscard]] std::optional<std::string> glibc_version_from_confstr(std::string_view value);

// The musl version printed by the musl dynamic loader on stderr ("musl libc (x86_64)\nVersion
// 1.2.2\n..." -> 1.2), or nothing when the text is not from musl.
[[nodiscard]] std::optional<LibcVersion> parse_musl_version(std::string_view loader_output);

// A distribution's PEP 600 `_manylinux` module: for a manylinux tag's glibc version and arch,
// true or false decides, nothing falls back to the glibc comparison. The legacy
// manylinux1/2010/2014_compatible attributes are the same hook answering only for 2.5, 2.12 and
// 2.17.
using ManylinuxHook = std::function<std::optional<bool>(LibcVersion tag, std::string_view arch)>;

// A manylinux_<tag>_<arch> wheel runs when the system glibc is at least the tag's and the hook
// (if any) does not refuse it; an unknown system glibc runs none.
[[nodiscard]] bool is_manylinux_compatible(LibcVersion tag, std::string_view arch,
                                           std::optional<LibcVersion> system_glibc,
                                           const ManylinuxHook& hook = {});

// Oldest manylinux glibc: 2.5 on x86 (manylinux1), 2.17 elsewhere (manylinux2014).
inline constexpr LibcVersion k_oldest_glibc_x86{2, 5};
inline constexpr LibcVersion k_oldest_glibc{2, 17};
// packaging's assumption for the last minor of a glibc major older than the system's.
inline constexpr unsigned k_last_glibc_minor = 50;

// What the Linux platform list depends on.
struct LinuxPlatformInput {
  // sysconfig.get_platform() of the interpreter, e.g. "linux-x86_64".
  std::string sysconfig_platform;
  // A 32-bit interpreter: linux_x86_64 becomes linux_i686, linux_aarch64 linux_armv8l (which
  // also runs armv7l).
  bool is_32bit = false;
  // The system glibc (manylinux floor) or musl version; unset means that libc is absent.
  std::optional<LibcVersion> glibc;
  std::optional<LibcVersion> musl;
  ManylinuxHook manylinux_compatible;
  // For armv7l and i686, whether the interpreter binary has the ABI manylinux requires (ARM
  // EABI5 hard-float, i386); false for armel or x32 interpreters. Other architectures need to
  // be one of the manylinux ones instead.
  bool manylinux_abi = true;
};

// manylinux tags for `archs` (closest first), newest glibc first, each legacy alias
// (manylinux2014, manylinux2010, manylinux1) right after its manylinux_2_X tag.
[[nodiscard]] std::vector<std::string> manylinux_platforms(std::span<const std::string> archs,
                                                           std::optional<LibcVersion> glibc,
                                                           const ManylinuxHook& hook,
                                                           bool manylinux_abi);

// musllinux_<major>_<minor>_<arch> from the system's minor down to 0, for each arch.
[[nodiscard]] std::vector<std::string> musllinux_platforms(std::span<const std::string> archs,
                                                           std::optional<LibcVersion> musl);

// The ordered Linux platform tags of packaging HEAD: linux_<arch> first, then manylinux, then
// musllinux. A platform that is not "linux_*" is returned alone.
[[nodiscard]] std::vector<std::string> linux_platforms(const LinuxPlatformInput& input);

}  // namespace gator::tags

#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <vector>

// macOS and iOS platform tags, as packaging.tags computes them for a given OS version.
namespace gator::tags {

struct AppleVersion {
  unsigned major = 0;
  unsigned minor = 0;

  friend bool operator==(const AppleVersion&, const AppleVersion&) = default;
  friend auto operator<=>(const AppleVersion&, const AppleVersion&) = default;
};

// The macOS architecture a (possibly 32-bit) interpreter on a `arch` machine uses: a 32-bit
// interpreter is "ppc" on PowerPC and "i386" otherwise.
[[nodiscard]] std::string mac_arch(std::string_view arch, bool is_32bit);

// The binary formats (arch, intel, fat64, fat3, universal2, ...) that can run on `arch` under
// macOS `version`, most specific first; empty when the arch did not exist on that version.
[[nodiscard]] std::vector<std::string> mac_binary_formats(const AppleVersion& version,
                                                          std::string_view arch);

// macosx_<major>_<minor>_<format> for `version` and every older compatible release: 10.x down to
// 10.0; from 11 each major (minor 0) down to 11, then 10.16..10.4 (x86_64 formats, or only
// universal2 for other architectures).
[[nodiscard]] std::vector<std::string> mac_platforms(const AppleVersion& version,
                                                     std::string_view arch);

// ios_<major>_<minor>_<multiarch> from `version` down to 12.0 (each older major with minors 9..0);
// `multiarch` is e.g. "arm64-iphoneos" or "x86_64-iphonesimulator" ('-' becomes '_').
[[nodiscard]] std::vector<std::string> ios_platforms(const AppleVersion& version,
                                                     std::string_view multiarch);

}  // namespace gator::tags

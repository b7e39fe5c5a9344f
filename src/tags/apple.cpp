#include "tags/apple.hpp"

#include <algorithm>

namespace gator::tags {
namespace {

std::string macosx(unsigned major, unsigned minor, std::string_view format) {
  return "macosx_" + std::to_string(major) + "_" + std::to_string(minor) + "_" +
         std::string(format);
}

void append_formats(std::vector<std::string>& out, unsigned major, unsigned minor,
                    std::string_view arch) {
  for (const std::string& format : mac_binary_formats({major, minor}, arch))
    out.push_back(macosx(major, minor, format));
}

std::string ios(unsigned major, unsigned minor, std::string_view multiarch) {
  return "ios_" + std::to_string(major) + "_" + std::to_string(minor) + "_" +
         std::string(multiarch);
}

}  // namespace

std::string mac_arch(std::string_view arch, bool is_32bit) {
  if (!is_32bit)
    return std::string(arch);
  if (arch.substr(0, 3) == "ppc")
    return "ppc";
  return "i386";
}

std::vector<std::string> mac_binary_formats(const AppleVersion& version, std::string_view arch) {
  std::vector<std::string> formats{std::string(arch)};
  if (arch == "x86_64") {
    if (version < AppleVersion{10, 4})
      return {};
    formats.insert(formats.end(), {"intel", "fat64", "fat3"});
  } else if (arch == "i386") {
    if (version < AppleVersion{10, 4})
      return {};
    formats.insert(formats.end(), {"intel", "fat3", "fat"});
  } else if (arch == "ppc64") {
    if (version > AppleVersion{10, 5} || version < AppleVersion{10, 4})
      return {};
    formats.emplace_back("fat64");
  } else if (arch == "ppc") {
    if (version > AppleVersion{10, 6})
      return {};
    formats.insert(formats.end(), {"fat3", "fat"});
  }
  if (arch == "arm64" || arch == "x86_64")
    formats.emplace_back("universal2");
  if (arch == "x86_64" || arch == "i386" || arch == "ppc64" || arch == "ppc" || arch == "intel")
    formats.emplace_back("universal");
  return formats;
}

std::vector<std::string> mac_platforms(const AppleVersion& version, std::string_view arch) {
  std::vector<std::string> out;
  if (version >= AppleVersion{10, 0} && version < AppleVersion{11, 0}) {
    // Before macOS 11 every yearly release bumped the minor version.
    for (unsigned minor = version.minor + 1; minor-- > 0;)
      append_formats(out, 10, minor, arch);
  }
  if (version >= AppleVersion{11, 0}) {
    // From macOS 11 every yearly release bumps the major version; minors are mid-year updates.
    for (unsigned major = version.major + 1; major-- > 11;)
      append_formats(out, major, 0, arch);
    // x86_64 runs binaries built for older releases; universal2 binaries may name a release
    // before 11 for their x86_64 half, so arm64 accepts those too.
    for (unsigned minor = 17; minor-- > 4;) {
      if (arch == "x86_64")
        append_formats(out, 10, minor, arch);
      else
        out.push_back(macosx(10, minor, "universal2"));
    }
  }
  return out;
}

std::vector<std::string> ios_platforms(const AppleVersion& version, std::string_view multiarch) {
  std::string arch(multiarch);
  std::replace(arch.begin(), arch.end(), '-', '_');
  std::vector<std::string> out;
  // 12.0 is the first iOS release able to run CPython.
  if (version.major < 12)
    return out;
  for (unsigned minor = version.minor + 1; minor-- > 0;)
    out.push_back(ios(version.major, minor, arch));
  for (unsigned major = version.major; major-- > 12;) {
    for (unsigned minor = 10; minor-- > 0;)
      out.push_back(ios(major, minor, arch));
  }
  return out;
}

}  // namespace gator::tags

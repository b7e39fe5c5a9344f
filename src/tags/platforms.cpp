#include "tags/platforms.hpp"

#include "tags/abi.hpp"
#include "util/strings.hpp"

namespace gator::tags {

std::vector<std::string> android_platforms(unsigned api_level, std::string_view abi) {
  constexpr unsigned k_min_api_level = 16;
  const std::string normalized = normalize_platform_string(abi);
  std::vector<std::string> out;
  for (unsigned level = api_level + 1; level-- > k_min_api_level;)
    out.push_back("android_" + std::to_string(level) + "_" + normalized);
  return out;
}

std::vector<std::string> emscripten_platforms(std::string_view sysconfig_platform,
                                              std::string_view pyemscripten_platform_version) {
  std::vector<std::string> out;
  if (!pyemscripten_platform_version.empty())
    out.push_back("pyemscripten_" + std::string(pyemscripten_platform_version) + "_wasm32");
  out.push_back(normalize_platform_string(sysconfig_platform));
  return out;
}

std::string windows_platform(std::string_view arch, bool is_32bit) {
  const std::string lower = util::ascii_lower(arch);
  if (is_32bit || lower == "x86" || lower == "i386" || lower == "i686" || lower == "win32")
    return "win32";
  if (lower == "x86_64" || lower == "amd64")
    return "win_amd64";
  if (lower == "arm64" || lower == "aarch64")
    return "win_arm64";
  return "win_" + normalize_platform_string(lower);
}

}  // namespace gator::tags

#pragma once

#include <string>
#include <string_view>
#include <vector>

// Platform tags of the systems without a compatibility ladder of their own.
namespace gator::tags {

// android_<level>_<abi> from `api_level` down to 16 (the oldest level CPython supports); the ABI
// has '.', '-' and ' ' replaced by '_' ("armeabi-v7a" -> armeabi_v7a).
[[nodiscard]] std::vector<std::string> android_platforms(unsigned api_level, std::string_view abi);

// pyemscripten_<version>_wasm32 when PYEMSCRIPTEN_PLATFORM_VERSION is set, then the normalized
// sysconfig platform ("emscripten-3.1.58-wasm32" -> emscripten_3_1_58_wasm32).
[[nodiscard]] std::vector<std::string> emscripten_platforms(
    std::string_view sysconfig_platform, std::string_view pyemscripten_platform_version);

// The Windows platform for a machine architecture: win_amd64, win32 (32-bit interpreters and
// x86), win_arm64, otherwise win_<arch>.
[[nodiscard]] std::string windows_platform(std::string_view arch, bool is_32bit);

}  // namespace gator::tags

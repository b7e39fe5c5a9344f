#include "hardware/versions.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace gator::hardware {
namespace {

constexpr std::size_t k_max_version_file_bytes = 4096;
constexpr std::uint32_t k_max_component = 99999999;
constexpr std::string_view k_default_rocm = "/opt/rocm";
constexpr std::string_view k_nvidia_proc = "/proc/driver/nvidia/version";
constexpr std::string_view k_nvidia_module = "/sys/module/nvidia";
constexpr std::string_view k_amdgpu_module = "/sys/module/amdgpu";

std::string_view first_line(std::string_view text) {
  return util::trim_ascii(text.substr(0, text.find('\n')));
}

// "1.2.3": one or more dot-separated decimal numbers.
std::optional<std::vector<std::uint32_t>> parse_dotted(std::string_view text) {
  std::vector<std::uint32_t> out;
  for (const std::string_view part : util::split(text, '.')) {
    if (part.empty() || part.size() > 8 ||
        !std::all_of(part.begin(), part.end(), util::is_ascii_digit)) {
      return std::nullopt;
    }
    std::uint32_t value = 0;
    for (const char c : part) {
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value > k_max_component) {
      return std::nullopt;
    }
    out.push_back(value);
  }
  return out;
}

bool is_dotted_version(std::string_view text) {
  const auto parts = parse_dotted(text);
  return parts && parts->size() >= 2;
}

bool is_build_char(char c) {
  return util::is_ascii_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '~';
}

std::string join_path(std::string_view prefix, std::string_view rest) {
  std::string out(prefix);
  while (out.size() > 1 && out.back() == '/') {
    out.pop_back();
  }
  if (out.empty() || out.front() != '/') {
    out.insert(out.begin(), '/');
  }
  if (out == "/") {
    out.clear();
  }
  return out + std::string(rest);
}

DetectError read_failure(const Sysroot& sysroot, std::string_view file,
                         const std::error_code& error) {
  return DetectError{sysroot.display(file), 0, "cannot read: " + error.message()};
}

}  // namespace

std::string RocmVersion::release_text() const {
  std::string out;
  for (const std::uint32_t part : release) {
    if (!out.empty()) {
      out += '.';
    }
    out += std::to_string(part);
  }
  return out;
}

std::expected<RocmVersion, std::string> parse_rocm_version(std::string_view text) {
  const std::string_view line = first_line(text);
  const std::string expected = ": expected a version such as 5.7.1-98";
  if (line.empty()) {
    return std::unexpected("empty version" + expected);
  }
  const std::size_t dash = line.find('-');
  const std::string_view release = line.substr(0, dash);
  const std::string_view build =
      dash == std::string_view::npos ? std::string_view() : line.substr(dash + 1);
  auto parts = parse_dotted(release);
  if (!parts || parts->size() < 2 ||
      (dash != std::string_view::npos &&
       (build.empty() || !std::all_of(build.begin(), build.end(), is_build_char)))) {
    return std::unexpected("invalid ROCm version " + quote(line) + expected);
  }
  return RocmVersion{std::move(*parts), std::string(build)};
}

std::vector<std::string> rocm_version_files(std::optional<std::string_view> rocm_path) {
  std::vector<std::string> prefixes;
  if (rocm_path && !util::trim_ascii(*rocm_path).empty()) {
    prefixes.push_back(join_path(util::trim_ascii(*rocm_path), ""));
  }
  if (prefixes.empty() || prefixes.front() != k_default_rocm) {
    prefixes.emplace_back(k_default_rocm);
  }
  std::vector<std::string> out;
  for (const std::string& prefix : prefixes) {
    out.push_back(join_path(prefix, "/.info/version"));
    out.push_back(join_path(prefix, "/.info/version-dev"));
  }
  return out;
}

std::expected<std::optional<RocmInstall>, DetectError> read_rocm(
    const Sysroot& sysroot, std::optional<std::string_view> rocm_path) {
  for (const std::string& file : rocm_version_files(rocm_path)) {
    const auto text = sysroot.read(file, k_max_version_file_bytes);
    if (!text) {
      if (is_absent(text.error())) {
        continue;
      }
      return std::unexpected(read_failure(sysroot, file, text.error()));
    }
    auto parsed = parse_rocm_version(*text);
    if (!parsed) {
      return std::unexpected(DetectError{sysroot.display(file), 1, std::move(parsed.error())});
    }
    RocmInstall install;
    install.prefix = file.substr(0, file.rfind("/.info/"));
    if (install.prefix.empty()) {
      install.prefix = "/";
    }
    install.version_file = sysroot.display(file);
    install.raw = std::string(first_line(*text));
    install.version = parsed->release_text();
    install.parsed = std::move(*parsed);
    return std::optional<RocmInstall>(std::move(install));
  }
  return std::optional<RocmInstall>();
}

std::string KernelModule::version_text() const {
  return version.value_or("in-tree");
}

std::expected<KernelModule, DetectError> read_amdgpu(const Sysroot& sysroot) {
  KernelModule out;
  out.loaded = sysroot.exists(k_amdgpu_module);
  if (!out.loaded) {
    return out;
  }
  const std::string file = std::string(k_amdgpu_module) + "/version";
  const auto text = sysroot.read(file, k_max_version_file_bytes);
  if (!text) {
    if (is_absent(text.error())) {
      return out;  // in-tree drivers have no version attribute
    }
    return std::unexpected(read_failure(sysroot, file, text.error()));
  }
  const std::string_view version = first_line(*text);
  if (version.empty() || !std::all_of(version.begin(), version.end(), is_build_char)) {
    return std::unexpected(DetectError{
        sysroot.display(file), 1,
        "invalid driver version " + quote(version) + ": expected a version such as 6.2.4"});
  }
  out.version = std::string(version);
  return out;
}

std::expected<std::string, std::string> parse_nvidia_proc_version(std::string_view text) {
  constexpr std::string_view k_prefix = "NVRM version:";
  const std::string_view line = first_line(text);
  if (!line.starts_with(k_prefix)) {
    return std::unexpected("unexpected first line " + quote(line) +
                           ": expected \"NVRM version: ...\"");
  }
  std::string_view rest = line.substr(k_prefix.size());
  while (!rest.empty()) {
    const auto start = std::find_if_not(rest.begin(), rest.end(), util::is_ascii_space);
    const auto end = std::find_if(start, rest.end(), util::is_ascii_space);
    const std::string_view token(start, end);
    if (is_dotted_version(token)) {
      return std::string(token);
    }
    rest = std::string_view(end, rest.end());
  }
  return std::unexpected("no driver version in " + quote(line) +
                         ": expected a number such as 535.104.05");
}

std::expected<std::optional<NvidiaDriver>, DetectError> read_nvidia(const Sysroot& sysroot) {
  NvidiaDriver out;
  out.module_loaded = sysroot.exists(k_nvidia_module);
  if (const auto text = sysroot.read(k_nvidia_proc, k_max_version_file_bytes)) {
    auto version = parse_nvidia_proc_version(*text);
    if (!version) {
      return std::unexpected(
          DetectError{sysroot.display(k_nvidia_proc), 1, std::move(version.error())});
    }
    out.version = std::move(*version);
    out.source = sysroot.display(k_nvidia_proc);
    return std::optional<NvidiaDriver>(std::move(out));
  } else if (!is_absent(text.error())) {
    return std::unexpected(read_failure(sysroot, k_nvidia_proc, text.error()));
  }
  const std::string file = std::string(k_nvidia_module) + "/version";
  const auto text = sysroot.read(file, k_max_version_file_bytes);
  if (!text) {
    if (is_absent(text.error())) {
      return std::optional<NvidiaDriver>();
    }
    return std::unexpected(read_failure(sysroot, file, text.error()));
  }
  const std::string_view version = first_line(*text);
  if (!is_dotted_version(version)) {
    return std::unexpected(DetectError{
        sysroot.display(file), 1,
        "invalid driver version " + quote(version) + ": expected a number such as 535.104.05"});
  }
  out.version = std::string(version);
  out.source = sysroot.display(file);
  return std::optional<NvidiaDriver>(std::move(out));
}

}  // namespace gator::hardware

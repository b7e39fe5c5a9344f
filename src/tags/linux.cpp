#include "tags/linux.hpp"

#include <algorithm>
#include <charconv>

#include "tags/abi.hpp"
#include "util/strings.hpp"

namespace gator::tags {
namespace {

// Leading ASCII digits of `text` as a number; nothing when there are none or it overflows.
std::optional<unsigned> leading_number(std::string_view text, std::size_t& length) {
  length = 0;
  while (length < text.size() && util::is_ascii_digit(text[length]))
    ++length;
  unsigned value = 0;
  if (length == 0)
    return std::nullopt;
  const auto result = std::from_chars(text.data(), text.data() + length, value);
  if (result.ec != std::errc())
    return std::nullopt;
  return value;
}

// "<digits>.<digits>" at the start of `text`.
std::optional<LibcVersion> leading_major_minor(std::string_view text) {
  std::size_t length = 0;
  const auto major = leading_number(text, length);
  if (!major || length >= text.size() || text[length] != '.')
    return std::nullopt;
  const auto minor = leading_number(text.substr(length + 1), length);
  if (!minor)
    return std::nullopt;
  return LibcVersion{*major, *minor};
}

// str.isspace() for ASCII: also the information separators 0x1c-0x1f.
bool is_python_space(char c) {
  return util::is_ascii_space(c) || (c >= '\x1c' && c <= '\x1f');
}

// str.splitlines() boundaries within ASCII.
bool is_line_boundary(char c) {
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' ||
         c == '\x1e';
}

std::string_view strip_python_space(std::string_view text) {
  while (!text.empty() && is_python_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_python_space(text.back()))
    text.remove_suffix(1);
  return text;
}

bool contains(std::span<const std::string> archs, std::string_view arch) {
  return std::find(archs.begin(), archs.end(), arch) != archs.end();
}

// The interpreter can load manylinux wheels at all (packaging's _have_compatible_abi).
bool have_compatible_abi(std::span<const std::string> archs, bool manylinux_abi) {
  if (contains(archs, "armv7l") || contains(archs, "i686"))
    return manylinux_abi;
  static constexpr std::string_view k_manylinux_archs[] = {
      "x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64"};
  return std::any_of(archs.begin(), archs.end(), [](const std::string& arch) {
    return std::find(std::begin(k_manylinux_archs), std::end(k_manylinux_archs), arch) !=
           std::end(k_manylinux_archs);
  });
}

const char* legacy_manylinux_alias(LibcVersion version) {
  if (version == LibcVersion{2, 17})
    return "manylinux2014";  // CentOS 7 (PEP 599)
  if (version == LibcVersion{2, 12})
    return "manylinux2010";  // CentOS 6 (PEP 571)
  if (version == LibcVersion{2, 5})
    return "manylinux1";  // CentOS 5 (PEP 513)
  return nullptr;
}

}  // namespace

std::expected<LibcVersion, util::ParseError> parse_glibc_version(std::string_view text) {
  if (const auto version = leading_major_minor(text))
    return *version;
  return std::unexpected(util::ParseError::at(
      text, 0, text.size(),
      "Expected glibc version with 2 components major.minor, got: " + std::string(text)));
}

std::optional<std::string> glibc_version_from_confstr(std::string_view value) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < value.size()) {
    while (at < value.size() && is_python_space(value[at]))
      ++at;
    const std::size_t start = at;
    while (at < value.size() && !is_python_space(value[at]))
      ++at;
    if (at > start)
      words.push_back(value.substr(start, at - start));
  }
  if (words.size() != 2)
    return std::nullopt;
  return std::string(words[1]);
}

std::optional<LibcVersion> parse_musl_version(std::string_view loader_output) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t at = 0; at <= loader_output.size(); ++at) {
    if (at < loader_output.size() && !is_line_boundary(loader_output[at]))
      continue;
    const std::string_view line = strip_python_space(loader_output.substr(start, at - start));
    if (!line.empty())
      lines.push_back(line);
    if (lines.size() == 2)
      break;
    // "\r\n" is one boundary.
    if (at + 1 < loader_output.size() && loader_output[at] == '\r' && loader_output[at + 1] == '\n')
      ++at;
    start = at + 1;
  }
  if (lines.size() < 2 || lines[0].substr(0, 4) != "musl")
    return std::nullopt;
  constexpr std::string_view k_prefix = "Version ";
  if (lines[1].substr(0, k_prefix.size()) != k_prefix)
    return std::nullopt;
  return leading_major_minor(lines[1].substr(k_prefix.size()));
}

bool is_manylinux_compatible(LibcVersion tag, std::string_view arch,
                             std::optional<LibcVersion> system_glibc, const ManylinuxHook& hook) {
  if (!system_glibc || *system_glibc < tag)
    return false;
  if (hook) {
    if (const std::optional<bool> verdict = hook(tag, arch))
      return *verdict;
  }
  return true;
}

std::vector<std::string> manylinux_platforms(std::span<const std::string> archs,
                                             std::optional<LibcVersion> glibc,
                                             const ManylinuxHook& hook, bool manylinux_abi) {
  std::vector<std::string> out;
  if (!glibc || !have_compatible_abi(archs, manylinux_abi))
    return out;
  const bool x86 = contains(archs, "x86_64") || contains(archs, "i686");
  const LibcVersion oldest = x86 ? k_oldest_glibc_x86 : k_oldest_glibc;
  // Compatibility holds across glibc majors, so older majors contribute all their minors.
  std::vector<LibcVersion> newest_per_major{*glibc};
  for (unsigned major = glibc->major; major-- > 2;)
    newest_per_major.push_back({major, k_last_glibc_minor});
  for (const std::string& arch : archs) {
    for (const LibcVersion& newest : newest_per_major) {
      const unsigned lowest = newest.major == oldest.major ? oldest.minor : 0;
      for (unsigned minor = newest.minor + 1; minor-- > lowest;) {
        const LibcVersion version{newest.major, minor};
        if (!is_manylinux_compatible(version, arch, glibc, hook))
          continue;
        out.push_back("manylinux_" + std::to_string(version.major) + "_" +
                      std::to_string(version.minor) + "_" + arch);
        if (const char* alias = legacy_manylinux_alias(version))
          out.push_back(std::string(alias) + "_" + arch);
      }
    }
  }
  return out;
}

std::vector<std::string> musllinux_platforms(std::span<const std::string> archs,
                                             std::optional<LibcVersion> musl) {
  std::vector<std::string> out;
  if (!musl)
    return out;
  for (const std::string& arch : archs) {
    for (unsigned minor = musl->minor + 1; minor-- > 0;)
      out.push_back("musllinux_" + std::to_string(musl->major) + "_" + std::to_string(minor) + "_" +
                    arch);
  }
  return out;
}

std::vector<std::string> linux_platforms(const LinuxPlatformInput& input) {
  std::string linux_platform = normalize_platform_string(input.sysconfig_platform);
  constexpr std::string_view k_prefix = "linux_";
  if (linux_platform.compare(0, k_prefix.size(), k_prefix) != 0)
    return {linux_platform};
  if (input.is_32bit) {
    if (linux_platform == "linux_x86_64")
      linux_platform = "linux_i686";
    else if (linux_platform == "linux_aarch64")
      linux_platform = "linux_armv8l";
  }
  const std::string arch = linux_platform.substr(k_prefix.size());
  std::vector<std::string> archs{arch};
  if (arch == "armv8l")
    archs.emplace_back("armv7l");

  std::vector<std::string> out;
  for (const std::string& each : archs)
    out.push_back("linux_" + each);
  for (std::string& tag :
       manylinux_platforms(archs, input.glibc, input.manylinux_compatible, input.manylinux_abi))
    out.push_back(std::move(tag));
  for (std::string& tag : musllinux_platforms(archs, input.musl))
    out.push_back(std::move(tag));
  return out;
}

}  // namespace gator::tags

#include "hardware/libc.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include <gnu/libc-version.h>
#include <sys/utsname.h>

#include "util/strings.hpp"

namespace gator::hardware {
namespace {

// libc.so.6 is about 2 MiB; a much larger file is not one.
constexpr std::size_t k_max_libc_bytes = 64 * 1024 * 1024;
// How far after "GNU C Library" the "release version" may appear (the banner is one line).
constexpr std::size_t k_banner_window = 256;

// Architectures whose libc is the primary one when a multiarch system also carries i386 etc.
constexpr std::array<std::string_view, 6> k_primary_triplet_arches = {
    "x86_64", "aarch64", "ppc64le", "s390x", "riscv64", "ppc64"};

std::optional<std::uint32_t> leading_number(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  std::uint32_t value = 0;
  while (pos < text.size() && util::is_ascii_digit(text[pos]) && pos - start < 6) {
    value = value * 10 + static_cast<std::uint32_t>(text[pos] - '0');
    ++pos;
  }
  if (pos == start) {
    return std::nullopt;
  }
  return value;
}

// Rank of a candidate: multiarch directories first (primary 64-bit triplets before i386 and
// others), then lib64, lib, lib32/libx32; "/" before "/usr"; then by path. Lower is likelier.
std::tuple<std::size_t, int, std::string> rank(const std::string& path) {
  const std::string_view view = path;
  const int under_usr = view.starts_with("/usr/") ? 1 : 0;
  const std::string_view rest = under_usr == 1 ? view.substr(5) : view.substr(1);
  const std::vector<std::string_view> parts = util::split(rest, '/');
  if (parts.size() == 3) {  // lib*/<triplet>/libc.so.6
    const std::string arch = multiarch_arch(parts[1]).value_or("");
    const auto primary =
        std::find(k_primary_triplet_arches.begin(), k_primary_triplet_arches.end(), arch);
    return {static_cast<std::size_t>(primary - k_primary_triplet_arches.begin()), under_usr, path};
  }
  const std::string_view dir = parts.front();
  const std::size_t order = dir == "lib64" ? 10 : dir == "lib" ? 11 : 12;
  return {order, under_usr, path};
}

bool is_lib_dir(std::string_view name) {
  return name == "lib" || name == "lib64" || name == "lib32" || name == "libx32";
}

std::uint16_t read_u16(std::string_view bytes, std::size_t offset, bool little_endian) {
  const auto lo = static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[offset]));
  const auto hi = static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[offset + 1]));
  return little_endian ? static_cast<std::uint16_t>(lo | (hi << 8))
                       : static_cast<std::uint16_t>((lo << 8) | hi);
}

}  // namespace

std::string GlibcVersion::text() const {
  return std::to_string(major) + '.' + std::to_string(minor);
}

std::optional<GlibcVersion> parse_glibc_version(std::string_view text) {
  std::size_t pos = 0;
  const auto major = leading_number(text, pos);
  if (!major || pos >= text.size() || text[pos] != '.') {
    return std::nullopt;
  }
  ++pos;
  const auto minor = leading_number(text, pos);
  if (!minor) {
    return std::nullopt;
  }
  return GlibcVersion{*major, *minor, ""};
}

std::optional<GlibcVersion> find_glibc_banner(std::string_view bytes) {
  constexpr std::string_view k_banner = "GNU C Library";
  constexpr std::string_view k_release = "release version ";
  for (std::size_t at = bytes.find(k_banner); at != std::string_view::npos;
       at = bytes.find(k_banner, at + 1)) {
    std::string_view window = bytes.substr(at, k_banner_window);
    window = window.substr(0, window.find('\0'));  // the banner is one C string
    const std::size_t release = window.find(k_release);
    if (release == std::string_view::npos) {
      continue;
    }
    if (auto version = parse_glibc_version(window.substr(release + k_release.size()))) {
      return version;
    }
  }
  return std::nullopt;
}

std::optional<std::string> elf_arch(std::string_view header) {
  constexpr std::uint16_t k_em_386 = 3;
  constexpr std::uint16_t k_em_ppc64 = 21;
  constexpr std::uint16_t k_em_s390 = 22;
  constexpr std::uint16_t k_em_arm = 40;
  constexpr std::uint16_t k_em_x86_64 = 62;
  constexpr std::uint16_t k_em_aarch64 = 183;
  constexpr std::uint16_t k_em_riscv = 243;
  if (header.size() < 20 || !header.starts_with("\x7f"
                                                "ELF")) {
    return std::nullopt;
  }
  const bool is_64 = header[4] == 2;
  const bool little_endian = header[5] == 1;
  switch (read_u16(header, 18, little_endian)) {
    case k_em_386:
      return "i686";
    case k_em_arm:
      return "armv7l";
    case k_em_x86_64:
      return "x86_64";
    case k_em_aarch64:
      return "aarch64";
    case k_em_ppc64:
      return little_endian ? "ppc64le" : "ppc64";
    case k_em_s390:
      return is_64 ? std::optional<std::string>("s390x") : std::nullopt;
    case k_em_riscv:
      return is_64 ? std::optional<std::string>("riscv64") : std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<std::string> multiarch_arch(std::string_view directory) {
  const std::size_t dash = directory.find('-');
  if (dash == std::string_view::npos || directory.substr(dash).find("-linux-") != 0) {
    return std::nullopt;
  }
  const std::string_view cpu = directory.substr(0, dash);
  if (cpu == "i386" || cpu == "i486" || cpu == "i586" || cpu == "i686") {
    return "i686";
  }
  if (cpu == "arm") {
    return "armv7l";
  }
  if (cpu == "powerpc64le") {
    return "ppc64le";
  }
  if (cpu == "powerpc64") {
    return "ppc64";
  }
  if (cpu == "x86_64" || cpu == "aarch64" || cpu == "s390x" || cpu == "riscv64") {
    return std::string(cpu);
  }
  return std::nullopt;
}

std::vector<std::string> find_libc(const Sysroot& sysroot) {
  std::vector<std::string> found;
  auto consider = [&](std::string path) {
    const auto info = sysroot.status(path);
    if (info && S_ISREG(info->st_mode)) {
      found.push_back(std::move(path));
    }
  };
  for (const std::string_view base : {std::string_view(""), std::string_view("/usr")}) {
    const auto entries = sysroot.list(base.empty() ? "/" : base);
    if (!entries) {
      continue;
    }
    for (const std::string& lib : *entries) {
      if (!is_lib_dir(lib)) {
        continue;
      }
      const std::string dir = std::string(base) + '/' + lib;
      consider(dir + "/libc.so.6");
      if (const auto subdirs = sysroot.list(dir)) {
        for (const std::string& sub : *subdirs) {
          if (multiarch_arch(sub)) {
            consider(dir + '/' + sub + "/libc.so.6");
          }
        }
      }
    }
  }
  std::sort(found.begin(), found.end(),
            [](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return found;
}

LibcFacts read_libc(const Sysroot& sysroot) {
  if (sysroot.is_host()) {
    LibcFacts out{std::unexpected(DetectError{}), std::unexpected(DetectError{})};
    const char* running = gnu_get_libc_version();
    if (auto version = parse_glibc_version(running)) {
      version->source = "gnu_get_libc_version()";
      out.glibc = std::move(*version);
    } else {
      out.glibc = std::unexpected(DetectError{
          "", 0, "gnu_get_libc_version() returned " + quote(running) + ": expected X.Y"});
    }
    utsname names{};
    if (::uname(&names) == 0) {
      out.arch = CpuArch{names.machine, "uname"};
    } else {
      out.arch = std::unexpected(DetectError{"", 0, "uname failed"});
    }
    return out;
  }

  const std::vector<std::string> candidates = find_libc(sysroot);
  if (candidates.empty()) {
    const DetectError missing{sysroot.display("/"), 0,
                              "no libc.so.6 under lib*/ or usr/lib*/ (not a glibc system?)"};
    return {std::unexpected(missing), std::unexpected(missing)};
  }
  const std::string& file = candidates.front();
  const std::string shown = sysroot.display(file);
  const auto bytes = sysroot.read(file, k_max_libc_bytes);
  if (!bytes) {
    const DetectError failure{shown, 0, "cannot read: " + bytes.error().message()};
    return {std::unexpected(failure), std::unexpected(failure)};
  }

  LibcFacts out{std::unexpected(DetectError{}), std::unexpected(DetectError{})};
  if (auto version = find_glibc_banner(*bytes)) {
    version->source = shown;
    out.glibc = std::move(*version);
  } else {
    out.glibc = std::unexpected(DetectError{
        shown, 0, "no \"GNU C Library ... release version X.Y\" banner inside: not glibc?"});
  }

  if (auto arch = elf_arch(*bytes)) {
    out.arch = CpuArch{std::move(*arch), "ELF header of " + shown};
  } else {
    const std::vector<std::string_view> parts = util::split(file, '/');
    const std::string_view directory = parts.size() >= 2 ? parts[parts.size() - 2] : "";
    if (auto from_dir = multiarch_arch(directory)) {
      out.arch = CpuArch{std::move(*from_dir), "directory of " + shown};
    } else {
      out.arch = std::unexpected(DetectError{
          shown, 0,
          "cannot tell the CPU architecture: not an ELF file of a known machine, and its "
          "directory names no architecture"});
    }
  }
  return out;
}

}  // namespace gator::hardware

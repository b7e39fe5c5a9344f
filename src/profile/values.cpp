#include "profile/values.hpp"

#include <string>

#include "pep440/version.hpp"
#include "util/strings.hpp"

namespace gator::profile {

namespace {

using util::ParseError;

[[nodiscard]] bool is_hex(char c) {
  return util::is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

[[nodiscard]] bool is_lower_hex(char c) {
  return util::is_ascii_digit(c) || (c >= 'a' && c <= 'f');
}

// A bare version names a series when it is a plain release with fewer than three numbers:
// "3.11" means any 3.11.x, as a Python user expects; "5.7.1" is exact.
[[nodiscard]] std::string bare_version_specifier(const pep440::Version& version) {
  const bool plain = version.epoch() == 0 && !version.pre() && !version.post() && !version.dev() &&
                     !version.has_local();
  if (plain && version.release().size() < 3)
    return "==" + version.to_string() + ".*";
  return "==" + version.to_string();
}

[[nodiscard]] std::size_t count_digits(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && util::is_ascii_digit(text[end]))
    ++end;
  return end - from;
}

}  // namespace

std::expected<VersionConstraint, ParseError> parse_version_constraint(std::string_view text) {
  const std::string_view trimmed = util::trim_ascii(text);
  if (trimmed.empty())
    return std::unexpected(ParseError::at(text, 0, text.size(), "empty version constraint"));
  // A version starts with a digit (or PEP 440's optional "v"); anything else is a specifier.
  const char first = trimmed.front();
  if (util::is_ascii_digit(first) || first == 'v' || first == 'V') {
    auto version = pep440::Version::parse(text);
    if (!version)
      return std::unexpected(version.error());
    auto specifier = pep440::SpecifierSet::parse(bare_version_specifier(*version));
    if (!specifier)
      return std::unexpected(ParseError::at(text, 0, text.size(), specifier.error().message));
    return VersionConstraint{std::string(text), *std::move(specifier)};
  }
  auto specifier = pep440::SpecifierSet::parse(text);
  if (!specifier)
    return std::unexpected(specifier.error());
  if (specifier->is_unsatisfiable())
    return std::unexpected(
        ParseError::at(text, 0, text.size(), "no version satisfies this specifier"));
  return VersionConstraint{std::string(text), *std::move(specifier)};
}

std::expected<GlibcVersion, ParseError> parse_glibc_version(std::string_view text) {
  const std::size_t major_digits = count_digits(text, 0);
  const bool shape = major_digits > 0 && major_digits < text.size() && text[major_digits] == '.' &&
                     count_digits(text, major_digits + 1) == text.size() - major_digits - 1 &&
                     major_digits + 1 < text.size();
  if (!shape)
    return std::unexpected(
        ParseError::at(text, 0, text.size(), "expected MAJOR.MINOR, such as 2.31"));
  if (text.substr(0, major_digits) != "2")
    return std::unexpected(ParseError::at(text, 0, major_digits, "glibc versions start with 2"));
  const std::string_view minor = text.substr(major_digits + 1);
  if (minor.size() > 4)
    return std::unexpected(
        ParseError::at(text, major_digits + 1, minor.size(), "the minor version is too large"));
  std::uint32_t value = 0;
  for (const char c : minor)
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  return GlibcVersion{2, value};
}

std::expected<std::string, ParseError> parse_pci_id(std::string_view text) {
  constexpr std::size_t k_size = 9;  // "1002:6860"
  std::size_t bad = 0;
  while (bad < k_size && bad < text.size() && (bad == 4 ? text[bad] == ':' : is_hex(text[bad])))
    ++bad;
  if (bad == k_size && text.size() == k_size)
    return util::ascii_lower(text);
  return std::unexpected(ParseError::at(text, bad, bad < text.size() ? 1 : 0,
                                        "expected VENDOR:DEVICE, four hexadecimal digits each"));
}

std::expected<void, ParseError> check_gpu_arch(Vendor vendor, std::string_view arch) {
  switch (vendor) {
    case Vendor::cpu:
      return std::unexpected(ParseError::at(arch, 0, arch.size(), "a cpu profile has no GPU"));
    case Vendor::amd: {
      // gfx + one or two decimal digits (major) + two hex digits (minor, stepping).
      const std::size_t base_end = arch.find(':');
      const std::string_view base = arch.substr(0, base_end);
      const std::size_t major = base.size() >= 6 ? base.size() - 5 : 0;
      const bool ok = base.starts_with("gfx") && major >= 1 && major <= 2 &&
                      count_digits(base, 3) >= major && is_lower_hex(base[3 + major]) &&
                      is_lower_hex(base[4 + major]);
      if (!ok)
        return std::unexpected(ParseError::at(
            arch, 0, base.size(), "expected an AMDGPU target such as gfx900, gfx90a or gfx1100"));
      // Target features: ":xnack-", ":sramecc+".
      std::size_t at = base_end;
      while (at != std::string_view::npos && at < arch.size()) {
        const std::size_t next = arch.find(':', at + 1);
        const std::string_view feature = arch.substr(at + 1, next - at - 1);
        const bool known = feature == "xnack+" || feature == "xnack-" || feature == "sramecc+" ||
                           feature == "sramecc-";
        if (!known)
          return std::unexpected(
              ParseError::at(arch, at + 1, feature.size(),
                             "expected a target feature xnack+, xnack-, sramecc+ or sramecc-"));
        at = next;
      }
      return {};
    }
    case Vendor::nvidia: {
      const std::size_t digits = arch.starts_with("sm_") ? count_digits(arch, 3) : 0;
      const std::size_t rest = 3 + digits;
      const bool ok = digits >= 2 && digits <= 3 &&
                      (arch.size() == rest ||
                       (arch.size() == rest + 1 && (arch[rest] == 'a' || arch[rest] == 'f')));
      if (!ok)
        return std::unexpected(ParseError::at(
            arch, 0, arch.size(), "expected a CUDA compute capability such as sm_80 or sm_90a"));
      return {};
    }
  }
  return {};
}

std::expected<void, ParseError> check_env_name(std::string_view name) {
  if (name.empty())
    return std::unexpected(ParseError::at(name, 0, 0, "empty environment variable name"));
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = c == '_' || util::is_ascii_alpha(c) || (i > 0 && util::is_ascii_digit(c));
    if (!ok)
      return std::unexpected(
          ParseError::at(name, i, 1,
                         i == 0 ? "an environment variable name starts with a letter or '_'"
                                : "an environment variable name has only letters, digits and '_'"));
  }
  return {};
}

std::expected<void, ParseError> check_name(std::string_view name) {
  constexpr std::size_t k_max_name = 64;
  if (name.empty())
    return std::unexpected(ParseError::at(name, 0, 0, "empty name"));
  if (name.size() > k_max_name)
    return std::unexpected(
        ParseError::at(name, k_max_name, name.size() - k_max_name, "longer than 64 characters"));
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = util::is_ascii_alnum(c) || (i > 0 && (c == '.' || c == '_' || c == '-'));
    if (!ok)
      return std::unexpected(
          ParseError::at(name, i, 1,
                         i == 0 ? "a name starts with a letter or digit"
                                : "a name has only letters, digits, '.', '_' and '-'"));
  }
  return {};
}

std::optional<std::size_t> find_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f)
      return i;
  }
  return std::nullopt;
}

}  // namespace gator::profile

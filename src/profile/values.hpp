#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "profile/profile.hpp"
#include "util/parse_error.hpp"

// Pure validators for the values a profile holds: no I/O, no exceptions. Each error's span
// points into the text so that the loader can put a caret under the offending characters.
namespace gator::profile {

// "5.7.1" (==5.7.1), "3.11" (==3.11.*), or a specifier set ">=5.7,<5.8". A set that no version
// can satisfy is an error.
[[nodiscard]] std::expected<VersionConstraint, util::ParseError> parse_version_constraint(
    std::string_view text);

// "2.31": MAJOR.MINOR of glibc 2.
[[nodiscard]] std::expected<GlibcVersion, util::ParseError> parse_glibc_version(
    std::string_view text);

// "1002:6860" (vendor:device, four hex digits each, any case); the result is lower-case.
[[nodiscard]] std::expected<std::string, util::ParseError> parse_pci_id(std::string_view text);

// An LLVM AMDGPU target for amd ("gfx900", "gfx90a", "gfx1100", optionally with feature
// suffixes such as ":xnack-"), an `sm_XY` compute capability for nvidia ("sm_80", "sm_90a").
// Every arch is an error for cpu.
[[nodiscard]] std::expected<void, util::ParseError> check_gpu_arch(Vendor vendor,
                                                                   std::string_view arch);

// A portable environment variable name: [A-Za-z_][A-Za-z0-9_]*.
[[nodiscard]] std::expected<void, util::ParseError> check_env_name(std::string_view name);

// A profile or index name: [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters.
[[nodiscard]] std::expected<void, util::ParseError> check_name(std::string_view name);

// An index URL: http, https or file; no credentials, no fragment, no spaces or non-ASCII
// characters (they must be percent-encoded).
[[nodiscard]] std::expected<void, util::ParseError> check_index_url(std::string_view url);

// The span of the `user:password@` part of a URL's authority, when it has one.
struct UrlSpan {
  std::size_t offset = 0;
  std::size_t length = 0;
};
[[nodiscard]] std::optional<UrlSpan> find_url_credentials(std::string_view url);

// The offset of the first ASCII control character (U+0000..U+001F, U+007F), if any.
[[nodiscard]] std::optional<std::size_t> find_control_character(std::string_view text);

}  // namespace gator::profile

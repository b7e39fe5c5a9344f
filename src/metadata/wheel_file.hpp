#pragma once

#include <compare>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/header_reader.hpp"
#include "util/parse_error.hpp"

// The WHEEL file of a wheel's .dist-info directory (binary distribution format spec).
namespace gator::metadata {

struct WheelVersion {
  unsigned major = 1;
  unsigned minor = 0;

  friend bool operator==(const WheelVersion&, const WheelVersion&) = default;
  friend std::strong_ordering operator<=>(const WheelVersion&, const WheelVersion&) = default;
};

// The newest format this project implements; a newer minor installs (the caller may warn), a
// newer major is refused by parse_wheel_file.
inline constexpr WheelVersion k_supported_wheel_version{1, 0};

struct WheelFile {
  WheelVersion wheel_version;
  std::optional<std::string> generator;
  // Absent in some old wheels; installers then treat the root as platlib.
  std::optional<bool> root_is_purelib;
  std::vector<std::string> tags;       // "py3-none-any", one per Tag field, in file order
  std::optional<std::string> build;    // the build number, starting with a digit
  std::vector<RawField> other_fields;  // unknown fields, in file order

  // Wheel-Version 1.x with x > 0: installable, but newer than this implementation.
  [[nodiscard]] bool is_newer_minor() const { return wheel_version > k_supported_wheel_version; }

  friend bool operator==(const WheelFile&, const WheelFile&) = default;
};

[[nodiscard]] std::expected<WheelVersion, util::ParseError> parse_wheel_version(
    std::string_view text);

// Errors carry the whole text and an absolute offset (see source_location).
[[nodiscard]] std::expected<WheelFile, util::ParseError> parse_wheel_file(std::string_view text);

// Deterministic: Wheel-Version, Generator, Root-Is-Purelib, Tag..., Build, then other fields.
[[nodiscard]] std::string write_wheel_file(const WheelFile& wheel);

}  // namespace gator::metadata

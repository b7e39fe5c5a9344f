#pragma once

#include <compare>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tags/tag.hpp"
#include "util/parse_error.hpp"

// The tag generators of packaging.tags, computed from explicit arguments only (never from the
// running interpreter), each returning tags most preferred first.
namespace gator::tags {

// A Python language version: (3,) or (3, 11). Comparison is packaging's tuple comparison, where
// a major-only version sorts before every minor of that major.
struct PythonVersion {
  unsigned major = 3;
  std::optional<unsigned> minor;

  friend bool operator==(const PythonVersion&, const PythonVersion&) = default;
  friend std::strong_ordering operator<=>(const PythonVersion& a, const PythonVersion& b);
};

// "3" or "3.11" (digits only); the empty string, which packaging rejects as an empty version
// sequence, and anything longer are errors.
[[nodiscard]] std::expected<PythonVersion, util::ParseError> parse_python_version(
    std::string_view text);

// "311" for (3, 11), "3" for (3,): the digits used in interpreter tags.
[[nodiscard]] std::string version_nodot(const PythonVersion& version);

// cp<XY>-<abi>-<platform> for each given ABI, then the stable ABI (abi3, or abi3t when the first
// ABI is free-threaded such as cp313t), then "none", then the stable ABI of every older minor
// down to 3.2. "abi3", "abi3t" and "none" in `abis` are dropped (they are generated anyway).
[[nodiscard]] std::vector<Tag> cpython_tags(const PythonVersion& version,
                                            std::span<const std::string> abis,
                                            std::span<const std::string> platforms);

// <interpreter>-<abi>-<platform> for each ABI, plus the "none" ABI when not given.
[[nodiscard]] std::vector<Tag> generic_tags(std::string_view interpreter,
                                            std::span<const std::string> abis,
                                            std::span<const std::string> platforms);

// py<XY>-none-any, py<X>-none-any, then every older minor of that major.
[[nodiscard]] std::vector<Tag> pure_python_tags(const PythonVersion& version);

// py*-none-<platform>, then <interpreter>-none-any when `interpreter` is not empty, then the
// pure Python tags.
[[nodiscard]] std::vector<Tag> compatible_tags(const PythonVersion& version,
                                               std::string_view interpreter,
                                               std::span<const std::string> platforms);

}  // namespace gator::tags

#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "index/wheel_metadata_reader.hpp"
#include "util/parse_error.hpp"

namespace gator::index {

// The METADATA of a wheel on disk, read with WheelMetadataReader: only the end of the file, the
// central directory and the member are read, whatever the wheel's size. `project` is the
// canonical project name.
[[nodiscard]] std::expected<std::string, util::ParseError> read_wheel_metadata(
    const std::filesystem::path& wheel, std::string_view project,
    std::uint64_t tail_bytes = k_default_tail_bytes);

}  // namespace gator::index

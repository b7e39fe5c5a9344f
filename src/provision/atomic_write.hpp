#pragma once

#include <filesystem>
#include <string_view>

namespace gator::provision {

// Replaces `path` with `content` so that a reader sees the old file or the new one, never a
// part: written to a temporary file in the same directory, flushed to disk, then renamed over
// `path`. Missing parent directories are created. Throws Error(io) naming the path.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace gator::provision

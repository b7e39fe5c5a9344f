#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// Small file helpers for the HTTP module (internal: not for other modules).
namespace gator::http::detail {

// A unique name beside `path` for a temporary file (pid and a counter), same directory so that
// rename() stays atomic.
[[nodiscard]] std::filesystem::path temporary_sibling(const std::filesystem::path& path);

// Writes `content` to a temporary sibling and renames it over `path`, creating the parent
// directory; throws gator::Error(io).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// The whole file, or nullopt when it cannot be read.
[[nodiscard]] std::optional<std::string> read_file(const std::filesystem::path& path);

// "what path: strerror(errno)" for gator::Error(io) messages.
[[nodiscard]] std::string describe_errno(std::string_view what, const std::filesystem::path& path,
                                         int error_number);

}  // namespace gator::http::detail

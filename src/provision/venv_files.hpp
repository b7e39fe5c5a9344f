#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

#include "util/sha256.hpp"

// Internal to installed.cpp and verify.cpp: reading the files of an installed venv without
// following a symbolic link where a file is expected, without blocking on a FIFO, and without
// throwing (a venv being checked may be damaged in any way).
namespace gator::provision::detail {

enum class EntryType { missing, file, directory, symlink, other };
[[nodiscard]] const char* to_string(EntryType type);

struct EntryStatus {
  EntryType type = EntryType::missing;
  std::uint64_t size = 0;  // for files
  int error = 0;           // errno when lstat failed for another reason than ENOENT
};

// lstat(2): a symbolic link is reported as such, never followed.
[[nodiscard]] EntryStatus entry_status(const std::filesystem::path& path);

// The whole content of a regular file of at most `limit` bytes. The error is a sentence
// fragment: "No such file or directory", "is a symbolic link", "is larger than 16 MiB", ...
// `missing` is set when the file does not exist.
struct ReadError {
  std::string message;
  bool missing = false;
};
[[nodiscard]] std::expected<std::string, ReadError> read_regular_file(
    const std::filesystem::path& path, std::size_t limit);

// The sha256 and size of a regular file, opened with O_NOFOLLOW | O_NONBLOCK; the error says why
// it could not be hashed.
[[nodiscard]] std::expected<util::Sha256Digest, std::string> hash_regular_file(
    const std::filesystem::path& path);

}  // namespace gator::provision::detail

#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/record_hash.hpp"
#include "util/parse_error.hpp"

// RECORD: one CSV row (Python's csv module, default dialect) per installed file with its path,
// hash and size (recording installed projects spec, binary distribution format spec).
namespace gator::metadata {

struct RecordEntry {
  std::string path;  // '/' separated; a '\' as written by Windows tools becomes '/'
  std::string hash;  // "<algorithm>=<digest>" as written, or "" when not recorded
  std::optional<std::uint64_t> size;  // nullopt when not recorded

  friend bool operator==(const RecordEntry&, const RecordEntry&) = default;
};

// Checks one row's fields as they appear in the file: the path must not be empty, a hash must
// have the form <algorithm>=<value> (the value is decoded later, by parse_record_hash), a size
// must be a decimal number. Errors point into the row as `path,hash,size`.
[[nodiscard]] std::expected<RecordEntry, util::ParseError> make_record_entry(std::string_view path,
                                                                             std::string_view hash,
                                                                             std::string_view size);

// Parses a whole RECORD. Quoted fields may contain commas, quotes ("") and line breaks; rows
// end at "\n", "\r\n" or "\r"; empty lines are skipped. Every row must have exactly three fields.
// Errors carry the whole text and an absolute offset (see source_location).
[[nodiscard]] std::expected<std::vector<RecordEntry>, util::ParseError> parse_record(
    std::string_view text);

// The three fields of the row written for `entry` (before CSV quoting).
[[nodiscard]] std::array<std::string, 3> record_row(const RecordEntry& entry);

// One row per entry, in the given order, "\n" line endings, fields quoted only when they contain
// a comma, a quote or a line break (csv.QUOTE_MINIMAL), so that parse_record reads it back.
[[nodiscard]] std::string write_record(std::span<const RecordEntry> entries);

// RECORD itself, its signatures (RECORD.jws, RECORD.p7s) and .pyc files may be listed without a
// hash and size; every other file must have both.
[[nodiscard]] bool may_omit_hash(std::string_view path);

enum class FileCheck {
  matches,          // size and hash agree, or the row records neither
  size_mismatch,    // the recorded size differs
  hash_mismatch,    // the recorded sha256 differs
  hash_not_sha256,  // recorded with another algorithm: the caller must hash with it (or refuse)
  malformed_hash,   // the recorded hash cannot be decoded (see parse_record_hash)
};

[[nodiscard]] const char* to_string(FileCheck check);

// Decides whether a file whose content has this sha256 digest and size is the one `entry`
// records. Size is checked first; an empty hash or size is not checked (like pypa/installer).
[[nodiscard]] FileCheck check_file(const RecordEntry& entry, const Sha256Digest& sha256,
                                   std::uint64_t size);

}  // namespace gator::metadata

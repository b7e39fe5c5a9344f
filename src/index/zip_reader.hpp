#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/parse_error.hpp"

// The parts of the ZIP format (APPNOTE 6.3.10) needed to pull one member out of a remote wheel
// with a few range requests: the end of central directory (with ZIP64), central directory
// entries and local headers. Pure: everything reads byte buffers that carry their offset in the
// archive. Errors are ParseErrors without input (the message says what is wrong).
namespace gator::index::zip {

// A 64 KiB suffix holds the end of central directory record of any archive whose comment is
// shorter than 64 KiB - 22 bytes: wheels have none.
inline constexpr std::uint64_t k_max_eocd_search = 65535 + 22 + 20;

struct CentralDirectory {
  std::uint64_t offset = 0;  // where the first entry starts (corrected for prepended data)
  std::uint64_t size = 0;
  std::uint64_t end = 0;  // offset + size: the end record (or the ZIP64 end record) follows
  std::uint64_t entries = 0;
  // Data prepended to the archive moves every recorded offset by this much (Python's zipfile
  // calls it "concat"); local header offsets are corrected with it.
  std::uint64_t shift = 0;
};

// What locate_central_directory needs that the buffer did not hold.
struct NeedBytes {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

// Finds the end of central directory record in `tail` (the bytes at [tail_offset, file_size)).
// With ZIP64 the record it points to must be inside `tail` too, otherwise the bytes to read are
// returned (as when the end record is not in `tail` at all and the file is longer).
[[nodiscard]] std::expected<std::variant<CentralDirectory, NeedBytes>, util::ParseError>
locate_central_directory(std::string_view tail, std::uint64_t tail_offset, std::uint64_t file_size);

struct Entry {
  std::string name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0;  // 0 stored, 8 deflated
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t local_header_offset = 0;  // corrected with CentralDirectory::shift
  std::uint16_t extra_length = 0;         // of the central entry (a hint for the local one)
};

// Every entry of a central directory; `bytes` starts at `bytes_offset` and covers
// [directory.offset, directory.end).
[[nodiscard]] std::expected<std::vector<Entry>, util::ParseError> read_central_directory(
    std::string_view bytes, std::uint64_t bytes_offset, const CentralDirectory& directory);

// The last entries of a central directory whose beginning `bytes` does not hold: `bytes` covers
// [bytes_offset, directory.end) with bytes_offset > directory.offset. Entries are taken from the
// earliest position from which a chain of well-formed entries ends exactly at directory.end
// (that chain is the real one but for a vanishing chance); empty when there is none.
[[nodiscard]] std::vector<Entry> read_central_directory_tail(std::string_view bytes,
                                                             std::uint64_t bytes_offset,
                                                             const CentralDirectory& directory);

inline constexpr std::uint64_t k_local_header_size = 30;

// The offset of a member's data, from its local header (at least 30 bytes at
// entry.local_header_offset).
[[nodiscard]] std::expected<std::uint64_t, util::ParseError> member_data_offset(
    std::string_view local_header, const Entry& entry);

}  // namespace gator::index::zip

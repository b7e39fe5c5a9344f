#include "index/zip_reader.hpp"

#include <algorithm>

namespace gator::index::zip {
namespace {

constexpr std::uint32_t k_eocd_signature = 0x06054b50;
constexpr std::uint32_t k_zip64_locator_signature = 0x07064b50;
constexpr std::uint32_t k_zip64_eocd_signature = 0x06064b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::uint64_t k_eocd_size = 22;
constexpr std::uint64_t k_zip64_locator_size = 20;
constexpr std::uint64_t k_zip64_eocd_size = 56;
constexpr std::uint64_t k_central_size = 46;
constexpr std::uint16_t k_zip64_extra_id = 0x0001;

[[nodiscard]] std::uint16_t u16(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                    (static_cast<unsigned char>(bytes[at + 1]) << 8));
}

[[nodiscard]] std::uint32_t u32(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint32_t>(u16(bytes, at)) |
         (static_cast<std::uint32_t>(u16(bytes, at + 2)) << 16);
}

[[nodiscard]] std::uint64_t u64(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint64_t>(u32(bytes, at)) |
         (static_cast<std::uint64_t>(u32(bytes, at + 4)) << 32);
}

[[nodiscard]] util::ParseError error(std::string message) {
  return util::ParseError{"invalid zip archive: " + std::move(message), {}, 0, 0};
}

// The bytes of [offset, offset + length) if `bytes` (starting at `bytes_offset`) holds them.
[[nodiscard]] std::optional<std::string_view> slice(std::string_view bytes,
                                                    std::uint64_t bytes_offset,
                                                    std::uint64_t offset, std::uint64_t length) {
  if (offset < bytes_offset)
    return std::nullopt;
  const std::uint64_t start = offset - bytes_offset;
  if (start > bytes.size() || length > bytes.size() - start)
    return std::nullopt;
  return bytes.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(length));
}

// The central entry at `at` in `bytes`: its parsed form and total length, or nothing when the
// bytes there are not a well-formed entry that fits before `limit`.
struct ParsedEntry {
  Entry entry;
  std::size_t length = 0;
};

[[nodiscard]] std::optional<ParsedEntry> parse_entry(std::string_view bytes, std::size_t at,
                                                     std::size_t limit, std::uint64_t shift) {
  if (at > limit || limit - at < k_central_size || u32(bytes, at) != k_central_signature)
    return std::nullopt;
  const std::size_t name_length = u16(bytes, at + 28);
  const std::size_t extra_length = u16(bytes, at + 30);
  const std::size_t comment_length = u16(bytes, at + 32);
  const std::size_t total = k_central_size + name_length + extra_length + comment_length;
  if (limit - at < total)
    return std::nullopt;
  ParsedEntry parsed;
  parsed.length = total;
  Entry& entry = parsed.entry;
  entry.flags = u16(bytes, at + 8);
  entry.method = u16(bytes, at + 10);
  entry.crc32 = u32(bytes, at + 16);
  entry.compressed_size = u32(bytes, at + 20);
  entry.uncompressed_size = u32(bytes, at + 24);
  entry.local_header_offset = u32(bytes, at + 42);
  entry.extra_length = static_cast<std::uint16_t>(extra_length);
  entry.name = std::string(bytes.substr(at + k_central_size, name_length));
  // ZIP64 extended information: the 64-bit values of the fields that hold 0xFFFFFFFF, in order.
  std::size_t extra = at + k_central_size + name_length;
  const std::size_t extra_end = extra + extra_length;
  while (extra + 4 <= extra_end) {
    const std::uint16_t id = u16(bytes, extra);
    const std::size_t size = u16(bytes, extra + 2);
    const std::size_t data = extra + 4;
    if (size > extra_end - data)
      break;
    if (id == k_zip64_extra_id) {
      std::size_t field = data;
      const auto take = [&](std::uint64_t& value) {
        if (value == 0xFFFFFFFF && field + 8 <= data + size) {
          value = u64(bytes, field);
          field += 8;
        }
      };
      take(entry.uncompressed_size);
      take(entry.compressed_size);
      take(entry.local_header_offset);
    }
    extra = data + size;
  }
  entry.local_header_offset += shift;
  return parsed;
}

}  // namespace

std::expected<std::variant<CentralDirectory, NeedBytes>, util::ParseError> locate_central_directory(
    std::string_view tail, std::uint64_t tail_offset, std::uint64_t file_size) {
  if (tail_offset > file_size || tail.size() != file_size - tail_offset)
    return std::unexpected(error("the buffer is not the end of the file"));
  // The last signature whose record (and comment) fits in the file.
  std::optional<std::size_t> eocd;
  if (tail.size() >= k_eocd_size) {
    for (std::size_t at = tail.size() - k_eocd_size + 1; at-- > 0;) {
      if (u32(tail, at) == k_eocd_signature &&
          at + k_eocd_size + u16(tail, at + 20) <= tail.size()) {
        eocd = at;
        break;
      }
    }
  }
  if (!eocd) {
    const std::uint64_t wanted = std::min(file_size, k_max_eocd_search);
    if (tail.size() < wanted)
      return NeedBytes{file_size - wanted, wanted - tail.size()};
    return std::unexpected(error("no end of central directory record (not a zip file?)"));
  }
  const std::uint64_t eocd_at = tail_offset + *eocd;
  std::uint64_t entries = u16(tail, *eocd + 10);
  std::uint64_t cd_size = u32(tail, *eocd + 12);
  std::uint64_t cd_offset = u32(tail, *eocd + 16);
  std::uint64_t cd_end = eocd_at;

  const bool has_locator = eocd_at >= k_zip64_locator_size && *eocd >= k_zip64_locator_size &&
                           u32(tail, *eocd - k_zip64_locator_size) == k_zip64_locator_signature;
  if (has_locator) {
    const std::uint64_t locator_at = eocd_at - k_zip64_locator_size;
    // The ZIP64 record normally sits right before the locator; the locator's recorded offset is
    // off by the shift when data was prepended, so try the adjacent position first.
    std::uint64_t record_at = locator_at >= k_zip64_eocd_size ? locator_at - k_zip64_eocd_size : 0;
    auto record = slice(tail, tail_offset, record_at, k_zip64_eocd_size);
    if (!record || u32(*record, 0) != k_zip64_eocd_signature) {
      record_at = u64(tail, *eocd - k_zip64_locator_size + 8);
      if (record_at + k_zip64_eocd_size > locator_at)
        return std::unexpected(error("the ZIP64 end record is not before its locator"));
      record = slice(tail, tail_offset, record_at, k_zip64_eocd_size);
      if (!record && record_at < tail_offset)
        return NeedBytes{record_at, tail_offset - record_at};
      if (!record)
        return std::unexpected(error("the ZIP64 end record is outside the file"));
      if (u32(*record, 0) != k_zip64_eocd_signature)
        return std::unexpected(error("bad ZIP64 end of central directory record"));
    }
    entries = u64(*record, 32);
    cd_size = u64(*record, 40);
    cd_offset = u64(*record, 48);
    cd_end = record_at;
  }
  if (cd_size > cd_end)
    return std::unexpected(error("the central directory is larger than the data before it"));
  const std::uint64_t cd_start = cd_end - cd_size;
  if (cd_start < cd_offset)
    return std::unexpected(error("the central directory offset points past its end"));
  CentralDirectory directory;
  directory.offset = cd_start;
  directory.size = cd_size;
  directory.end = cd_end;
  directory.entries = entries;
  directory.shift = cd_start - cd_offset;
  return directory;
}

std::expected<std::vector<Entry>, util::ParseError> read_central_directory(
    std::string_view bytes, std::uint64_t bytes_offset, const CentralDirectory& directory) {
  const auto region = slice(bytes, bytes_offset, directory.offset, directory.size);
  if (!region)
    return std::unexpected(error("the central directory is not in the buffer"));
  std::vector<Entry> entries;
  entries.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(directory.entries, 1 << 16)));
  std::size_t at = 0;
  while (at < region->size()) {
    auto parsed = parse_entry(*region, at, region->size(), directory.shift);
    if (!parsed) {
      return std::unexpected(error("malformed central directory entry at offset " +
                                   std::to_string(directory.offset + at)));
    }
    at += parsed->length;
    entries.push_back(std::move(parsed->entry));
  }
  return entries;
}

std::vector<Entry> read_central_directory_tail(std::string_view bytes, std::uint64_t bytes_offset,
                                               const CentralDirectory& directory) {
  if (bytes_offset <= directory.offset || bytes_offset >= directory.end)
    return {};
  const auto region = slice(bytes, bytes_offset, bytes_offset, directory.end - bytes_offset);
  if (!region || region->size() < k_central_size)
    return {};
  const std::size_t size = region->size();
  // reaches[p]: a chain of entries starting at p ends exactly at the end of the region.
  // Computed from the back, so each position is looked at once.
  std::vector<bool> reaches(size + 1, false);
  reaches[size] = true;
  std::optional<std::size_t> first;
  for (std::size_t at = size - k_central_size + 1; at-- > 0;) {
    if (u32(*region, at) != k_central_signature)
      continue;
    const auto parsed = parse_entry(*region, at, size, 0);
    if (parsed && reaches[at + parsed->length]) {
      reaches[at] = true;
      first = at;
    }
  }
  std::vector<Entry> entries;
  if (!first)
    return entries;
  for (std::size_t at = *first; at < size;) {
    auto parsed = parse_entry(*region, at, size, directory.shift);
    at += parsed->length;
    entries.push_back(std::move(parsed->entry));
  }
  return entries;
}

std::expected<std::uint64_t, util::ParseError> member_data_offset(std::string_view local_header,
                                                                  const Entry& entry) {
  if (local_header.size() < k_local_header_size || u32(local_header, 0) != k_local_signature)
    return std::unexpected(error("no local file header for " + entry.name));
  const std::uint64_t name_length = u16(local_header, 26);
  const std::uint64_t extra_length = u16(local_header, 28);
  return entry.local_header_offset + k_local_header_size + name_length + extra_length;
}

}  // namespace gator::index::zip

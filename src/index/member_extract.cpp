// Decompression of one zip member with zlib (raw deflate), with size and CRC-32 checks.
#include <limits>

#include <zlib.h>

#include "index/wheel_metadata_reader.hpp"

namespace gator::index {
namespace {

[[nodiscard]] util::ParseError member_error(const zip::Entry& entry, std::string what) {
  return util::ParseError{entry.name + ": " + std::move(what), {}, 0, 0};
}

[[nodiscard]] std::uint32_t crc_of(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (!data.empty()) {
    const std::size_t part = std::min<std::size_t>(data.size(), std::numeric_limits<uInt>::max());
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(part));
    data.remove_prefix(part);
  }
  return static_cast<std::uint32_t>(crc);
}

[[nodiscard]] std::expected<std::string, util::ParseError> inflate_raw(std::string_view compressed,
                                                                       const zip::Entry& entry) {
  if (compressed.size() > std::numeric_limits<uInt>::max() ||
      entry.uncompressed_size > std::numeric_limits<uInt>::max()) {
    return std::unexpected(member_error(entry, "member too large"));
  }
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
    return std::unexpected(member_error(entry, "cannot initialise zlib"));
  // One spare byte: output beyond the declared size shows up as a full buffer, not Z_BUF_ERROR.
  std::string out(static_cast<std::size_t>(entry.uncompressed_size) + 1, '\0');
  // zlib's API takes non-const input; it does not write to it.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = inflate(&stream, Z_FINISH);
  const uLong produced = stream.total_out;
  const std::string reason = stream.msg != nullptr ? stream.msg : "truncated or too long";
  inflateEnd(&stream);
  if (status != Z_STREAM_END)
    return std::unexpected(member_error(entry, "corrupt deflate data (" + reason + ")"));
  if (produced != entry.uncompressed_size) {
    return std::unexpected(member_error(entry, "inflated to " + std::to_string(produced) +
                                                   " bytes, the archive says " +
                                                   std::to_string(entry.uncompressed_size)));
  }
  out.resize(static_cast<std::size_t>(produced));
  return out;
}

}  // namespace

std::expected<std::string, util::ParseError> extract_member(std::string_view compressed,
                                                            const zip::Entry& entry) {
  if (compressed.size() != entry.compressed_size)
    return std::unexpected(member_error(entry, "truncated member data"));
  std::string data;
  if (entry.method == 0) {
    if (entry.compressed_size != entry.uncompressed_size)
      return std::unexpected(member_error(entry, "stored member with two different sizes"));
    data = std::string(compressed);
  } else if (entry.method == 8) {
    auto inflated = inflate_raw(compressed, entry);
    if (!inflated)
      return std::unexpected(std::move(inflated.error()));
    data = std::move(*inflated);
  } else {
    return std::unexpected(member_error(entry, "unsupported compression method " +
                                                   std::to_string(entry.method) +
                                                   " (wheels use deflate)"));
  }
  if (crc_of(data) != entry.crc32)
    return std::unexpected(member_error(entry, "CRC-32 mismatch: the data is corrupt"));
  return data;
}

}  // namespace gator::index

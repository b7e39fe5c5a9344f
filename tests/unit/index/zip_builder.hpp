#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

// A small ZIP writer for the index tests: stored or deflated members, optional ZIP64 end
// records and extra fields, prepended data, a comment, and a streamed "big member" written to a
// file without holding it in memory.
namespace gator::index::testing {

struct ZipMember {
  std::string name;
  std::string data;
  bool deflate = true;
  std::string local_extra{};  // extra field bytes in the local header only
};

struct ZipOptions {
  bool zip64 = false;     // ZIP64 end records and 0xFFFFFFFF sizes/offsets with extra fields
  std::string prefix{};   // bytes before the archive (a self-extractor stub)
  std::string comment{};  // archive comment
};

inline void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}
inline void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}
inline void put64(std::string& out, std::uint64_t value) {
  put32(out, static_cast<std::uint32_t>(value & 0xffffffff));
  put32(out, static_cast<std::uint32_t>(value >> 32));
}

inline std::uint32_t crc_of(std::string_view data, std::uint32_t crc = 0) {
  return static_cast<std::uint32_t>(
      crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

inline std::string raw_deflate(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END)
    throw std::runtime_error("deflate");
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

struct CentralRecord {
  std::string name;
  std::uint16_t method = 0;
  std::uint32_t crc = 0;
  std::uint64_t compressed = 0;
  std::uint64_t uncompressed = 0;
  std::uint64_t offset = 0;
};

inline std::string local_header(const CentralRecord& r, std::string_view extra) {
  std::string out;
  put32(out, 0x04034b50);
  put16(out, 20);
  put16(out, 0);
  put16(out, r.method);
  put16(out, 0);
  put16(out, 0x21);
  put32(out, r.crc);
  put32(out, static_cast<std::uint32_t>(std::min<std::uint64_t>(r.compressed, 0xffffffff)));
  put32(out, static_cast<std::uint32_t>(std::min<std::uint64_t>(r.uncompressed, 0xffffffff)));
  put16(out, static_cast<std::uint32_t>(r.name.size()));
  put16(out, static_cast<std::uint32_t>(extra.size()));
  out += r.name;
  out += extra;
  return out;
}

// Central directory and end records for `records`, the directory starting at `cd_offset`
// (offsets as recorded, i.e. relative to the start of the archive proper).
inline std::string directory_and_end(const std::vector<CentralRecord>& records,
                                     std::uint64_t cd_offset, const ZipOptions& options) {
  std::string cd;
  for (const CentralRecord& r : records) {
    std::string extra;
    if (options.zip64) {
      put16(extra, 0x0001);
      put16(extra, 24);
      put64(extra, r.uncompressed);
      put64(extra, r.compressed);
      put64(extra, r.offset);
    }
    put32(cd, 0x02014b50);
    put16(cd, 45);
    put16(cd, 20);
    put16(cd, 0);
    put16(cd, r.method);
    put16(cd, 0);
    put16(cd, 0x21);
    put32(cd, r.crc);
    put32(cd, options.zip64 ? 0xffffffff : static_cast<std::uint32_t>(r.compressed));
    put32(cd, options.zip64 ? 0xffffffff : static_cast<std::uint32_t>(r.uncompressed));
    put16(cd, static_cast<std::uint32_t>(r.name.size()));
    put16(cd, static_cast<std::uint32_t>(extra.size()));
    put16(cd, 0);
    put16(cd, 0);
    put16(cd, 0);
    put32(cd, 0);
    put32(cd, options.zip64 ? 0xffffffff : static_cast<std::uint32_t>(r.offset));
    cd += r.name;
    cd += extra;
  }
  std::string out = cd;
  const std::uint64_t cd_end = cd_offset + cd.size();
  if (options.zip64) {
    put32(out, 0x06064b50);
    put64(out, 44);
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, records.size());
    put64(out, records.size());
    put64(out, cd.size());
    put64(out, cd_offset);
    put32(out, 0x07064b50);
    put32(out, 0);
    put64(out, cd_end);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, options.zip64 ? 0xffff : static_cast<std::uint32_t>(records.size()));
  put16(out, options.zip64 ? 0xffff : static_cast<std::uint32_t>(records.size()));
  put32(out, options.zip64 ? 0xffffffff : static_cast<std::uint32_t>(cd.size()));
  put32(out, options.zip64 ? 0xffffffff : static_cast<std::uint32_t>(cd_offset));
  put16(out, static_cast<std::uint32_t>(options.comment.size()));
  out += options.comment;
  return out;
}

inline std::string build_zip(const std::vector<ZipMember>& members,
                             const ZipOptions& options = {}) {
  std::string body;
  std::vector<CentralRecord> records;
  for (const ZipMember& member : members) {
    CentralRecord r;
    r.name = member.name;
    r.method = member.deflate ? 8 : 0;
    r.crc = crc_of(member.data);
    const std::string stored = member.deflate ? raw_deflate(member.data) : member.data;
    r.compressed = stored.size();
    r.uncompressed = member.data.size();
    r.offset = body.size();
    body += local_header(r, member.local_extra);
    body += stored;
    records.push_back(r);
  }
  return options.prefix + body + directory_and_end(records, body.size(), options);
}

// A wheel's METADATA text.
inline std::string metadata_text(std::string_view name, std::string_view version,
                                 std::string_view extra_lines = "") {
  return "Metadata-Version: 2.1\nName: " + std::string(name) +
         "\nVersion: " + std::string(version) + "\n" + std::string(extra_lines) + "\n";
}

// Writes a wheel to `path` whose first member is `payload_bytes` of incompressible
// pseudo-random data, stored, streamed to disk; then a small METADATA, WHEEL and RECORD.
inline void write_large_wheel(const std::string& path, std::string_view dist_info,
                              const std::string& metadata, std::uint64_t payload_bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::vector<CentralRecord> records;
  CentralRecord big;
  big.name = "pkg/blob.bin";
  big.method = 0;
  big.compressed = big.uncompressed = payload_bytes;
  big.offset = 0;
  out << local_header(big, "");
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  std::string chunk(1 << 20, '\0');
  std::uint32_t crc = 0;
  for (std::uint64_t written = 0; written < payload_bytes;) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), payload_bytes - written));
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      for (std::size_t b = 0; b < 8; ++b)
        chunk[i + b] = static_cast<char>((state >> (8 * b)) & 0xff);
    }
    crc = crc_of(std::string_view(chunk.data(), n), crc);
    out.write(chunk.data(), static_cast<std::streamsize>(n));
    written += n;
  }
  big.crc = crc;
  records.push_back(big);
  std::uint64_t position = local_header(big, "").size() + payload_bytes;
  const std::string prefix(dist_info);
  for (const auto& [name, data] : std::vector<std::pair<std::string, std::string>>{
           {prefix + "/METADATA", metadata},
           {prefix + "/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"},
           {prefix + "/RECORD", ""}}) {
    CentralRecord r;
    r.name = name;
    r.method = 8;
    r.crc = crc_of(data);
    const std::string stored = raw_deflate(data);
    r.compressed = stored.size();
    r.uncompressed = data.size();
    r.offset = position;
    const std::string header = local_header(r, "");
    out << header << stored;
    position += header.size() + stored.size();
    records.push_back(r);
  }
  out << directory_and_end(records, position, {});
  // Patch the big member's CRC into its local header (offset 14).
  std::string patched;
  put32(patched, crc);
  out.seekp(14);
  out.write(patched.data(), 4);
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

}  // namespace gator::index::testing

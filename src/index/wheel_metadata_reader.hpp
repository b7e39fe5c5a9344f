#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/zip_reader.hpp"
#include "util/parse_error.hpp"

// Reads `*.dist-info/METADATA` out of a wheel through byte ranges, without the rest of the file:
// the last 64 KiB (end of central directory, usually the whole central directory and the
// METADATA member too, since wheels put .dist-info last), then what is still missing: the
// start of the central directory, then the member's local header and compressed bytes.
// Pure: the caller performs each read (HTTP range request, file read) and supplies the bytes.
namespace gator::index {

inline constexpr std::uint64_t k_default_tail_bytes = 64 * 1024;
// Limits against hostile archives: METADATA is a few KiB, torch's central directory ~1.5 MiB.
inline constexpr std::uint64_t k_max_metadata_bytes = 16ULL << 20;
inline constexpr std::uint64_t k_max_central_directory_bytes = 64ULL << 20;

// A read to perform: `length` bytes from `offset`, or, when `suffix`, the last `length` bytes
// (the file size is not known yet; the answer says it, e.g. in Content-Range).
struct ByteRequest {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  bool suffix = false;

  friend bool operator==(const ByteRequest&, const ByteRequest&) = default;
};

// Inflates (or copies, for stored members) one member's compressed bytes and checks its size
// and CRC-32. Methods other than stored and deflate are errors.
[[nodiscard]] std::expected<std::string, util::ParseError> extract_member(
    std::string_view compressed, const zip::Entry& entry);

// The entry of `<project>-<version>.dist-info/METADATA` among `entries`: the only .dist-info
// METADATA, or the one whose directory names `project` (canonical name). With `require_match`,
// only a directory naming the project is accepted (for partial central directories).
[[nodiscard]] std::expected<const zip::Entry*, util::ParseError> find_metadata_entry(
    const std::vector<zip::Entry>& entries, std::string_view project, bool require_match);

class WheelMetadataReader {
 public:
  // `project`: the canonical project name of the wheel; `file_size` when known (local files,
  // PEP 700 sizes are not trusted for this: the server's answer is).
  explicit WheelMetadataReader(std::string project,
                               std::optional<std::uint64_t> file_size = std::nullopt,
                               std::uint64_t tail_bytes = k_default_tail_bytes);

  // The next read, or nothing once result() is there.
  [[nodiscard]] const std::optional<ByteRequest>& next() const { return m_next; }

  // Bytes that start at `offset` in the file (the answer to next(), or any other bytes);
  // `file_size` when the answer told it.
  void supply(std::uint64_t offset, std::string bytes,
              std::optional<std::uint64_t> file_size = std::nullopt);

  // Gives up (e.g. the server cannot do ranges) with `message`.
  void fail(std::string message);

  [[nodiscard]] bool done() const { return m_result.has_value(); }
  // The METADATA text, or why it could not be read. Only when done().
  [[nodiscard]] const std::expected<std::string, util::ParseError>& result() const {
    return *m_result;
  }
  [[nodiscard]] std::uint64_t bytes_supplied() const { return m_bytes_supplied; }
  [[nodiscard]] unsigned reads() const { return m_reads; }

 private:
  struct Chunk {
    std::uint64_t offset = 0;
    std::string bytes;
    [[nodiscard]] std::uint64_t end() const { return offset + bytes.size(); }
  };

  void advance();
  void request(std::uint64_t offset, std::uint64_t length);
  [[nodiscard]] const Chunk* covering(std::uint64_t offset, std::uint64_t length) const;
  [[nodiscard]] const Chunk* chunk_containing(std::uint64_t offset) const;
  void finish(std::expected<std::string, util::ParseError> result);
  void fail_parse(util::ParseError error);
  // Returns false when the step could not complete (a read is requested or it failed).
  [[nodiscard]] bool locate_directory();
  [[nodiscard]] bool find_entry();
  void read_member();

  std::string m_project;
  std::optional<std::uint64_t> m_size;
  std::uint64_t m_tail_bytes;
  std::vector<Chunk> m_chunks;  // sorted, disjoint, not adjacent
  std::optional<zip::CentralDirectory> m_directory;
  std::optional<zip::Entry> m_entry;
  std::optional<ByteRequest> m_next;
  std::optional<std::expected<std::string, util::ParseError>> m_result;
  std::uint64_t m_bytes_supplied = 0;
  unsigned m_reads = 0;
};

}  // namespace gator::index

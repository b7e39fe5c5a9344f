#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "wheel/archive_file.hpp"

// Reads a wheel's zip archive through libarchive (internal; no libarchive type leaks out).
// The seekable zip reader is used: it trusts the central directory, as Python's zipfile does.
namespace gator::wheel::detail {

enum class EntryType {
  file,
  directory,
  symlink,
  hardlink,
  character_device,
  block_device,
  fifo,
  socket,
  unknown,
};

[[nodiscard]] const char* describe(EntryType type);  // "a symbolic link", ...

struct ArchiveEntry {
  std::string name;          // UTF-8, as stored (a directory may end with '/')
  bool name_is_utf8 = true;  // false: not convertible, `name` holds the raw bytes
  EntryType type = EntryType::unknown;
  unsigned permissions = 0;  // the Unix permission bits, 0 when the zip has none
  std::uint64_t size = 0;    // the uncompressed size the central directory gives
};

class ArchiveReader {
 public:
  // `wheel` names the archive in error messages. Throws gator::Error(invalid_input) when the
  // file is not a readable zip archive. Several readers may read one ArchiveFile at once.
  ArchiveReader(std::shared_ptr<const ArchiveFile> file, std::string wheel);
  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // The next member's header; false at the end. Throws gator::Error(integrity) for a damaged
  // archive.
  [[nodiscard]] bool next(ArchiveEntry& entry);

  // The next block of the current member's data; empty at its end. Throws
  // gator::Error(integrity) for damaged data (bad CRC, truncated, encrypted).
  [[nodiscard]] std::span<const std::byte> read_block();

  struct State;  // public only so that libarchive's callbacks can name it

 private:
  std::unique_ptr<State> m_state;
};

}  // namespace gator::wheel::detail

#include "wheel/archive_reader.hpp"

#include <algorithm>
#include <cerrno>

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include "util/error.hpp"
#include "wheel/member_name.hpp"
#include "wheel/refusal.hpp"

namespace gator::wheel::detail {

namespace {
// libarchive asks for data a block at a time; big blocks mean few system calls.
constexpr std::size_t k_block_size = std::size_t{1} << 20;
}  // namespace

struct ArchiveReader::State {
  struct archive* archive = nullptr;
  std::string wheel;
  std::string member;  // the current member, for messages
  la_int64_t position = 0;
  std::shared_ptr<const ArchiveFile> file;
  std::int64_t file_offset = 0;  // this reader's own offset: the descriptor is shared
  std::unique_ptr<std::byte[]> block = std::make_unique_for_overwrite<std::byte[]>(k_block_size);

  ~State() {
    if (archive != nullptr)
      archive_read_free(archive);
  }

  [[nodiscard]] std::string libarchive_error() const {
    const char* text = archive_error_string(archive);
    return text != nullptr ? text : "unknown libarchive error";
  }
};

const char* describe(EntryType type) {
  switch (type) {
    case EntryType::file:
      return "a regular file";
    case EntryType::directory:
      return "a directory";
    case EntryType::symlink:
      return "a symbolic link";
    case EntryType::hardlink:
      return "a hard link";
    case EntryType::character_device:
      return "a character device";
    case EntryType::block_device:
      return "a block device";
    case EntryType::fifo:
      return "a FIFO";
    case EntryType::socket:
      return "a socket";
    case EntryType::unknown:
      return "of an unknown file type";
  }
  return "of an unknown file type";
}

namespace {

la_ssize_t read_callback(struct archive* archive, void* data, const void** buffer) {
  auto& state = *static_cast<ArchiveReader::State*>(data);
  for (;;) {
    const ssize_t got =
        ::pread(state.file->descriptor(), state.block.get(), k_block_size, state.file_offset);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      archive_set_error(archive, errno, "cannot read %s", state.file->path().c_str());
      return -1;
    }
    state.file_offset += got;
    *buffer = state.block.get();
    return got;
  }
}

la_int64_t seek_callback(struct archive* archive, void* data, la_int64_t offset, int whence) {
  auto& state = *static_cast<ArchiveReader::State*>(data);
  const auto size = static_cast<la_int64_t>(state.file->size());
  la_int64_t target = offset;
  if (whence == SEEK_CUR)
    target += state.file_offset;
  else if (whence == SEEK_END)
    target += size;
  if (target < 0) {
    archive_set_error(archive, EINVAL, "seek before the start of %s", state.file->path().c_str());
    return ARCHIVE_FATAL;
  }
  state.file_offset = target;
  return target;
}

la_int64_t skip_callback(struct archive* /*archive*/, void* data, la_int64_t request) {
  auto& state = *static_cast<ArchiveReader::State*>(data);
  const auto size = static_cast<la_int64_t>(state.file->size());
  const la_int64_t skipped = std::clamp<la_int64_t>(size - state.file_offset, 0, request);
  state.file_offset += skipped;
  return skipped;
}

}  // namespace

ArchiveReader::ArchiveReader(std::shared_ptr<const ArchiveFile> file, std::string wheel)
    : m_state(std::make_unique<State>()) {
  m_state->wheel = std::move(wheel);
  m_state->file = std::move(file);
  m_state->archive = archive_read_new();
  if (m_state->archive == nullptr)
    throw Error(ErrorKind::internal, "cannot create a libarchive reader");
  archive_read_support_format_zip_seekable(m_state->archive);
  // Every file's sha256 is checked against RECORD and the archive's against the lock; a CRC-32
  // on top would cost a third pass over the data and catch nothing more.
  archive_read_set_format_option(m_state->archive, "zip", "ignorecrc32", "1");
  archive_read_set_callback_data(m_state->archive, m_state.get());
  archive_read_set_read_callback(m_state->archive, read_callback);
  archive_read_set_seek_callback(m_state->archive, seek_callback);
  archive_read_set_skip_callback(m_state->archive, skip_callback);
  if (archive_read_open1(m_state->archive) != ARCHIVE_OK) {
    Error error = refusal(ErrorKind::invalid_input, m_state->wheel, "not a readable zip archive");
    error.caused_by(m_state->libarchive_error());
    throw error;
  }
}

ArchiveReader::~ArchiveReader() = default;

bool ArchiveReader::next(ArchiveEntry& entry) {
  struct archive_entry* header = nullptr;
  const int status = archive_read_next_header(m_state->archive, &header);
  if (status == ARCHIVE_EOF)
    return false;
  if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
    Error error = refusal(ErrorKind::integrity, m_state->wheel, "damaged zip archive");
    error.caused_by(m_state->libarchive_error());
    throw error;
  }
  const char* utf8 = archive_entry_pathname_utf8(header);
  if (utf8 != nullptr) {
    entry.name = utf8;
    entry.name_is_utf8 = true;
  } else {
    const char* raw = archive_entry_pathname(header);
    entry.name = raw != nullptr ? raw : "";
    entry.name_is_utf8 = false;
  }
  m_state->member = entry.name;
  m_state->position = 0;
  entry.permissions = static_cast<unsigned>(archive_entry_perm(header));
  entry.size = archive_entry_size_is_set(header) != 0
                   ? static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(header)))
                   : 0;
  if (archive_entry_hardlink(header) != nullptr) {
    entry.type = EntryType::hardlink;
    return true;
  }
  switch (archive_entry_filetype(header)) {
    case AE_IFREG:
      entry.type = EntryType::file;
      break;
    case AE_IFDIR:
      entry.type = EntryType::directory;
      break;
    case AE_IFLNK:
      entry.type = EntryType::symlink;
      break;
    case AE_IFCHR:
      entry.type = EntryType::character_device;
      break;
    case AE_IFBLK:
      entry.type = EntryType::block_device;
      break;
    case AE_IFIFO:
      entry.type = EntryType::fifo;
      break;
    case AE_IFSOCK:
      entry.type = EntryType::socket;
      break;
    default:
      entry.type = EntryType::unknown;
      break;
  }
  return true;
}

std::span<const std::byte> ArchiveReader::read_block() {
  for (;;) {
    const void* buffer = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    const int status = archive_read_data_block(m_state->archive, &buffer, &size, &offset);
    if (status == ARCHIVE_EOF)
      return {};
    // A warning from the data reader is a bad CRC or a truncated member: not installable.
    if (status != ARCHIVE_OK || offset != m_state->position) {
      Error error = member_refusal(ErrorKind::integrity, m_state->wheel, m_state->member,
                                   "cannot be read from the archive");
      error.caused_by(status != ARCHIVE_OK ? m_state->libarchive_error()
                                           : "unexpected data offset");
      throw error;
    }
    m_state->position += static_cast<la_int64_t>(size);
    if (size != 0)
      return {static_cast<const std::byte*>(buffer), size};
  }
}

}  // namespace gator::wheel::detail

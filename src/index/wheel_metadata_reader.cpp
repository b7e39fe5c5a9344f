#include "index/wheel_metadata_reader.hpp"

#include <algorithm>

#include "pep508/name.hpp"

namespace gator::index {
namespace {

// A wheel needs at most: tail, the rest of the end records, the central directory, a local
// header, the rest of the member. More reads mean the answers do not cover the requests.
constexpr unsigned k_max_reads = 8;
// Room for the local header's extra field, which may differ from the central one.
constexpr std::uint64_t k_local_extra_slack = 1024;

[[nodiscard]] util::ParseError wheel_error(std::string message) {
  return util::ParseError{std::move(message), {}, 0, 0};
}

// "torch-2.3.1+rocm5.7.dist-info/METADATA" -> "torch-2.3.1+rocm5.7"; "" for other names.
[[nodiscard]] std::string_view dist_info_directory(std::string_view name) {
  constexpr std::string_view k_suffix = ".dist-info/METADATA";
  if (!name.ends_with(k_suffix))
    return {};
  const std::string_view directory = name.substr(0, name.size() - k_suffix.size());
  if (directory.empty() || directory.find('/') != std::string_view::npos)
    return {};
  return directory;
}

}  // namespace

std::expected<const zip::Entry*, util::ParseError> find_metadata_entry(
    const std::vector<zip::Entry>& entries, std::string_view project, bool require_match) {
  std::vector<const zip::Entry*> candidates;
  for (const zip::Entry& entry : entries) {
    if (!dist_info_directory(entry.name).empty())
      candidates.push_back(&entry);
  }
  for (const zip::Entry* entry : candidates) {
    const std::string_view directory = dist_info_directory(entry->name);
    if (pep508::canonicalize_name(directory.substr(0, directory.find('-'))) == project)
      return entry;
  }
  if (candidates.size() == 1 && !require_match)
    return candidates.front();
  if (candidates.empty()) {
    return std::unexpected(
        wheel_error("the wheel has no .dist-info/METADATA (is it a wheel at all?)"));
  }
  return std::unexpected(
      wheel_error("the wheel has several .dist-info directories and none is "
                  "named after " +
                  std::string(project)));
}

WheelMetadataReader::WheelMetadataReader(std::string project,
                                         std::optional<std::uint64_t> file_size,
                                         std::uint64_t tail_bytes)
    : m_project(std::move(project)),
      m_size(file_size),
      m_tail_bytes(std::max<std::uint64_t>(tail_bytes, 1024)) {
  advance();
}

void WheelMetadataReader::supply(std::uint64_t offset, std::string bytes,
                                 std::optional<std::uint64_t> file_size) {
  if (done())
    return;
  m_bytes_supplied += bytes.size();
  if (file_size && !m_size)
    m_size = file_size;
  if (!bytes.empty()) {
    // Insert, then merge every chunk that overlaps or touches the new one.
    Chunk merged{offset, std::move(bytes)};
    std::vector<Chunk> kept;
    kept.reserve(m_chunks.size() + 1);
    for (Chunk& chunk : m_chunks) {
      if (chunk.end() < merged.offset || chunk.offset > merged.end()) {
        kept.push_back(std::move(chunk));
        continue;
      }
      const std::uint64_t start = std::min(chunk.offset, merged.offset);
      const std::uint64_t end = std::max(chunk.end(), merged.end());
      std::string joined(static_cast<std::size_t>(end - start), '\0');
      joined.replace(static_cast<std::size_t>(chunk.offset - start), chunk.bytes.size(),
                     chunk.bytes);
      joined.replace(static_cast<std::size_t>(merged.offset - start), merged.bytes.size(),
                     merged.bytes);
      merged = Chunk{start, std::move(joined)};
    }
    kept.push_back(std::move(merged));
    std::sort(kept.begin(), kept.end(),
              [](const Chunk& a, const Chunk& b) { return a.offset < b.offset; });
    m_chunks = std::move(kept);
  }
  advance();
}

void WheelMetadataReader::fail(std::string message) {
  if (!done())
    finish(std::unexpected(wheel_error(std::move(message))));
}

void WheelMetadataReader::finish(std::expected<std::string, util::ParseError> result) {
  m_result = std::move(result);
  m_next.reset();
}

void WheelMetadataReader::fail_parse(util::ParseError error) {
  finish(std::unexpected(std::move(error)));
}

void WheelMetadataReader::request(std::uint64_t offset, std::uint64_t length) {
  if (m_reads >= k_max_reads) {
    fail("the wheel's metadata could not be located after " + std::to_string(m_reads) +
         " reads (the server's answers do not match the requests)");
    return;
  }
  ++m_reads;
  if (m_size) {
    offset = std::min(offset, *m_size);
    length = std::min(length, *m_size - offset);
  }
  m_next = ByteRequest{offset, length, false};
}

const WheelMetadataReader::Chunk* WheelMetadataReader::covering(std::uint64_t offset,
                                                                std::uint64_t length) const {
  for (const Chunk& chunk : m_chunks) {
    if (chunk.offset <= offset && offset - chunk.offset <= chunk.bytes.size() &&
        length <= chunk.end() - offset) {
      return &chunk;
    }
  }
  return nullptr;
}

const WheelMetadataReader::Chunk* WheelMetadataReader::chunk_containing(
    std::uint64_t offset) const {
  for (const Chunk& chunk : m_chunks) {
    if (chunk.offset <= offset && offset < chunk.end())
      return &chunk;
  }
  return nullptr;
}

void WheelMetadataReader::advance() {
  m_next.reset();
  if (done())
    return;
  if (!m_size) {
    if (m_reads >= k_max_reads || !m_chunks.empty()) {
      fail("the size of the wheel is unknown (no Content-Range in the server's answer)");
      return;
    }
    ++m_reads;
    m_next = ByteRequest{0, m_tail_bytes, true};
    return;
  }
  if (!locate_directory() || !find_entry())
    return;
  read_member();
}

bool WheelMetadataReader::locate_directory() {
  if (m_directory)
    return true;
  const std::uint64_t size = *m_size;
  const Chunk* tail = size == 0 ? nullptr : chunk_containing(size - 1);
  if (tail == nullptr || tail->end() != size) {
    if (size == 0) {
      fail("the wheel is empty");
      return false;
    }
    const std::uint64_t length = std::min(size, m_tail_bytes);
    request(size - length, length);
    return false;
  }
  auto located = zip::locate_central_directory(tail->bytes, tail->offset, size);
  if (!located) {
    fail_parse(std::move(located.error()));
    return false;
  }
  if (const auto* need = std::get_if<zip::NeedBytes>(&*located)) {
    request(need->offset, need->length);
    return false;
  }
  const zip::CentralDirectory& directory = std::get<zip::CentralDirectory>(*located);
  if (directory.size > k_max_central_directory_bytes) {
    fail("the wheel's central directory is too large (" + std::to_string(directory.size) +
         " bytes)");
    return false;
  }
  m_directory = directory;
  return true;
}

bool WheelMetadataReader::find_entry() {
  if (m_entry)
    return true;
  const zip::CentralDirectory& directory = *m_directory;
  if (directory.size == 0) {
    fail("the wheel is an empty zip archive");
    return false;
  }
  if (const Chunk* whole = covering(directory.offset, directory.size)) {
    auto entries = zip::read_central_directory(whole->bytes, whole->offset, directory);
    if (!entries) {
      fail_parse(std::move(entries.error()));
      return false;
    }
    auto found = find_metadata_entry(*entries, m_project, false);
    if (!found) {
      fail_parse(std::move(found.error()));
      return false;
    }
    m_entry = **found;
    return true;
  }
  // Only the end of the directory is here: wheels list .dist-info last, so METADATA is
  // usually among the entries this part holds.
  const Chunk* end = chunk_containing(directory.end - 1);
  if (end != nullptr && end->end() >= directory.end) {
    const std::vector<zip::Entry> entries =
        zip::read_central_directory_tail(end->bytes, end->offset, directory);
    if (auto found = find_metadata_entry(entries, m_project, true)) {
      m_entry = **found;
      return true;
    }
    request(directory.offset, end->offset - directory.offset);
    return false;
  }
  request(directory.offset, directory.size);
  return false;
}

void WheelMetadataReader::read_member() {
  const zip::Entry& entry = *m_entry;
  if (entry.compressed_size > k_max_metadata_bytes ||
      entry.uncompressed_size > k_max_metadata_bytes) {
    fail("the wheel's METADATA is too large (" + std::to_string(entry.uncompressed_size) +
         " bytes)");
    return;
  }
  if (entry.local_header_offset >= *m_size) {
    fail("the METADATA entry points past the end of the wheel");
    return;
  }
  const Chunk* header = covering(entry.local_header_offset, zip::k_local_header_size);
  if (header == nullptr) {
    request(entry.local_header_offset, zip::k_local_header_size + entry.name.size() +
                                           entry.extra_length + k_local_extra_slack +
                                           entry.compressed_size);
    return;
  }
  const std::size_t header_at =
      static_cast<std::size_t>(entry.local_header_offset - header->offset);
  auto data = zip::member_data_offset(
      std::string_view(header->bytes).substr(header_at, zip::k_local_header_size), entry);
  if (!data) {
    fail_parse(std::move(data.error()));
    return;
  }
  if (*data > *m_size || entry.compressed_size > *m_size - *data) {
    fail("the METADATA member extends past the end of the wheel");
    return;
  }
  const Chunk* member = covering(*data, entry.compressed_size);
  if (member == nullptr) {
    const Chunk* partial = chunk_containing(*data);
    const std::uint64_t from = partial != nullptr ? partial->end() : *data;
    request(from, *data + entry.compressed_size - from);
    return;
  }
  const std::size_t member_at = static_cast<std::size_t>(*data - member->offset);
  finish(extract_member(std::string_view(member->bytes)
                            .substr(member_at, static_cast<std::size_t>(entry.compressed_size)),
                        entry));
}

}  // namespace gator::index

#include "metadata/record.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace gator::metadata {
namespace {

using util::ParseError;

struct CsvField {
  std::string value;
  std::size_t offset = 0;
  std::size_t length = 0;  // of the field as written, quotes included
};

struct CsvRow {
  std::vector<CsvField> fields;
  std::size_t offset = 0;
  std::size_t length = 0;
};

[[nodiscard]] bool is_line_break(char c) {
  return c == '\r' || c == '\n';
}

// Reads one CSV row starting at `pos` (not at a line break) the way Python's csv.reader does:
// a quoted field may hold commas, line breaks and doubled quotes; text after a closing quote is
// kept; a quote inside an unquoted field is an ordinary character.
[[nodiscard]] std::expected<CsvRow, ParseError> read_row(std::string_view text, std::size_t& pos) {
  CsvRow row;
  row.offset = pos;
  while (true) {
    CsvField field;
    field.offset = pos;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      while (true) {
        if (pos >= text.size()) {
          return std::unexpected(ParseError::at(text, field.offset, pos - field.offset,
                                                "quoted field is not closed (missing '\"')"));
        }
        if (text[pos] == '"') {
          if (pos + 1 < text.size() && text[pos + 1] == '"') {
            field.value += '"';
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        // Copy up to the next quote in one go.
        const std::size_t quote = std::min(text.find('"', pos), text.size());
        field.value.append(text, pos, quote - pos);
        pos = quote;
      }
    }
    const std::size_t end = std::min(text.find_first_of(",\r\n", pos), text.size());
    field.value.append(text, pos, end - pos);
    pos = end;
    field.length = pos - field.offset;
    row.fields.push_back(std::move(field));
    if (pos < text.size() && text[pos] == ',') {
      ++pos;
      continue;
    }
    break;
  }
  row.length = pos - row.offset;
  if (pos < text.size() && text[pos] == '\r')
    ++pos;
  if (pos < text.size() && text[pos] == '\n')
    ++pos;
  return row;
}

[[nodiscard]] bool is_decimal(std::string_view text) {
  if (text.empty())
    return false;
  for (const char c : text) {
    if (!util::is_ascii_digit(c))
      return false;
  }
  return true;
}

// Validates the three fields of a row and builds the entry; `text` is the whole input.
[[nodiscard]] std::expected<RecordEntry, ParseError> make_entry(std::string_view text,
                                                                const CsvRow& row) {
  const CsvField& path = row.fields[0];
  const CsvField& hash = row.fields[1];
  const CsvField& size = row.fields[2];
  std::string problems;
  const CsvField* first_bad = nullptr;
  const auto problem = [&](const CsvField& field, std::string_view message) {
    if (first_bad == nullptr)
      first_bad = &field;
    if (!problems.empty())
      problems += "; ";
    problems += message;
  };
  if (path.value.empty())
    problem(path, "the path must not be empty");
  if (!hash.value.empty()) {
    const std::size_t equals = hash.value.find('=');
    if (equals == std::string::npos || equals == 0)
      problem(hash, "the hash must be written as <algorithm>=<digest> (or left empty)");
  }
  RecordEntry entry;
  if (!size.value.empty()) {
    std::uint64_t value = 0;
    bool ok = is_decimal(size.value) && size.value.size() <= 19;  // fits in 63 bits
    for (std::size_t i = 0; ok && i < size.value.size(); ++i)
      value = value * 10 + static_cast<std::uint64_t>(size.value[i] - '0');
    if (ok)
      entry.size = value;
    else
      problem(size, "the size must be a decimal number of bytes (or left empty), not `" +
                        size.value + "`");
  }
  if (first_bad != nullptr) {
    return std::unexpected(ParseError::at(text, first_bad->offset,
                                          first_bad->length == 0 ? 1 : first_bad->length,
                                          "invalid RECORD row: " + problems));
  }
  entry.path = path.value;
  for (char& c : entry.path) {
    if (c == '\\')
      c = '/';
  }
  entry.hash = hash.value;
  return entry;
}

[[nodiscard]] bool needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

void append_csv_field(std::string& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out += field;
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
}

void append_row(std::string& out, std::string_view path, std::string_view hash,
                std::string_view size) {
  append_csv_field(out, path);
  out += ',';
  append_csv_field(out, hash);
  out += ',';
  append_csv_field(out, size);
  out += '\n';
}

}  // namespace

std::expected<RecordEntry, ParseError> make_record_entry(std::string_view path,
                                                         std::string_view hash,
                                                         std::string_view size) {
  std::string row;
  append_row(row, path, hash, size);
  std::size_t pos = 0;
  auto parsed = read_row(row, pos);
  if (!parsed)
    return std::unexpected(std::move(parsed.error()));
  return make_entry(row, *parsed);
}

std::expected<std::vector<RecordEntry>, ParseError> parse_record(std::string_view text) {
  std::vector<RecordEntry> entries;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (is_line_break(text[pos])) {
      ++pos;  // an empty line (or the '\n' of a "\r\n" pair): no row
      continue;
    }
    auto row = read_row(text, pos);
    if (!row)
      return std::unexpected(std::move(row.error()));
    if (row->fields.size() != 3) {
      return std::unexpected(
          ParseError::at(text, row->offset, row->length == 0 ? 1 : row->length,
                         "invalid RECORD row: expected 3 fields (path,hash,size), got " +
                             std::to_string(row->fields.size())));
    }
    auto entry = make_entry(text, *row);
    if (!entry)
      return std::unexpected(std::move(entry.error()));
    entries.push_back(std::move(*entry));
  }
  return entries;
}

std::array<std::string, 3> record_row(const RecordEntry& entry) {
  return {entry.path, entry.hash, entry.size ? std::to_string(*entry.size) : std::string()};
}

std::string write_record(std::span<const RecordEntry> entries) {
  std::string out;
  for (const RecordEntry& entry : entries)
    append_row(out, entry.path, entry.hash, entry.size ? std::to_string(*entry.size) : "");
  return out;
}

bool may_omit_hash(std::string_view path) {
  if (path.ends_with(".pyc"))
    return true;
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos)
    return false;
  const std::string_view name = path.substr(slash + 1);
  const std::string_view directory = path.substr(0, slash);
  const std::size_t parent_slash = directory.rfind('/');
  const std::string_view parent =
      parent_slash == std::string_view::npos ? directory : directory.substr(parent_slash + 1);
  return parent.ends_with(".dist-info") &&
         (name == "RECORD" || name == "RECORD.jws" || name == "RECORD.p7s");
}

const char* to_string(FileCheck check) {
  switch (check) {
    case FileCheck::matches:
      return "matches";
    case FileCheck::size_mismatch:
      return "size mismatch";
    case FileCheck::hash_mismatch:
      return "hash mismatch";
    case FileCheck::hash_not_sha256:
      return "hash algorithm is not sha256";
    case FileCheck::malformed_hash:
      return "malformed hash";
  }
  return "unknown";
}

FileCheck check_file(const RecordEntry& entry, const Sha256Digest& sha256, std::uint64_t size) {
  if (entry.size && *entry.size != size)
    return FileCheck::size_mismatch;
  if (entry.hash.empty())
    return FileCheck::matches;
  const auto hash = parse_record_hash(entry.hash);
  if (!hash)
    return FileCheck::malformed_hash;
  if (hash->algorithm != HashAlgorithm::sha256)
    return FileCheck::hash_not_sha256;
  const bool same = hash->digest.size() == sha256.size() &&
                    std::equal(sha256.begin(), sha256.end(), hash->digest.begin());
  return same ? FileCheck::matches : FileCheck::hash_mismatch;
}

}  // namespace gator::metadata

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dist/sdist_filename.hpp"
#include "dist/sha256.hpp"
#include "dist/wheel_filename.hpp"
#include "http/url.hpp"
#include "pep440/specifier.hpp"
#include "pep508/name.hpp"

// What a simple-API page (PEP 503 HTML, PEP 691 JSON) or a find-links directory says about one
// distribution file. Plain values, shared by the parsers and the fetching layer.
namespace gator::index {

// A file's digests as the index gives them. sha256 is what the lock records and downloads are
// checked against; other algorithms are kept by name (lower-case) with their hex digest.
struct FileHashes {
  std::optional<dist::Sha256> sha256;
  std::map<std::string, std::string> other;

  [[nodiscard]] bool empty() const { return !sha256 && other.empty(); }
  friend bool operator==(const FileHashes&, const FileHashes&) = default;
};

// Adds `algorithm=hex` to `hashes`: names are lower-cased; a sha256 that is not 64 hex digits, or
// another digest that is not hex, is refused (returns false) so that it can be reported.
[[nodiscard]] bool add_hash(FileHashes& hashes, std::string_view algorithm, std::string_view hex);

enum class FileKind { wheel, sdist, other };
[[nodiscard]] const char* to_string(FileKind kind);

// The PEP 658/714 metadata file at `<url>.metadata`: present when the index says it exists.
struct CoreMetadataFile {
  FileHashes hashes;  // of the .metadata file; may be empty ("true" without a hash)

  friend bool operator==(const CoreMetadataFile&, const CoreMetadataFile&) = default;
};

class IndexFile {
 public:
  using Distribution = std::variant<std::monostate, dist::WheelFilename, dist::SdistFilename>;

  // Classifies `filename` through dist::WheelFilename / SdistFilename ("other" when it parses as
  // neither: such files are listed but never resolution candidates).
  IndexFile(std::string filename, http::RedactedUrl url);

  [[nodiscard]] const std::string& filename() const { return m_filename; }
  // Absolute, without fragment; the credentials of the index when the file is on its origin.
  [[nodiscard]] const http::RedactedUrl& url() const { return m_url; }

  [[nodiscard]] FileKind kind() const;
  [[nodiscard]] const dist::WheelFilename* wheel() const;
  [[nodiscard]] const dist::SdistFilename* sdist() const;
  // The canonical project name of a wheel or sdist ("" for other files).
  [[nodiscard]] std::string project() const;
  // Wheel or sdist of `project`.
  [[nodiscard]] bool belongs_to(const pep508::PackageName& project) const;

  FileHashes hashes;
  // Requires-Python as the index wrote it (entities decoded), and parsed. An unparseable value
  // leaves `requires_python` empty and `requires_python_text` set: the resolver decides (pip
  // ignores such values with a warning).
  std::optional<std::string> requires_python_text;
  std::optional<pep440::SpecifierSet> requires_python;
  // PEP 592: set when the file is yanked, to the reason ("" when none is given).
  std::optional<std::string> yanked;
  std::optional<CoreMetadataFile> core_metadata;
  std::optional<std::uint64_t> size;       // PEP 700, or the file size of a local file
  std::optional<std::string> upload_time;  // PEP 700: "2024-06-05T16:02:41.123456Z"

 private:
  std::string m_filename;
  http::RedactedUrl m_url;
  Distribution m_distribution;
};

// "<url>.metadata": where PEP 658 puts a file's core metadata (appended to the whole URL, query
// included, as pip does).
[[nodiscard]] http::RedactedUrl metadata_url(const http::RedactedUrl& file_url);

// A PEP 700 upload-time: "yyyy-mm-ddThh:mm:ss" with optional fractional seconds and a 'Z'.
[[nodiscard]] bool is_valid_upload_time(std::string_view text);

}  // namespace gator::index

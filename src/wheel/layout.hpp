#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dist/wheel_filename.hpp"
#include "metadata/entry_points.hpp"
#include "metadata/record.hpp"
#include "metadata/wheel_file.hpp"

// What a wheel's member list and .dist-info files must look like before anything is extracted
// (internal): one .dist-info directory of the right project, a parseable WHEEL (Wheel-Version
// 1.x), METADATA, RECORD and entry_points.txt, known .data directories, and a RECORD that lists
// exactly the archive's files, each with a sha256 hash and a size.
namespace gator::wheel::detail {

enum class SchemeKey { purelib, platlib, headers, scripts, data };

[[nodiscard]] std::optional<SchemeKey> scheme_key_from_name(std::string_view name);

// For a path below `data_dir` ("demo-1.0.data/scripts/tool"), its first component there and
// the rest ("scripts", "tool"); the rest is empty for a file directly in `data_dir`. Nothing
// when the path is not below `data_dir`.
[[nodiscard]] std::optional<std::pair<std::string_view, std::string_view>> split_data_path(
    std::string_view path, std::string_view data_dir);

struct Member {
  std::string name;  // without a directory's trailing '/'
  bool is_directory = false;
  std::uint64_t size = 0;  // as the central directory says: for scheduling, never trusted
};

// The .dist-info files read in the first pass, by member name.
using MetadataTexts = std::map<std::string, std::string, std::less<>>;

// Whether a member of a top-level *.dist-info directory is one of the files check_layout reads.
[[nodiscard]] bool is_metadata_member(std::string_view name);

struct WheelLayout {
  std::string dist_info;  // "demo-1.0.dist-info"
  std::string data_dir;   // "demo-1.0.data"
  metadata::WheelFile wheel_file;
  std::vector<metadata::Script> scripts;
  // The RECORD row of every file to verify when extracting (RECORD and signatures excluded).
  std::unordered_map<std::string, metadata::RecordEntry> expected;
};

// RECORD and its signatures, which RECORD cannot hash.
[[nodiscard]] bool is_record_or_signature(std::string_view path, std::string_view dist_info);

// Throws the refusal (gator::Error naming the wheel and the member) for the first problem.
[[nodiscard]] WheelLayout check_layout(std::span<const Member> members, const MetadataTexts& texts,
                                       const dist::WheelFilename& filename);

}  // namespace gator::wheel::detail

#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dist/sha256.hpp"
#include "lock/toml_value.hpp"
#include "pep440/specifier.hpp"
#include "pep440/version.hpp"
#include "pep508/marker.hpp"
#include "util/parse_error.hpp"

// The PEP 751 lock file (pylock.toml) as data: what the reader produces and the writer prints.
// Field names follow the specification (packaging.python.org, "pylock.toml Specification");
// `tool.gator-provision` is typed (GatorFacts), other tools' tables are kept as TomlValue.
namespace gator::lock {

inline constexpr std::string_view k_lock_version = "1.0";
inline constexpr std::string_view k_tool_name = "gator-provision";

// Where an entry was read from (1-based; 0 when it was built in memory). Not part of a value:
// two entries that differ only in position compare equal.
struct SourcePosition {
  std::size_t line = 0;
  std::size_t column = 0;
  friend bool operator==(const SourcePosition&, const SourcePosition&) { return true; }
};

// upload-time: a date and time in UTC (the specification requires UTC), to the nanosecond.
struct UploadTime {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::uint32_t nanosecond = 0;

  // RFC 3339 in UTC, as PEP 700 index pages give it: "2024-06-05T12:30:00.123456Z" (also
  // "+00:00"; any other offset is refused).
  [[nodiscard]] static std::expected<UploadTime, util::ParseError> parse(std::string_view text);
  // "2024-06-05T12:30:00.123456Z": fractional digits only as many as needed.
  [[nodiscard]] std::string to_string() const;
  // Checks the ranges (month 1-12, day of that month, 23:59:60 at most, ...); "" when valid.
  [[nodiscard]] std::string problem() const;

  friend auto operator<=>(const UploadTime&, const UploadTime&) = default;
};

// A file's hashes: the sha256 that gator-provision verifies every download with (required when
// reading and writing) and any others the file lists, by algorithm name.
struct Hashes {
  std::optional<dist::Sha256> sha256;
  std::map<std::string, std::string> others;
  friend bool operator==(const Hashes&, const Hashes&) = default;
};

// [[packages.wheels]]. `name` is always set: the reader takes it from the last component of
// `path` or `url` when the file leaves it out, as the specification allows.
struct Wheel {
  std::string name;
  std::optional<UploadTime> upload_time;
  std::optional<std::string> url;
  std::optional<std::string> path;
  std::optional<std::uint64_t> size;
  Hashes hashes;
  SourcePosition position;
  friend bool operator==(const Wheel&, const Wheel&) = default;
};

// [packages.sdist]; read, validated and written, never installed (sdists are not built here).
struct Sdist {
  std::string name;
  std::optional<UploadTime> upload_time;
  std::optional<std::string> url;
  std::optional<std::string> path;
  std::optional<std::uint64_t> size;
  Hashes hashes;
  SourcePosition position;
  friend bool operator==(const Sdist&, const Sdist&) = default;
};

// [packages.vcs]: type is one of git, hg, bzr, svn (the registered VCS of direct_url.json).
struct Vcs {
  std::string type;
  std::optional<std::string> url;
  std::optional<std::string> path;
  std::optional<std::string> requested_revision;
  std::string commit_id;
  std::optional<std::string> subdirectory;
  SourcePosition position;
  friend bool operator==(const Vcs&, const Vcs&) = default;
};

// [packages.directory]
struct Directory {
  std::string path;
  std::optional<bool> editable;
  std::optional<std::string> subdirectory;
  SourcePosition position;
  friend bool operator==(const Directory&, const Directory&) = default;
};

// [packages.archive]
struct Archive {
  std::optional<std::string> url;
  std::optional<std::string> path;
  std::optional<std::uint64_t> size;
  std::optional<UploadTime> upload_time;
  Hashes hashes;
  std::optional<std::string> subdirectory;
  SourcePosition position;
  friend bool operator==(const Archive&, const Archive&) = default;
};

// An entry of packages.dependencies: `name` plus whatever other keys it takes to identify one
// package entry (version, marker, vcs = {...}, ...), compared key by key. Informational only:
// installers must not use it.
struct Dependency {
  std::string name;                          // normalized
  TomlValue keys = TomlValue::make_table();  // the other keys, e.g. {version = "1.0"}
  friend bool operator==(const Dependency&, const Dependency&) = default;
};

struct Package {
  std::string name;  // normalized (PEP 503)
  std::optional<pep440::Version> version;
  std::optional<pep508::Marker> marker;
  std::optional<pep440::SpecifierSet> requires_python;
  std::vector<Dependency> dependencies;
  std::optional<Vcs> vcs;
  std::optional<Directory> directory;
  std::optional<Archive> archive;
  std::optional<std::string> index;  // the simple-API base URL the files were found on
  std::optional<Sdist> sdist;
  std::vector<Wheel> wheels;
  std::vector<TomlValue> attestation_identities;  // tables, each with a string `kind`
  TomlValue tool = TomlValue::make_table();       // [packages.tool]: tool name -> table
  SourcePosition position;

  friend bool operator==(const Package&, const Package&) = default;
};

// What `tool.gator-provision` records about the lock's inputs, so that `lock --check` can tell
// when the lock is stale and a reviewer can see where every package came from.
struct TargetFacts {
  std::string python;                // "3.11"
  std::string platform;              // "linux"
  std::string arch;                  // "x86_64"
  std::optional<std::string> glibc;  // "2.31": the oldest glibc the lock must run on
  friend bool operator==(const TargetFacts&, const TargetFacts&) = default;
};

struct IndexFact {
  std::string name;
  std::string url;
  bool explicit_only = false;  // used only by the packages pinned to it
  friend bool operator==(const IndexFact&, const IndexFact&) = default;
};

struct GatorFacts {
  std::string profile;                         // profile name, e.g. "mi25"
  std::optional<dist::Sha256> profile_digest;  // computed by the caller from the profile
  TargetFacts target;
  std::vector<IndexFact> indexes;              // in the profile's order (the order matters)
  std::map<std::string, std::string> sources;  // pinned package (normalized) -> index name
  friend bool operator==(const GatorFacts&, const GatorFacts&) = default;
};

// Where a lock file was read from; not part of its value.
struct LockSource {
  std::string file;
  friend bool operator==(const LockSource&, const LockSource&) { return true; }
};

struct Lockfile {
  std::string lock_version = std::string(k_lock_version);
  std::optional<std::vector<pep508::Marker>> environments;
  std::optional<pep440::SpecifierSet> requires_python;
  std::optional<std::vector<std::string>> extras;             // normalized names
  std::optional<std::vector<std::string>> dependency_groups;  // as written
  std::optional<std::vector<std::string>> default_groups;     // as written
  std::string created_by;
  std::vector<Package> packages;
  std::optional<GatorFacts> gator;           // [tool.gator-provision]
  TomlValue tool = TomlValue::make_table();  // the other [tool.*] tables, by tool name
  LockSource source;

  friend bool operator==(const Lockfile&, const Lockfile&) = default;
};

// Which kind of source a package has: wheels and/or an sdist, or exactly one direct source.
enum class SourceKind { distributions, vcs, directory, archive };
[[nodiscard]] SourceKind source_kind(const Package& package);

// The order the writer uses: name, then version (entries without a version first), then marker.
[[nodiscard]] bool package_less(const Package& a, const Package& b);

// The specification's file names: "pylock.toml" or "pylock.<name>.toml" where <name> has no '.'
// (and, here, no '/' or '\\').
[[nodiscard]] bool is_valid_lock_file_name(std::string_view file_name);
// "pylock.<profile>.toml", with every '.', '/' and '\\' of the profile name as '-' so that the
// name is valid ("rocm5.7" -> "pylock.rocm5-7.toml"); "pylock.toml" for an empty name.
[[nodiscard]] std::string lock_file_name(std::string_view profile);

// A marker naming the target the lock is for, e.g. `sys_platform == "linux" and
// platform_machine == "x86_64" and python_version == "3.11"` (empty arguments are left out;
// nothing when all are empty).
[[nodiscard]] std::optional<pep508::Marker> target_marker(std::string_view sys_platform,
                                                          std::string_view platform_machine,
                                                          std::string_view python_version);

}  // namespace gator::lock

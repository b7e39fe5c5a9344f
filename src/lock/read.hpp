#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lock/lockfile.hpp"
#include "util/error.hpp"

// Reading a PEP 751 lock file strictly: TOML syntax, then every MUST of the specification
// (lock-version major 1, required keys and their types, normalized names, valid versions,
// markers and specifiers, one kind of source per package, hashes for every file, wheel and sdist
// file names that agree with the package, UTC upload times, registered VCS types, relative
// subdirectories, dependencies that name exactly one package entry, no package listed twice
// without a marker to tell the entries apart), plus gator-provision's own rules: a sha256 for
// every file, no credentials in URLs, and a well-formed [tool.gator-provision] table.
//
// Keys the specification does not define are errors in a "1.0" file; in a file with a newer
// minor version (which may define keys this build does not know) they are warnings.
namespace gator::lock {

struct Warning {
  std::string message;
  std::optional<SourceLocation> location;
  // "file:line:col: warning: message" (or "<program>: warning: message"), with the line shown.
  [[nodiscard]] std::string render(const std::string& program) const;
};

struct ReadResult {
  Lockfile lockfile;
  std::vector<Warning> warnings;
};

// Parses `text` (the content of `file`, which is named in errors): a Lockfile, or an
// Error(invalid_input) with file:line:col, the offending line, a cause and a hint. Throws
// nothing (except std::bad_alloc).
[[nodiscard]] std::expected<ReadResult, Error> parse_lockfile(std::string_view text,
                                                              std::string_view file);

// parse_lockfile that throws the Error.
[[nodiscard]] ReadResult read_lockfile(std::string_view text, std::string_view file);

// Reads and parses the file at `path` (Error(io) when it cannot be read); a file name other than
// pylock.toml or pylock.<name>.toml is a warning.
[[nodiscard]] ReadResult load_lockfile(const std::filesystem::path& path);

}  // namespace gator::lock

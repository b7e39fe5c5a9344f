#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "metadata/record.hpp"
#include "pep440/version.hpp"
#include "venv/scheme.hpp"

// What is installed in a venv: the `.dist-info` directories of its site-packages (recording
// installed projects specification), read for `status` and `verify`. Nothing here throws: a
// distribution whose files cannot be read or parsed is still listed, with its problems.
namespace gator::provision {

struct InstalledDistribution {
  std::filesystem::path dist_info;  // the .dist-info directory (under purelib or platlib)
  std::string name;                 // canonical (PEP 503), from METADATA's Name
  std::string version;              // normalized when it is a PEP 440 version, else as written
  std::optional<pep440::Version> parsed_version;  // nullopt when not a PEP 440 version
  std::optional<std::string> installer;       // INSTALLER's first line; nullopt without the file
  bool requested = false;                     // REQUESTED exists
  bool has_record = false;                    // RECORD was read and parsed
  std::vector<metadata::RecordEntry> record;  // its rows, in file order
  // Unreadable or malformed METADATA or RECORD, a name and version taken from the directory's
  // name, METADATA naming another project than the directory: one sentence each.
  std::vector<std::string> problems;

  // The directory RECORD paths are relative to (the .dist-info's parent).
  [[nodiscard]] std::filesystem::path base() const { return dist_info.parent_path(); }
};

struct InstalledScan {
  // Sorted by name, then path: two entries of one name mean the project is installed twice.
  std::vector<InstalledDistribution> distributions;
  // The site-packages directories scanned (purelib, then platlib when it is another directory).
  std::vector<std::filesystem::path> site_directories;
  // A site-packages directory that is missing or cannot be listed.
  std::vector<std::string> problems;

  // The distributions of canonical `name` (none, one, or several when installed twice).
  [[nodiscard]] std::vector<const InstalledDistribution*> find(const std::string& name) const;
};

// Lists every `*.dist-info` directory directly in scheme.purelib and scheme.platlib (once when
// they are the same directory, also through a symbolic link such as lib64 -> lib) and reads its
// METADATA (Name, Version), INSTALLER, REQUESTED and RECORD.
[[nodiscard]] InstalledScan scan_installed(const venv::Scheme& scheme);

// Reads one `.dist-info` directory as scan_installed does.
[[nodiscard]] InstalledDistribution read_distribution(const std::filesystem::path& dist_info);

}  // namespace gator::provision

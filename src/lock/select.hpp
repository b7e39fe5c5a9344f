#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "lock/lockfile.hpp"
#include "pep508/environment.hpp"
#include "tags/supported.hpp"
#include "util/error.hpp"

// Choosing what to install from a lock file, offline, by the installer rules of PEP 751 (the
// "Installation" section of the pylock.toml specification), with pypa/packaging's
// Pylock.select() as the reference for the details:
//  1. extras default to none, dependency groups to the lock's default-groups;
//  2. requires-python must hold for the environment's python_full_version;
//  3. one of `environments` (if any) must hold (evaluated without extras and groups);
//  4. per package: skip it when its marker does not hold (evaluated with `extras` and
//     `dependency_groups`), fail when its requires-python does not, fail when two entries of
//     one package are selected;
//  5. per selected package: the compatible wheel whose best tag comes first in the supported
//     tags (ties: the order in the lock); none is an error, since gator-provision installs
//     wheels only (sdists, VCS, directories and archives are not built).
// Pure: no I/O, nothing thrown; every error names the package and its line in the lock file.
namespace gator::lock {

struct SelectOptions {
  // Extras and dependency groups to install; each must be listed by the lock's `extras`, or
  // `dependency-groups` / `default-groups`. Groups unset: the lock's default-groups.
  std::vector<std::string> extras;
  std::optional<std::vector<std::string>> dependency_groups;
};

struct PlannedWheel {
  std::string name;  // the package
  std::optional<pep440::Version> version;
  std::optional<std::string> index;
  Wheel wheel;
  std::size_t package_index = 0;  // in Lockfile::packages
  std::size_t wheel_index = 0;    // in Package::wheels
  SourcePosition position;        // of the package entry
  friend bool operator==(const PlannedWheel&, const PlannedWheel&) = default;
};

struct InstallPlan {
  std::vector<PlannedWheel> wheels;  // sorted by package name
  std::vector<std::string> skipped;  // packages whose marker does not hold, sorted
};

// The wheels to install for `environment` (with python_full_version set) and `supported` (the
// interpreter's tags, most preferred first). Errors:
//  - check_failed: the lock is not for this machine (requires-python, environments, a package's
//    requires-python, no compatible wheel);
//  - invalid_input: the lock is ambiguous (two entries of a package selected), a selected
//    package has no wheels, or a marker cannot be evaluated;
//  - usage: an extra or group the lock does not offer.
[[nodiscard]] std::expected<InstallPlan, Error> select_wheels(
    const Lockfile& lockfile, const pep508::MarkerEnvironment& environment,
    const tags::SupportedTags& supported, const SelectOptions& options = {});

}  // namespace gator::lock

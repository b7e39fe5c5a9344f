#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lock/select.hpp"
#include "pep508/environment.hpp"
#include "pep508/requirement.hpp"
#include "profile/profile.hpp"
#include "provision/installed.hpp"
#include "provision/marks.hpp"

// `status`: per package, what the profile requires, what the lock pins and what the venv has,
// with one verdict (the command-line form of a "versions" page). Pure: it compares what the
// caller read (the profile, the install plan, scan_installed).
namespace gator::provision {

struct Required {
  std::string requirement;  // as the profile means it: "transformers[torch]>=4.41.0"
  std::string specifier;    // ">=4.41.0"; "@ <url>" for a direct URL; "" for any version
  std::string origin;       // "profiles/mi25.toml:12"
  bool applies = true;      // false when its marker does not hold for the environment
};

struct PackageStatus {
  std::string name;                    // canonical
  std::vector<Required> required;      // the profile's direct requirements naming it
  std::optional<std::string> locked;   // the version in the install plan
  std::vector<std::string> installed;  // the installed version; several when installed twice
  // ok: installed == locked and every applicable requirement holds (or not required here);
  // warn: installed but another version than locked (still satisfying), or installed and not
  //       locked, or its .dist-info has problems;
  // fail: required or locked but not installed, installed twice, or a requirement not satisfied.
  Mark state = Mark::ok;
  std::string note;  // why it is not ok; "" when it is
};

// One row per project that is required (directly), locked or installed, sorted by name.
// Requirements whose marker does not hold in `environment` do not apply (with no environment
// every requirement applies; a marker that cannot be evaluated applies). An installed version
// satisfies a specifier as pip's check decides (pre-releases allowed); a URL requirement is
// satisfied by any installed version.
[[nodiscard]] std::vector<PackageStatus> package_status(
    std::span<const profile::Sourced<pep508::Requirement>> requirements,
    const lock::InstallPlan& plan, const InstalledScan& installed,
    const pep508::MarkerEnvironment* environment = nullptr);

// An aligned table: mark, package, required, locked, installed, note ("-" where there is
// nothing), then "status: 3 ok, 1 warning, 1 failed".
[[nodiscard]] std::string render_status_text(const std::vector<PackageStatus>& rows,
                                             Symbols symbols);

// {"profile", "ok": no row failed, "counts": {"ok", "warn", "fail"}, "packages": [{"name",
// "state": "ok"|"warn"|"fail", "required": [{"requirement", "specifier", "origin", "applies"}],
// "locked", "installed" (", " separated when several), "note"}]}; absent values are null.
[[nodiscard]] std::string render_status_json(const std::string& profile,
                                             const std::vector<PackageStatus>& rows);

}  // namespace gator::provision

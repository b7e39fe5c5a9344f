#pragma once

#include <optional>
#include <string>

#include "dist/wheel_filename.hpp"
#include "lock/select.hpp"
#include "pep440/version.hpp"
#include "provision/installed.hpp"

// Internal to verify.cpp and status.cpp: the facts both reports compare.
namespace gator::provision::detail {

// The locked version of a planned wheel: the package's `version`, which PEP 751 makes optional,
// else the version in the wheel's file name.
[[nodiscard]] inline std::optional<pep440::Version> planned_version(
    const lock::PlannedWheel& planned) {
  if (planned.version)
    return planned.version;
  if (auto filename = dist::WheelFilename::parse(planned.wheel.name))
    return filename->version();
  return std::nullopt;
}

[[nodiscard]] inline std::string version_text(const std::optional<pep440::Version>& version) {
  return version ? version->to_string() : std::string("unknown");
}

// PEP 440 equality (1.0 == 1.0.0, local labels compared); the text when one side is not a
// PEP 440 version.
[[nodiscard]] inline bool same_version(const InstalledDistribution& installed,
                                       const std::optional<pep440::Version>& locked) {
  if (installed.parsed_version && locked)
    return *installed.parsed_version == *locked;
  return locked && installed.version == locked->to_string();
}

// "numpy 1.26.4", as findings name a distribution.
[[nodiscard]] inline std::string distribution_label(const InstalledDistribution& distribution) {
  return distribution.version.empty() ? distribution.name
                                      : distribution.name + " " + distribution.version;
}

}  // namespace gator::provision::detail

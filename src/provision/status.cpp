#include "provision/status.hpp"

#include <map>
#include <set>
#include <utility>

#include "pep508/name.hpp"
#include "provision/report_common.hpp"

namespace gator::provision {
namespace {

Required describe(const profile::Sourced<pep508::Requirement>& sourced,
                  const pep508::MarkerEnvironment* environment) {
  const pep508::Requirement& requirement = sourced.value;
  Required required;
  required.requirement = requirement.to_string();
  if (requirement.url())
    required.specifier = "@ " + *requirement.url();
  else
    required.specifier = requirement.specifier().to_string();
  required.origin = sourced.origin.to_string();
  if (environment != nullptr && requirement.marker()) {
    // A marker that cannot be evaluated here is kept: better a false alarm than a silent skip.
    const auto holds = requirement.marker()->evaluate(*environment);
    required.applies = !holds || *holds;
  }
  return required;
}

bool satisfies(const InstalledDistribution& installed, const pep508::Requirement& requirement) {
  if (requirement.url() || requirement.specifier().empty())
    return true;
  if (installed.parsed_version)
    return requirement.specifier().contains(*installed.parsed_version, true);
  // Only "===" can match a version that is not PEP 440.
  return requirement.specifier().contains(std::string_view(installed.version), true);
}

// The verdict for one project; `requirements` are the applicable ones.
void judge(PackageStatus& row,
           const std::vector<const profile::Sourced<pep508::Requirement>*>& requirements,
           const std::vector<const InstalledDistribution*>& installed,
           const std::optional<pep440::Version>& locked) {
  const bool is_required = !requirements.empty();
  if (installed.size() > 1) {
    row.state = Mark::fail;
    row.note = "installed more than once";
    return;
  }
  if (installed.empty()) {
    if (is_required || row.locked) {
      row.state = Mark::fail;
      row.note = "not installed";
      if (is_required)
        row.note += " (required at " + requirements.front()->origin.to_string() + ")";
    } else {
      row.note = "not required on this machine (marker)";
    }
    return;
  }
  const InstalledDistribution& distribution = *installed.front();
  for (const auto* requirement : requirements) {
    if (!satisfies(distribution, requirement->value)) {
      row.state = Mark::fail;
      row.note = distribution.version + " does not satisfy " + requirement->value.to_string() +
                 " (" + requirement->origin.to_string() + ")";
      return;
    }
  }
  if (!row.locked) {
    row.state = Mark::warn;
    row.note = "not in the lock";
  } else if (!detail::same_version(distribution, locked)) {
    row.state = Mark::warn;
    row.note = "installed version differs from the lock";
  } else if (!distribution.problems.empty()) {
    row.state = Mark::warn;
    row.note = distribution.problems.front();
  }
}

}  // namespace

std::vector<PackageStatus> package_status(
    std::span<const profile::Sourced<pep508::Requirement>> requirements,
    const lock::InstallPlan& plan, const InstalledScan& installed,
    const pep508::MarkerEnvironment* environment) {
  std::map<std::string, PackageStatus> rows;
  std::map<std::string, std::vector<const profile::Sourced<pep508::Requirement>*>> applicable;
  std::map<std::string, std::optional<pep440::Version>> locked;
  auto row_for = [&](const std::string& name) -> PackageStatus& {
    PackageStatus& row = rows[name];
    row.name = name;
    return row;
  };

  for (const auto& sourced : requirements) {
    const std::string& name = sourced.value.package_name().str();
    PackageStatus& row = row_for(name);
    row.required.push_back(describe(sourced, environment));
    if (row.required.back().applies)
      applicable[name].push_back(&sourced);
  }
  for (const lock::PlannedWheel& planned : plan.wheels) {
    const std::string name = pep508::canonicalize_name(planned.name);
    const std::optional<pep440::Version> version = detail::planned_version(planned);
    row_for(name).locked = detail::version_text(version);
    locked[name] = version;
  }
  for (const InstalledDistribution& distribution : installed.distributions)
    row_for(distribution.name).installed.push_back(distribution.version);

  std::vector<PackageStatus> result;
  result.reserve(rows.size());
  for (auto& [name, row] : rows) {
    const auto found = locked.find(name);
    judge(row, applicable[name], installed.find(name),
          found == locked.end() ? std::nullopt : found->second);
    result.push_back(std::move(row));
  }
  return result;
}

}  // namespace gator::provision

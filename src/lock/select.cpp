#include "lock/select.hpp"

#include <algorithm>
#include <map>

#include "dist/wheel_filename.hpp"
#include "pep508/name.hpp"

namespace gator::lock {

namespace {

constexpr std::size_t k_wheels_shown = 5;

[[nodiscard]] std::string lock_name(const Lockfile& lockfile) {
  return lockfile.source.file.empty() ? std::string("the lock file") : lockfile.source.file;
}

[[nodiscard]] Error at_package(Error error, const Lockfile& lockfile, const Package& package) {
  if (!lockfile.source.file.empty() && package.position.line > 0)
    error.at(SourceLocation{lockfile.source.file,
                            package.position.line,
                            std::max<std::size_t>(package.position.column, 1),
                            {},
                            1});
  return error;
}

[[nodiscard]] std::string package_text(const Package& package) {
  return "\"" + package.name + "\"" + (package.version ? " " + package.version->to_string() : "");
}

[[nodiscard]] std::string list_text(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Requested extras or groups, normalized, each checked against what the lock offers.
[[nodiscard]] std::expected<std::vector<std::string>, Error> offered(
    const std::vector<std::string>& requested, const std::vector<std::string>& available,
    std::string_view what) {
  std::vector<std::string> names;
  std::vector<std::string> normalized;
  for (const std::string& name : available)
    normalized.push_back(pep508::canonicalize_name(name));
  for (const std::string& name : requested) {
    const std::string canonical = pep508::canonicalize_name(name);
    if (std::find(normalized.begin(), normalized.end(), canonical) == normalized.end()) {
      Error error(ErrorKind::usage,
                  "the lock file offers no " + std::string(what) + " \"" + name + "\"");
      error.hint(available.empty()
                     ? "this lock file has no " + std::string(what) + "s"
                     : "the lock file's " + std::string(what) + "s: " + list_text(available));
      return std::unexpected(std::move(error));
    }
    names.push_back(canonical);
  }
  return names;
}

[[nodiscard]] std::expected<bool, Error> holds(const pep508::Marker& marker,
                                               const pep508::MarkerEnvironment& environment,
                                               pep508::EvaluationContext context,
                                               std::string what) {
  const auto result = marker.evaluate(environment, context);
  if (result)
    return *result;
  Error error(ErrorKind::invalid_input, "cannot evaluate " + what + ": " + marker.to_string());
  error.caused_by(result.error().message);
  return std::unexpected(std::move(error));
}

[[nodiscard]] std::expected<PlannedWheel, Error> best_wheel(const Lockfile& lockfile,
                                                            const Package& package,
                                                            std::size_t package_index,
                                                            const tags::SupportedTags& supported) {
  const SourceKind kind = source_kind(package);
  if (kind != SourceKind::distributions) {
    const char* name = kind == SourceKind::vcs         ? "a VCS repository"
                       : kind == SourceKind::directory ? "a local directory"
                                                       : "an archive";
    Error error(ErrorKind::invalid_input, "package " + package_text(package) + " comes from " +
                                              name + "; gator-provision installs wheels only");
    error.hint("lock the package from an index that has wheels for it");
    return std::unexpected(at_package(std::move(error), lockfile, package));
  }
  std::vector<std::vector<tags::Tag>> tag_sets;
  for (const Wheel& wheel : package.wheels) {
    const auto filename = dist::WheelFilename::parse(wheel.name);
    tag_sets.push_back(filename ? filename->tags() : std::vector<tags::Tag>{});
  }
  const std::vector<std::size_t> order = tags::select_compatible(supported, tag_sets);
  if (!order.empty()) {
    const std::size_t index = order.front();
    return PlannedWheel{package.name,  package.version, package.index,   package.wheels[index],
                        package_index, index,           package.position};
  }
  Error error(ErrorKind::check_failed,
              package.wheels.empty()
                  ? "package " + package_text(package) +
                        " has only an sdist, and gator-provision does not build sdists"
                  : "no wheel of package " + package_text(package) + " fits this interpreter");
  for (std::size_t i = 0; i < package.wheels.size() && i < k_wheels_shown; ++i)
    error.caused_by("the lock has " + package.wheels[i].name);
  if (package.wheels.size() > k_wheels_shown)
    error.caused_by("and " + std::to_string(package.wheels.size() - k_wheels_shown) +
                    " more wheels");
  if (!supported.empty())
    error.caused_by("this interpreter's most preferred tag is " +
                    supported.tags().front().to_string());
  error.hint(
      "re-lock for this machine (gator-provision lock PROFILE), or use the interpreter the "
      "lock was made for");
  return std::unexpected(at_package(std::move(error), lockfile, package));
}

}  // namespace

std::expected<InstallPlan, Error> select_wheels(const Lockfile& lockfile,
                                                const pep508::MarkerEnvironment& environment,
                                                const tags::SupportedTags& supported,
                                                const SelectOptions& options) {
  const std::string file = lock_name(lockfile);
  auto extras =
      offered(options.extras, lockfile.extras.value_or(std::vector<std::string>{}), "extra");
  if (!extras)
    return std::unexpected(std::move(extras.error()));
  std::vector<std::string> groups_offered =
      lockfile.dependency_groups.value_or(std::vector<std::string>{});
  for (const std::string& group : lockfile.default_groups.value_or(std::vector<std::string>{}))
    groups_offered.push_back(group);
  auto groups = offered(options.dependency_groups.value_or(
                            lockfile.default_groups.value_or(std::vector<std::string>{})),
                        groups_offered, "dependency group");
  if (!groups)
    return std::unexpected(std::move(groups.error()));

  if (!environment.python_full_version)
    return std::unexpected(
        Error(ErrorKind::internal, "the target environment has no python_full_version"));
  const std::string& python = *environment.python_full_version;
  if (lockfile.requires_python && !lockfile.requires_python->contains(python)) {
    Error error(
        ErrorKind::check_failed,
        file + " is for Python " + lockfile.requires_python->to_string() + ", not " + python);
    error.hint("use a Python the lock file was made for (--python), or re-lock for this one");
    return std::unexpected(std::move(error));
  }

  if (lockfile.environments && !lockfile.environments->empty()) {
    bool any = false;
    for (const pep508::Marker& marker : *lockfile.environments) {
      const auto result = holds(marker, environment, pep508::EvaluationContext::requirement,
                                "an environment of " + file);
      if (!result)
        return std::unexpected(result.error());
      any = any || *result;
    }
    if (!any) {
      Error error(ErrorKind::check_failed, file + " is not for this environment");
      for (const pep508::Marker& marker : *lockfile.environments)
        error.caused_by("not met: " + marker.to_string());
      error.hint(
          "re-lock for this machine (gator-provision lock PROFILE), or use the lock file "
          "made for it");
      return std::unexpected(std::move(error));
    }
  }

  pep508::MarkerEnvironment with_sets = environment;
  with_sets.extras = *extras;
  with_sets.dependency_groups = *groups;
  InstallPlan plan;
  std::map<std::string, std::size_t> chosen;  // package name -> index in lockfile.packages
  for (std::size_t i = 0; i < lockfile.packages.size(); ++i) {
    const Package& package = lockfile.packages[i];
    if (package.marker) {
      const auto result = holds(*package.marker, with_sets, pep508::EvaluationContext::lock_file,
                                "the marker of package \"" + package.name + "\"");
      if (!result)
        return std::unexpected(at_package(result.error(), lockfile, package));
      if (!*result) {
        plan.skipped.push_back(package.name);
        continue;
      }
    }
    if (package.requires_python && !package.requires_python->contains(python)) {
      Error error(ErrorKind::check_failed,
                  "package " + package_text(package) + " requires Python " +
                      package.requires_python->to_string() + ", not " + python);
      error.hint("re-lock for this interpreter (gator-provision lock PROFILE)");
      return std::unexpected(at_package(std::move(error), lockfile, package));
    }
    const auto [it, inserted] = chosen.emplace(package.name, i);
    if (!inserted) {
      const Package& first = lockfile.packages[it->second];
      Error error(ErrorKind::invalid_input, "package \"" + package.name +
                                                "\" is selected twice (entries at lines " +
                                                std::to_string(first.position.line) + " and " +
                                                std::to_string(package.position.line) + ")");
      error.hint("the markers of a package's entries must not hold in the same environment");
      return std::unexpected(at_package(std::move(error), lockfile, package));
    }
  }
  for (const auto& [name, index] : chosen) {
    auto wheel = best_wheel(lockfile, lockfile.packages[index], index, supported);
    if (!wheel)
      return std::unexpected(std::move(wheel.error()));
    plan.wheels.push_back(std::move(*wheel));
  }
  std::sort(plan.skipped.begin(), plan.skipped.end());
  plan.skipped.erase(std::unique(plan.skipped.begin(), plan.skipped.end()), plan.skipped.end());
  // A package skipped by one entry and selected by another is not "skipped".
  std::erase_if(plan.skipped, [&](const std::string& name) { return chosen.contains(name); });
  return plan;
}

}  // namespace gator::lock

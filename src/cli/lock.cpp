#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/lock_support.hpp"
#include "cli/profile_args.hpp"
#include "cli/settings.hpp"
#include "http/observer.hpp"
#include "lock/diff.hpp"
#include "lock/fresh.hpp"
#include "lock/read.hpp"
#include "lock/write.hpp"
#include "profile/load.hpp"
#include "provision/atomic_write.hpp"
#include "provision/lock_profile.hpp"
#include "python/discovery.hpp"
#include "util/error.hpp"

// `gator-provision lock PROFILE`: resolve the profile for its target and write
// lockfiles/pylock.PROFILE.toml; `--check` only says whether that file is still right.
namespace gator::cli {
namespace {
namespace fs = std::filesystem;

struct LockArgs {
  ProfileArgs common;
  bool upgrade = false;
  std::vector<std::string> upgrade_packages;
  bool check = false;
};

[[nodiscard]] std::vector<pep508::PackageName> upgrade_packages(const LockArgs& args) {
  std::vector<pep508::PackageName> names;
  for (const std::string& text : args.upgrade_packages) {
    auto name = pep508::PackageName::parse(text);
    if (!name)
      throw Error(ErrorKind::usage, "--upgrade-package " + text + ": not a project name")
          .caused_by(name.error().message);
    names.push_back(std::move(*name));
  }
  return names;
}

// Only when the profile leaves the version open: a lock for "3.11.4" needs no interpreter.
[[nodiscard]] std::optional<python::InterpreterInfo> interpreter_for(
    const LockArgs& args, const profile::Profile& profile, const Context& context) {
  if (!provision::needs_interpreter(profile) && args.common.python.empty())
    return std::nullopt;
  return find_interpreter(args.common, profile, context);
}

int report_stale(const fs::path& path, const std::vector<std::string>& reasons,
                 const Context& context) {
  *context.out << "lock is stale: " << path.string() << "\n";
  for (const std::string& reason : reasons)
    *context.out << "  - " << reason << "\n";
  *context.out << "run `gator-provision lock` to update it\n";
  return exit_code(ErrorKind::check_failed);
}

int run_lock(const LockArgs& args, const GlobalOptions& global, const Context& context) {
  const profile::Profile profile =
      profile::load_profile(args.common.profile, profile::SearchPaths{profile_dirs(context)});
  const std::vector<provision::IndexOverride> overrides = index_overrides(args.common);
  const fs::path path = lock_path(args.common, profile);
  const std::optional<ExistingLock> existing = read_existing_lock(path, context);
  const std::optional<python::InterpreterInfo> interpreter =
      interpreter_for(args, profile, context);
  const provision::LockTarget target = provision::make_lock_target(
      profile, interpreter ? &*interpreter : nullptr, provision::host_facts());

  if (args.check) {
    if (!existing)
      return report_stale(path, {"there is no lock file"}, context);
    const lock::GatorFacts expected =
        provision::gator_facts(profile, target, provision::make_index_policy(profile, overrides));
    const lock::Freshness freshness =
        lock::check_freshness(existing->read.lockfile, expected,
                              provision::profile_requirements(profile), target.markers);
    if (!freshness.fresh())
      return report_stale(path, freshness.reasons, context);
  }

  StatusLines status(global, context);
  LockRequest request;
  request.profile = &profile;
  request.target = &target;
  request.existing = &existing;
  request.upgrade = args.upgrade;
  request.upgrade_packages = upgrade_packages(args);
  request.observer = &status;
  const provision::LockOutcome outcome = resolve_lock(request, args.common, global, context);
  const std::string text = written_text(outcome.lockfile);
  const lock::Lockfile empty;
  const lock::LockDiff changes =
      lock::diff(existing ? existing->read.lockfile : empty, outcome.lockfile);

  if (existing && existing->text == text) {
    if (!global.quiet)
      *context.out << "lock is up to date: " << path.string() << "\n";
    return 0;
  }
  if (args.check) {
    std::vector<std::string> reasons;
    if (changes.empty()) {
      reasons.push_back("locking again gives a different file with the same packages");
    } else {
      std::istringstream lines(lock::render_diff(changes));
      for (std::string line; std::getline(lines, line);)
        reasons.push_back("locking again: " + line);
    }
    return report_stale(path, reasons, context);
  }

  provision::write_file_atomically(path, text);
  if (!global.quiet) {
    *context.out << lock::render_diff(changes);
    *context.out << "wrote " << path.string() << ": " << outcome.lockfile.packages.size()
                 << " packages for " << target.describe() << "\n";
  }
  return 0;
}

}  // namespace

CommandSpec lock_command() {
  return CommandSpec{
      "lock", "resolve the profile and write lockfiles/pylock.PROFILE.toml",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        auto args = std::make_shared<LockArgs>();
        add_profile_args(command, args->common);
        command.add_flag("--upgrade", args->upgrade,
                         "ignore the versions in the existing lock file (and re-hash)");
        command.add_option("--upgrade-package", args->upgrade_packages,
                           "ignore the locked version of NAME (repeatable)");
        command.add_flag("--check", args->check,
                         "write nothing; exit 4 when the lock file is stale for the profile");
        return Action([args, &global, &context] { return run_lock(*args, global, context); });
      }};
}

}  // namespace gator::cli

#include "provision/apply.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/lock_support.hpp"
#include "cli/profile_args.hpp"
#include "cli/progress.hpp"
#include "cli/settings.hpp"
#include "doctor/doctor.hpp"
#include "hardware/detect.hpp"
#include "lock/diff.hpp"
#include "lock/fresh.hpp"
#include "lock/select.hpp"
#include "pep508/name.hpp"
#include "profile/load.hpp"
#include "provision/atomic_write.hpp"
#include "provision/smoke.hpp"
#include "provision/staging.hpp"
#include "python/discovery.hpp"
#include "util/error.hpp"
#include "venv/activate.hpp"

// `gator-provision apply PROFILE`: doctor, lock when needed, then install exactly the locked set
// into a venv switched into place atomically, and smoke-check it.
namespace gator::cli {
namespace {
namespace fs = std::filesystem;

struct ApplyArgs {
  ProfileArgs common;
  bool locked = false;
  bool frozen = false;
  bool skip_doctor = false;
  bool skip_smoke = false;
  bool compile = false;
  bool reinstall = false;
  bool replace_foreign = false;
  bool sync = false;
  std::string link_mode = "auto";
  std::string user;
};

[[nodiscard]] wheel::LinkMode parse_link_mode(const std::string& text) {
  if (text == "auto")
    return wheel::LinkMode::automatic;
  if (text == "reflink")
    return wheel::LinkMode::reflink;
  if (text == "hardlink")
    return wheel::LinkMode::hardlink;
  if (text == "copy")
    return wheel::LinkMode::copy;
  throw Error(ErrorKind::usage, "--link-mode " + text + ": not a link mode")
      .hint("use auto (reflink, else hardlink, else copy), reflink, hardlink or copy");
}

// Runs the doctor; a failure stops apply (exit 4) before anything is downloaded.
[[nodiscard]] bool doctor_passes(const ApplyArgs& args, const profile::Profile& profile,
                                 python::Discovery& discovery, const GlobalOptions& global,
                                 const Context& context) {
  const std::string user = service_user(args.user, context);
  const hardware::Sysroot sysroot(args.common.sysroot.empty() ? "/" : args.common.sysroot);
  const hardware::MachineFacts facts = hardware::detect(sysroot, {context.env("ROCM_PATH"), user});
  const std::vector<doctor::Check> checks = doctor::run_checks({profile, facts, &discovery, user});
  const bool passed = doctor::all_passed(checks);
  if (!passed || global.verbose) {
    const bool fancy = fancy_output(context);
    *context.out << doctor::render_text(checks,
                                        fancy ? doctor::Symbols::unicode : doctor::Symbols::ascii,
                                        fancy ? doctor::Color::yes : doctor::Color::no);
  }
  if (!passed) {
    *context.out << "apply stopped: the machine does not match profile " << profile.name.value
                 << " (run `gator-provision doctor " << args.common.profile
                 << "` for details; --skip-doctor when building an image elsewhere)\n";
  }
  return passed;
}

[[nodiscard]] python::InterpreterInfo require_interpreter(python::Discovery& discovery,
                                                          const profile::Profile& profile) {
  if (discovery.found)
    return *discovery.found;
  Error error(ErrorKind::check_failed, "no Python interpreter matches [python] version = \"" +
                                           profile.python.version.value.text + "\"");
  for (const python::Probe& probe : discovery.probes)
    error.caused_by(probe.path.string() + " (" + probe.origin + "): " + probe.rejected);
  error.hint("install it (e.g. apt-get install python" + profile.python.version.value.text +
             ") or pass --python PATH");
  throw error;
}

// The lock to install: the existing one when fresh (or --frozen), else a new one written to
// disk; --locked refuses a stale or missing lock.
[[nodiscard]] lock::Lockfile choose_lock(const ApplyArgs& args, const profile::Profile& profile,
                                         const python::InterpreterInfo& interpreter,
                                         StatusLines& status, const GlobalOptions& global,
                                         const Context& context) {
  const fs::path path = lock_path(args.common, profile);
  std::optional<ExistingLock> existing = read_existing_lock(path, context);
  if (args.frozen) {
    if (!existing)
      throw Error(ErrorKind::check_failed, "--frozen: there is no lock file " + path.string())
          .hint("run `gator-provision lock " + args.common.profile + "` first");
    return std::move(existing->read.lockfile);
  }
  const provision::LockTarget target =
      provision::make_lock_target(profile, &interpreter, provision::host_facts());
  std::vector<std::string> reasons;
  if (!existing) {
    reasons.push_back("there is no lock file " + path.string());
  } else {
    const lock::GatorFacts expected = provision::gator_facts(
        profile, target, provision::make_index_policy(profile, index_overrides(args.common)));
    reasons = lock::check_freshness(existing->read.lockfile, expected,
                                    provision::profile_requirements(profile), target.markers)
                  .reasons;
  }
  if (reasons.empty())
    return std::move(existing->read.lockfile);
  if (args.locked) {
    Error error(ErrorKind::check_failed, "--locked: the lock file is stale: " + path.string());
    for (const std::string& reason : reasons)
      error.caused_by(reason);
    error.hint("run `gator-provision lock " + args.common.profile +
               "`, review the change and commit it");
    throw error;
  }
  if (!global.quiet) {
    *context.err << "locking " << profile.name.value << ": " << reasons.front() << "\n";
  }
  LockRequest request;
  request.profile = &profile;
  request.target = &target;
  request.existing = &existing;
  request.observer = &status;
  provision::LockOutcome outcome = resolve_lock(request, args.common, global, context);
  const std::string text = written_text(outcome.lockfile);
  provision::write_file_atomically(path, text);
  if (!global.quiet) {
    const lock::Lockfile empty;
    *context.err << lock::render_diff(
        lock::diff(existing ? existing->read.lockfile : empty, outcome.lockfile));
    *context.err << "wrote " << path.string() << "\n";
  }
  return std::move(outcome.lockfile);
}

[[nodiscard]] lock::InstallPlan plan_for(const lock::Lockfile& lockfile,
                                         const python::InterpreterInfo& interpreter,
                                         const fs::path& lock_file) {
  auto plan = select_for_interpreter(lockfile, interpreter);
  if (!plan) {
    Error error = std::move(plan.error());
    error.hint("the lock file " + lock_file.string() +
               " does not fit this interpreter; re-lock with `gator-provision lock`");
    throw error;
  }
  return std::move(*plan);
}

[[nodiscard]] std::set<std::string> requested_names(const profile::Profile& profile) {
  std::set<std::string> names;
  for (const auto& requirement : profile.requirements.packages.value)
    names.insert(requirement.value.package_name().str());
  return names;
}

void report(const provision::ApplyResult& result, const fs::path& venv, double seconds,
            const GlobalOptions& global, const Context& context) {
  if (global.quiet)
    return;
  for (const std::string& warning : result.warnings)
    *context.err << "gator-provision: warning: " << warning << "\n";
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2f s", seconds);
  if (result.outcome == provision::ApplyOutcome::unchanged) {
    *context.out << venv.string() << " is up to date (" << result.packages
                 << " packages): nothing to do\n";
    return;
  }
  *context.out << (result.outcome == provision::ApplyOutcome::created ? "created " : "replaced ")
               << venv.string() << ": " << result.packages
               << " packages (wheels: " << result.fetch.cached << " cached, "
               << result.fetch.downloaded << " downloaded (" << format_bytes(result.fetch.bytes)
               << "), " << result.fetch.local << " local; " << result.unpacked
               << " unpacked; files " << result.reflinked << " reflinked, " << result.hardlinked
               << " hard-linked, " << result.copied << " copied) in " << elapsed << "\n";
}

[[nodiscard]] int smoke_check(const profile::Profile& profile, const fs::path& venv,
                              const python::InterpreterInfo& interpreter,
                              const std::map<std::string, std::string>& environment,
                              const GlobalOptions& global, const Context& context) {
  std::optional<provision::SmokeCheck> check;
  if (profile.smoke) {
    check.emplace();
    for (const auto& word : profile.smoke->command.value)
      check->command.push_back(word.value);
    check->timeout = std::chrono::seconds(profile.smoke->timeout_seconds.value);
  } else {
    check = provision::default_smoke_check(venv, interpreter, requested_names(profile));
  }
  if (!check || check->command.empty())
    return 0;
  const provision::SmokeResult result = provision::run_smoke_check(
      venv, *check, provision::venv_environment(venv, context.environment, environment));
  if (result.passed) {
    if (!global.quiet) {
      *context.out << "smoke check passed";
      if (global.verbose && !result.output.empty())
        *context.out << ":\n" << result.output;
      *context.out << "\n";
    }
    return 0;
  }
  *context.out << "smoke check FAILED ("
               << (result.problem.empty() ? "exit " + std::to_string(result.exit_code)
                                          : result.problem)
               << "): the new venv is in place; `gator-provision status " << profile.name.value
               << "` shows this result\n";
  if (!result.output.empty())
    *context.out << result.output << (result.output.ends_with('\n') ? "" : "\n");
  return exit_code(ErrorKind::check_failed);
}

int run_apply(const ApplyArgs& args, const GlobalOptions& global, const Context& context) {
  const auto started = std::chrono::steady_clock::now();
  if (args.locked && args.frozen)
    throw Error(ErrorKind::usage, "--locked and --frozen exclude each other")
        .hint("--locked checks that the lock is fresh; --frozen installs it without checking");
  const profile::Profile profile =
      profile::load_profile(args.common.profile, profile::SearchPaths{profile_dirs(context)});
  const fs::path venv = venv_dir(args.common, profile);
  const std::map<std::string, std::string> environment = profile_environment(profile);
  const wheel::LinkMode link_mode = parse_link_mode(args.link_mode);

  python::Discovery discovery = python::discover_interpreter(python::DiscoveryRequest{
      args.common.python, profile.python.version.value.text, context.env("PATH").value_or(""),
      context.env("HOME").value_or(""), context.env("PYENV_ROOT").value_or(""),
      cache_dir(args.common, context)});
  if (!args.skip_doctor && !doctor_passes(args, profile, discovery, global, context))
    return exit_code(ErrorKind::check_failed);
  const python::InterpreterInfo interpreter = require_interpreter(discovery, profile);

  // An unwritable target fails now, not after locking and downloading.
  provision::prepare_target_parent(venv);
  ApplyProgress progress(global, context);
  const lock::Lockfile lockfile =
      choose_lock(args, profile, interpreter, progress, global, context);
  const fs::path lock_file = lock_path(args.common, profile);
  const lock::InstallPlan plan = plan_for(lockfile, interpreter, lock_file);

  provision::ApplyOptions options;
  options.venv = venv;
  options.cache_dir = cache_dir(args.common, context);
  options.fetch.http = client_options(context);
  options.fetch.http.offline = args.common.offline;
  options.fetch.observer = &progress;
  options.fetch.lock_file = lock_file;
  options.profile = profile.name.value;
  options.environment = environment;
  options.requested = requested_names(profile);
  options.link_mode = link_mode;
  options.compile = args.compile;
  options.reinstall = args.reinstall;
  options.replace_foreign = args.replace_foreign;
  options.durable = args.sync;
  options.observer = &progress;
  const provision::ApplyResult result = provision::apply_plan(plan, interpreter, options);
  progress.finish_line();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  report(result, venv, seconds, global, context);
  if (args.skip_smoke)
    return 0;
  // An unchanged venv was checked already, unless that check failed: then a retry checks again
  // rather than reporting success.
  const std::optional<std::string> last = provision::last_smoke_result(venv);
  if (result.outcome == provision::ApplyOutcome::unchanged &&
      !(last && last->starts_with("failed")))
    return 0;
  return smoke_check(profile, venv, interpreter, environment, global, context);
}

}  // namespace

CommandSpec apply_command() {
  return CommandSpec{
      "apply", "check the machine, lock if needed, install the locked set atomically",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        auto args = std::make_shared<ApplyArgs>();
        add_profile_args(command, args->common);
        command.add_flag("--locked", args->locked,
                         "fail (exit 4) when the lock file is missing or stale; never lock");
        command.add_flag("--frozen", args->frozen,
                         "install the lock file as it is, without checking it against the "
                         "profile");
        command.add_flag("--skip-doctor", args->skip_doctor,
                         "do not check the machine (for building images on another machine)");
        command.add_flag("--skip-smoke", args->skip_smoke, "do not run the smoke check");
        command.add_flag("--compile", args->compile,
                         "byte-compile site-packages before switching the venv in");
        command.add_flag("--reinstall", args->reinstall,
                         "rebuild the venv even when it is up to date");
        command.add_flag("--replace-foreign", args->replace_foreign,
                         "replace a virtualenv at the venv path that gator-provision did not "
                         "create");
        command.add_flag("--sync", args->sync,
                         "flush the new venv to disk before switching it in (power-loss safe, "
                         "slower)");
        command
            .add_option("--link-mode", args->link_mode,
                        "how files get from the cache into the venv: auto, reflink, "
                        "hardlink, copy")
            ->capture_default_str();
        command.add_option("--user", args->user,
                           "whose GPU access doctor checks (default: $SUDO_USER or the current "
                           "user)");
        return Action([args, &global, &context] { return run_apply(*args, global, context); });
      }};
}

}  // namespace gator::cli

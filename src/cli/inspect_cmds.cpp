#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/lock_support.hpp"
#include "cli/profile_args.hpp"
#include "cli/settings.hpp"
#include "lock/select.hpp"
#include "profile/load.hpp"
#include "provision/installed.hpp"
#include "provision/smoke.hpp"
#include "provision/status.hpp"
#include "provision/verify.hpp"
#include "python/discovery.hpp"
#include "util/error.hpp"
#include "venv/inspect.hpp"
#include "venv/scheme.hpp"

// The commands that look at an applied venv: `status`, `verify` and `run`.
namespace gator::cli {
namespace {
namespace fs = std::filesystem;

// An applied venv and the interpreter it was built from.
struct AppliedVenv {
  fs::path path;
  python::InterpreterInfo base;
  venv::Scheme scheme;
};

[[nodiscard]] AppliedVenv open_venv(const ProfileArgs& args, const profile::Profile& profile,
                                    const Context& context) {
  const fs::path path = venv_dir(args, profile);
  if (venv::classify_directory(path) == venv::DirectoryKind::missing) {
    throw Error(ErrorKind::check_failed, "there is no venv at " + path.string())
        .hint("create it with `gator-provision apply " + args.profile + "`");
  }
  const venv::VenvInfo info = venv::read_venv(path);
  fs::path base = info.executable;
  if (base.empty())
    base = info.home / ("python" + info.version.substr(0, info.version.rfind('.')));
  python::InterpreterInfo interpreter = python::query_interpreter(base, cache_dir(args, context));
  venv::Scheme scheme = venv::scheme(path, interpreter);
  return AppliedVenv{path, std::move(interpreter), std::move(scheme)};
}

// What the lock says should be installed for the venv's interpreter; an empty plan (with a
// note) when there is no usable lock, so that status still shows what is installed.
[[nodiscard]] lock::InstallPlan plan_of(const ProfileArgs& args, const profile::Profile& profile,
                                        const AppliedVenv& venv, const Context& context,
                                        std::string& note) {
  const fs::path path = lock_path(args, profile);
  const std::optional<ExistingLock> existing = read_existing_lock(path, context);
  if (!existing) {
    note = "there is no lock file " + path.string();
    return {};
  }
  auto plan = select_for_interpreter(existing->read.lockfile, venv.base);
  if (!plan) {
    note = "the lock file does not fit the venv's interpreter: " + std::string(plan.error().what());
    return {};
  }
  return std::move(*plan);
}

[[nodiscard]] provision::Symbols symbols(const Context& context) {
  return fancy_output(context) ? provision::Symbols::unicode : provision::Symbols::ascii;
}

int run_status(const ProfileArgs& args, const GlobalOptions& global, const Context& context) {
  const profile::Profile profile =
      profile::load_profile(args.profile, profile::SearchPaths{profile_dirs(context)});
  const AppliedVenv venv = open_venv(args, profile, context);
  std::string note;
  const lock::InstallPlan plan = plan_of(args, profile, venv, context, note);
  const provision::InstalledScan installed = provision::scan_installed(venv.scheme);
  const std::vector<provision::PackageStatus> rows = provision::package_status(
      profile.requirements.packages.value, plan, installed, &venv.base.markers);
  const std::optional<std::string> smoke = provision::last_smoke_result(venv.path);
  bool failed = !note.empty() || (smoke && smoke->starts_with("failed"));
  for (const provision::PackageStatus& row : rows)
    failed = failed || row.state == provision::Mark::fail;
  if (global.json) {
    *context.out << provision::render_status_json(profile.name.value, rows);
  } else {
    *context.out << "status: profile " << profile.name.value << ", venv " << venv.path.string()
                 << " (python " << venv.base.executable.string() << ")\n";
    if (!note.empty())
      *context.out << "lock: " << note << "\n";
    *context.out << provision::render_status_text(rows, symbols(context));
    *context.out << "smoke check: " << smoke.value_or("not run yet") << "\n";
  }
  return failed ? exit_code(ErrorKind::check_failed) : 0;
}

int run_verify(const ProfileArgs& args, const GlobalOptions& global, const Context& context) {
  const profile::Profile profile =
      profile::load_profile(args.profile, profile::SearchPaths{profile_dirs(context)});
  const AppliedVenv venv = open_venv(args, profile, context);
  std::string note;
  const lock::InstallPlan plan = plan_of(args, profile, venv, context, note);
  if (!note.empty())
    throw Error(ErrorKind::check_failed, "cannot verify " + venv.path.string() + ": " + note);
  const provision::VerifyReport report =
      provision::verify_venv(venv.scheme, provision::scan_installed(venv.scheme), plan);
  if (global.json)
    *context.out << provision::render_verify_json(report);
  else if (!global.quiet || !report.clean())
    *context.out << provision::render_verify_text(report, symbols(context));
  return report.clean() ? 0 : exit_code(ErrorKind::check_failed);
}

struct RunArgs {
  ProfileArgs common;
  std::vector<std::string> command;
};

int run_run(const RunArgs& args, const Context& context) {
  const profile::Profile profile =
      profile::load_profile(args.common.profile, profile::SearchPaths{profile_dirs(context)});
  const fs::path venv = venv_dir(args.common, profile);
  if (venv::classify_directory(venv) != venv::DirectoryKind::gator_venv) {
    throw Error(ErrorKind::check_failed, "there is no gator-provision venv at " + venv.string())
        .hint("create it with `gator-provision apply " + args.common.profile + "`");
  }
  if (args.command.empty())
    throw Error(ErrorKind::usage, "run needs a command: gator-provision run PROFILE -- CMD ...");
  const std::map<std::string, std::string> environment =
      provision::venv_environment(venv, context.environment, profile_environment(profile));
  const auto path = environment.find("PATH");
  const std::optional<fs::path> program = provision::resolve_program(
      venv, args.command.front(), path == environment.end() ? "" : path->second);
  if (!program) {
    throw Error(ErrorKind::usage, "command not found: " + args.command.front())
        .hint("looked in " + (venv / "bin").string() + " and on PATH");
  }
  std::vector<std::string> env_strings;
  for (const auto& [name, value] : environment)
    env_strings.push_back(name + "=" + value);
  std::vector<char*> argv;
  for (const std::string& word : args.command)
    argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& entry : env_strings)
    envp.push_back(entry.data());
  envp.push_back(nullptr);
  context.out->flush();
  context.err->flush();
  ::execve(program->c_str(), argv.data(), envp.data());
  throw Error(ErrorKind::io, "cannot run " + program->string() + ": " + std::strerror(errno));
}

}  // namespace

CommandSpec status_command() {
  return CommandSpec{
      "status", "installed vs locked vs required, per package",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        auto args = std::make_shared<ProfileArgs>();
        add_profile_args(command, *args);
        return Action([args, &global, &context] { return run_status(*args, global, context); });
      }};
}

CommandSpec verify_command() {
  return CommandSpec{
      "verify", "check every installed file against RECORD and the lock",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        auto args = std::make_shared<ProfileArgs>();
        add_profile_args(command, *args);
        return Action([args, &global, &context] { return run_verify(*args, global, context); });
      }};
}

CommandSpec run_command() {
  return CommandSpec{"run", "run a command inside the venv with the profile's environment",
                     [](CLI::App& command, const GlobalOptions&, const Context& context) {
                       auto args = std::make_shared<RunArgs>();
                       add_profile_args(command, args->common);
                       command.add_option("CMD", args->command,
                                          "the command and its arguments, after --");
                       return Action([args, &context] { return run_run(*args, context); });
                     }};
}

}  // namespace gator::cli

#include "cli/commands.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/profile_args.hpp"
#include "util/error.hpp"

namespace gator::cli {

void add_profile_args(CLI::App& command, ProfileArgs& args) {
  command
      .add_option("PROFILE", args.profile, "profile name (looked up in profiles/) or .toml path")
      ->required();
  command.add_option("--venv", args.venv,
                     "virtualenv directory (default: the profile's venv.path)");
  command.add_option("--python", args.python,
                     "interpreter: a path, a command, or a version (3.11)");
  command.add_option("--lockfile", args.lockfile,
                     "lockfile (default: lockfiles/pylock.PROFILE.toml)");
  command.add_option("--index", args.index_overrides,
                     "override an index URL: NAME=URL (repeatable)");
  command.add_option("--cache-dir", args.cache_dir, "cache directory");
  command.add_option("--sysroot", args.sysroot,
                     "read /sys, /proc and /opt/rocm under this directory");
  command.add_flag("--offline", args.offline, "use only the local cache, no network");
}

namespace {

[[noreturn]] void not_built(const std::string& command) {
  throw Error(ErrorKind::not_implemented,
              "`" + command + "` is not available in this build of gator-provision yet")
      .hint(
          "see `gator-provision --help` for the exit codes; the command is planned "
          "(../shared/DESIGN.md)");
}

// `declare` adds the arguments and returns their storage, which CLI11 writes through pointers
// and the action keeps alive.
using DeclareArgs = std::function<std::shared_ptr<void>(CLI::App&)>;

// A command whose implementation has not landed: its interface is declared, running it fails
// with ErrorKind::not_implemented.
CommandSpec planned(const char* name, const char* summary, DeclareArgs declare) {
  return CommandSpec{name, summary,
                     [name, declare](CLI::App& command, const GlobalOptions&, const Context&) {
                       std::shared_ptr<void> storage = declare(command);
                       return Action([name, storage]() -> int { not_built(name); });
                     }};
}

DeclareArgs profile_args() {
  return [](CLI::App& command) {
    auto args = std::make_shared<ProfileArgs>();
    add_profile_args(command, *args);
    return args;
  };
}

const std::vector<CommandSpec>& registry() {
  static const std::vector<CommandSpec> table = {
      apply_command(),
      lock_command(),
      doctor_command(),
      profile_command(),
      status_command(),
      verify_command(),
      diff_command(),
      planned("cloud-init",
              "print cloud-config user-data that provisions a server with the profile",
              profile_args()),
      planned("mirror", "copy the locked wheels into a static PEP 503 index directory",
              [](CLI::App& command) {
                auto args = std::make_shared<std::pair<std::string, std::string>>();
                command.add_option("PROFILE", args->first, "profile")->required();
                command.add_option("DIR", args->second, "output directory")->required();
                return args;
              }),
      run_command(),
      cache_command(),
  };
  return table;
}

}  // namespace

std::span<const CommandSpec> commands() {
  return registry();
}

}  // namespace gator::cli

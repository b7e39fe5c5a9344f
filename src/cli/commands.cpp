#include "cli/commands.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace gator::cli {
namespace {

// Arguments shared by the commands that act on one profile; kept here until the commands
// that consume them exist, so that --help already shows the final interface.
struct ProfileArgs {
  std::string profile;
  std::string venv;
  std::string python;
  std::string lockfile;
  std::vector<std::string> index_overrides;
  std::string cache_dir;
  std::string sysroot;
  bool offline = false;
};

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

[[noreturn]] void not_built(const std::string& command) {
  throw Error(ErrorKind::not_implemented,
              "`" + command + "` is not available in this build of gator-provision yet")
      .hint(
          "see `gator-provision --help` for the exit codes; the command is planned "
          "(../shared/DESIGN.md)");
}

// A command whose implementation has not landed: its interface is declared, running it fails
// with ErrorKind::not_implemented.
// `declare` adds the arguments and returns their storage, which CLI11 writes through pointers
// and the action keeps alive.
using DeclareArgs = std::function<std::shared_ptr<void>(CLI::App&)>;

CommandSpec planned(const char* name, const char* summary, DeclareArgs declare) {
  return CommandSpec{name, summary, [name, declare](CLI::App& command, const GlobalOptions&) {
                       std::shared_ptr<void> storage = declare(command);
                       return std::function<void()>([name, storage] { not_built(name); });
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
      planned("apply", "check the machine, lock if needed, install the locked set atomically",
              profile_args()),
      planned("lock", "resolve the profile and write lockfiles/pylock.PROFILE.toml",
              profile_args()),
      planned("doctor", "check this machine against the profile (GPU, ROCm, groups, Python)",
              profile_args()),
      planned("status", "installed vs locked vs required, per package", profile_args()),
      planned("verify", "check every installed file against RECORD and the lock", profile_args()),
      planned("diff", "what changed between two lockfiles",
              [](CLI::App& command) {
                auto files = std::make_shared<std::vector<std::string>>();
                command.add_option("OLD NEW", *files, "two lockfiles")->expected(2)->required();
                return files;
              }),
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
      planned(
          "run", "run a command inside the venv with the profile's environment",
          [](CLI::App& command) {
            auto args = std::make_shared<std::vector<std::string>>();
            command.add_option("PROFILE -- CMD", *args, "profile, then the command")->required();
            return args;
          }),
  };
  return table;
}

}  // namespace

std::span<const CommandSpec> commands() {
  return registry();
}

}  // namespace gator::cli

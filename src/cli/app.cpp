#include "cli/app.hpp"

#include <exception>
#include <functional>
#include <ostream>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace gator::cli {
namespace {

constexpr const char* k_program = "gator-provision";

constexpr const char* k_exit_codes =
    "Exit codes:\n"
    "  0    success\n"
    "  2    usage error (unknown command or option)\n"
    "  3    invalid input (profile, lockfile, requirement)\n"
    "  4    a check failed (doctor, stale lock with --locked/--check, verify found drift)\n"
    "  5    the requirements cannot be resolved\n"
    "  6    network failure (index or download unreachable)\n"
    "  7    integrity failure (hash or size differs from the lock)\n"
    "  8    local I/O failure (disk, permissions)\n"
    "  9    the command is not available in this build yet\n"
    "  70   internal error (a bug: please report it)\n"
    "  130  interrupted\n";

}  // namespace

int run(const std::vector<std::string>& args, const Context& context) {
  std::ostream& out = *context.out;
  std::ostream& err = *context.err;
  CLI::App app(
      "gator-provision: provision reproducible, locked Python environments for GPU "
      "servers from a hardware profile.",
      k_program);
  app.set_version_flag("--version", std::string(k_program) + " " + GATOR_VERSION);
  app.footer(k_exit_codes);
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions global;
  app.add_flag("-v,--verbose", global.verbose, "print more detail");
  app.add_flag("-q,--quiet", global.quiet, "print only errors");
  app.add_flag("--json", global.json, "machine-readable output on stdout");

  std::vector<Action> actions;
  std::vector<CLI::App*> subcommands;
  for (const CommandSpec& spec : commands()) {
    CLI::App* command = app.add_subcommand(spec.name, spec.summary);
    subcommands.push_back(command);
    actions.push_back(spec.define(*command, global, context));
  }

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend() - (args.empty() ? 0 : 1));
    app.parse(reversed);
    if (global.verbose && global.quiet) {
      throw Error(ErrorKind::usage, "--verbose and --quiet cannot be used together");
    }
    for (std::size_t i = 0; i < subcommands.size(); ++i) {
      if (subcommands[i]->parsed())
        return actions[i]();
    }
    return 0;
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here too, with exit code 0.
    if (e.get_exit_code() == 0) {
      const CLI::App* target = &app;
      for (CLI::App* command : subcommands) {
        if (command->parsed())
          target = command;
      }
      out << (dynamic_cast<const CLI::CallForVersion*>(&e) ? e.what() + std::string("\n")
                                                           : target->help());
      return 0;
    }
    err << k_program << ": error: " << e.what() << "\n"
        << "hint: run `" << k_program << " --help` for the commands and options\n";
    return exit_code(ErrorKind::usage);
  } catch (const Error& e) {
    err << e.render(k_program);
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    err << k_program << ": internal error: " << e.what() << "\n";
    return exit_code(ErrorKind::internal);
  }
}

}  // namespace gator::cli

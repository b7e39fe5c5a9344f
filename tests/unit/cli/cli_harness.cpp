#include "cli_harness.hpp"

#include <sstream>

#include "cli/app.hpp"

namespace gator::cli {

CliResult run_cli(std::vector<std::string> args, std::map<std::string, std::string> environment) {
  args.insert(args.begin(), "gator-provision");
  std::ostringstream out, err;
  Context context;
  context.environment = std::move(environment);
  if (!context.environment.contains("GATOR_PROFILE_PATH")) {
    context.environment["GATOR_PROFILE_PATH"] = GATOR_PROFILES_DIR;
  }
  context.uid = 1000;
  context.user = "tester";
  context.out = &out;
  context.err = &err;
  const int code = run(args, context);
  return {code, out.str(), err.str()};
}

}  // namespace gator::cli

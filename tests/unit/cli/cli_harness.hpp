#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace gator::cli {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs the CLI in-process with a controlled environment (no terminal, uid 1000, user "tester",
// profiles from the repository).
[[nodiscard]] CliResult run_cli(std::vector<std::string> args,
                                std::map<std::string, std::string> environment = {});

}  // namespace gator::cli

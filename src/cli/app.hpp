#pragma once

#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace gator::cli {

// Runs the command line `args` (args[0] is the program name) and returns the process exit code.
// Output goes to context.out (results) and context.err (status and errors).
// This is the one place that catches gator::Error and maps its kind to an exit code.
[[nodiscard]] int run(const std::vector<std::string>& args, const Context& context);

}  // namespace gator::cli

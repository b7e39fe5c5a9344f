#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace gator::cli {

// Runs the command line `args` (args[0] is the program name) and returns the process exit code.
// This is the one place that catches gator::Error and maps its kind to an exit code.
[[nodiscard]] int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace gator::cli

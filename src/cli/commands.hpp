#pragma once

#include <functional>
#include <span>
#include <string>

#include <CLI/CLI.hpp>

namespace gator::cli {

// Options every command understands (../shared/DESIGN.md, "Common options").
struct GlobalOptions {
  bool verbose = false;
  bool quiet = false;
  bool json = false;
};

struct CommandSpec {
  const char* name;
  const char* summary;
  // Adds the command's own arguments and options; returns the action to run once parsed.
  std::function<std::function<void()>(CLI::App& command, const GlobalOptions& global)> define;
};

[[nodiscard]] std::span<const CommandSpec> commands();

}  // namespace gator::cli

#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace gator::cli {

// Arguments shared by the commands that act on one profile.
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

void add_profile_args(CLI::App& command, ProfileArgs& args);

}  // namespace gator::cli

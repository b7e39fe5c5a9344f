#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/profile_args.hpp"

// Settings a command derives from its command line, the environment and defaults, in one pure
// place per setting (command line > environment > default).
namespace gator::cli {

// --cache-dir, else $XDG_CACHE_HOME/gator-provision (not for root), else
// ~/.cache/gator-provision, and /var/cache/gator-provision for root.
[[nodiscard]] std::filesystem::path cache_dir(const ProfileArgs& args, const Context& context);

// $GATOR_PROFILE_PATH (colon-separated) first, then ./profiles, then the share directory next
// to the installed executable (<prefix>/share/gator-provision/profiles).
[[nodiscard]] std::vector<std::filesystem::path> profile_dirs(const Context& context);

// The user whose device access doctor judges: --user, else $SUDO_USER (an operator running
// sudo provisions for themselves), else the current user.
[[nodiscard]] std::string service_user(const std::string& option, const Context& context);

// Unicode symbols and colour only on a terminal and without $NO_COLOR.
[[nodiscard]] bool fancy_output(const Context& context);

}  // namespace gator::cli

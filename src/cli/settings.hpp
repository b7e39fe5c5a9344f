#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/profile_args.hpp"
#include "profile/profile.hpp"

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

// The venv: --venv (made absolute), else the profile's [venv] path; Error(usage) for neither.
[[nodiscard]] std::filesystem::path venv_dir(const ProfileArgs& args,
                                             const profile::Profile& profile);

// The profile's [environment] as the venv exports it; Error(invalid_input) when an activate
// script cannot export it (see venv::check_environment).
[[nodiscard]] std::map<std::string, std::string> profile_environment(
    const profile::Profile& profile);

// Unicode symbols and colour only on a terminal and without $NO_COLOR.
[[nodiscard]] bool fancy_output(const Context& context);

}  // namespace gator::cli

#include "cli/settings.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"
#include "venv/activate.hpp"

namespace gator::cli {
namespace fs = std::filesystem;

std::optional<std::string> Context::env(const std::string& name) const {
  auto it = environment.find(name);
  if (it == environment.end() || it->second.empty())
    return std::nullopt;
  return it->second;
}

fs::path cache_dir(const ProfileArgs& args, const Context& context) {
  if (!args.cache_dir.empty())
    return args.cache_dir;
  if (context.uid == 0)
    return "/var/cache/gator-provision";
  if (auto xdg = context.env("XDG_CACHE_HOME"))
    return fs::path(*xdg) / "gator-provision";
  if (auto home = context.env("HOME"))
    return fs::path(*home) / ".cache" / "gator-provision";
  return fs::temp_directory_path() / ("gator-provision-" + std::to_string(context.uid));
}

std::vector<fs::path> profile_dirs(const Context& context) {
  std::vector<fs::path> dirs;
  if (auto path = context.env("GATOR_PROFILE_PATH")) {
    for (std::string_view dir : util::split(*path, ':')) {
      if (!dir.empty())
        dirs.emplace_back(dir);
    }
  }
  dirs.emplace_back("profiles");
  if (!context.executable.empty()) {
    dirs.push_back(fs::path(context.executable).parent_path().parent_path() / "share" /
                   "gator-provision" / "profiles");
  }
  return dirs;
}

std::string service_user(const std::string& option, const Context& context) {
  if (!option.empty())
    return option;
  if (auto sudo_user = context.env("SUDO_USER"))
    return *sudo_user;
  return context.user;
}

fs::path venv_dir(const ProfileArgs& args, const profile::Profile& profile) {
  // "/opt/venv/" names the same directory as "/opt/venv"; the trailing '/' would make the
  // name empty (and the staging directory beside it nameless).
  const auto without_trailing_slash = [](fs::path path) {
    path = path.lexically_normal();
    return path.has_filename() || !path.has_relative_path() ? path : path.parent_path();
  };
  if (!args.venv.empty())
    return without_trailing_slash(fs::absolute(args.venv));
  if (profile.venv_path)
    return without_trailing_slash(profile.venv_path->value);
  throw Error(ErrorKind::usage, "profile " + profile.name.value + " sets no venv path")
      .hint("pass --venv DIR, or set [venv] path in " + profile.files.front());
}

std::map<std::string, std::string> profile_environment(const profile::Profile& profile) {
  std::map<std::string, std::string> environment;
  for (const auto& [name, value] : profile.environment)
    environment[name] = value.value;
  if (auto checked = venv::check_environment(environment); !checked) {
    throw Error(
        ErrorKind::invalid_input,
        "the profile's [environment] cannot be exported by activate scripts: " + checked.error())
        .hint("fix [environment] in " + profile.files.front());
  }
  return environment;
}

bool fancy_output(const Context& context) {
  return context.stdout_is_tty && !context.env("NO_COLOR").has_value();
}

}  // namespace gator::cli

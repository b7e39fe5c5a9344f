#include "venv/inspect.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace gator::venv {
namespace fs = std::filesystem;

std::expected<VenvInfo, std::string> venv_info(const fs::path& path, const PyvenvCfg& config) {
  VenvInfo info;
  info.path = path;
  info.config = config;
  const std::string* home = config.find("home");
  if (home == nullptr || home->empty())
    return std::unexpected("pyvenv.cfg has no `home` (the base interpreter's directory)");
  info.home = *home;
  if (const std::string* version = config.find("version"))
    info.version = *version;
  else if (const std::string* version_info = config.find("version_info"))
    info.version = *version_info;  // virtualenv and uv: "3.11.2.final.0"
  if (const std::string* executable = config.find("executable"))
    info.executable = *executable;
  // site.py: only "true", in any case, includes the system site-packages.
  if (const std::string* system = config.find("include-system-site-packages"))
    info.include_system_site_packages = util::ascii_lower(*system) == "true";
  if (const std::string* command = config.find("command"))
    info.command = *command;
  if (const std::string* tool = config.find(k_tool_key))
    info.tool_version = *tool;
  if (const std::string* profile = config.find(k_profile_key))
    info.profile = *profile;
  return info;
}

namespace {

// read_venv without the throw, so that classify_directory can answer "foreign" quietly.
std::expected<VenvInfo, Error> load(const fs::path& directory) {
  const fs::path file = directory / "pyvenv.cfg";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const std::error_code cause(errno, std::generic_category());
    Error error = Error(ErrorKind::io, "cannot read " + file.string()).caused_by(cause.message());
    if (cause == std::errc::no_such_file_or_directory)
      error.hint(directory.string() + " is not a virtual environment");
    return std::unexpected(std::move(error));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return std::unexpected(Error(ErrorKind::io, "cannot read " + file.string()));
  const auto parsed = parse_pyvenv_cfg(text.str());
  if (!parsed)
    return std::unexpected(Error(ErrorKind::invalid_input, "malformed " + file.string())
                               .caused_by(parsed.error().message));
  auto info = venv_info(directory, *parsed);
  if (!info)
    return std::unexpected(
        Error(ErrorKind::invalid_input, "malformed " + file.string()).caused_by(info.error()));
  return std::move(*info);
}

}  // namespace

VenvInfo read_venv(const fs::path& directory) {
  auto info = load(directory);
  if (!info)
    throw info.error();
  return std::move(*info);
}

DirectoryKind classify_directory(const fs::path& directory) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(directory, error);
  if (!fs::exists(status))
    return error && error != std::errc::no_such_file_or_directory ? DirectoryKind::not_a_venv
                                                                  : DirectoryKind::missing;
  if (!fs::is_directory(status))
    return DirectoryKind::not_a_venv;
  if (fs::is_empty(directory, error) && !error)
    return DirectoryKind::empty;
  if (!fs::is_regular_file(directory / "pyvenv.cfg", error))
    return DirectoryKind::not_a_venv;
  const auto info = load(directory);
  return info && info->created_by_gator() ? DirectoryKind::gator_venv : DirectoryKind::foreign_venv;
}

bool is_gator_venv(const fs::path& directory) {
  return classify_directory(directory) == DirectoryKind::gator_venv;
}

}  // namespace gator::venv

#include "venv/create.hpp"

#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include "util/error.hpp"
#include "venv/activate.hpp"
#include "venv/inspect.hpp"
#include "venv/scheme.hpp"

#ifndef GATOR_VERSION
#error "GATOR_VERSION must be defined by the build"
#endif

namespace gator::venv {
namespace fs = std::filesystem;
namespace {

bool has_control_char(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f)
      return true;
  }
  return false;
}

std::string quoted(const fs::path& path) {
  return "\"" + path.string() + "\"";
}

fs::path normal_form(const fs::path& path) {
  std::string text = path.lexically_normal().string();
  while (text.size() > 1 && text.ends_with('/'))
    text.pop_back();
  return text;
}

[[noreturn]] void fail_io(const std::string& what, const std::error_code& error) {
  throw Error(ErrorKind::io, what).caused_by(error.message());
}

void check_options(const VenvOptions& options) {
  const fs::path& prefix = options.final_prefix;
  const std::string text = prefix.string();
  if (!prefix.is_absolute() || prefix == prefix.root_path())
    throw Error(ErrorKind::invalid_input,
                "the venv location " + quoted(prefix) + " is not an absolute directory path")
        .hint("give the full path, such as /opt/gator/venv");
  if (prefix.lexically_normal().string() != text || text.ends_with('/'))
    throw Error(ErrorKind::invalid_input,
                "the venv location " + quoted(prefix) + " is not in normal form")
        .hint("write it without \".\", \"..\", doubled or trailing slashes, such as " +
              quoted(normal_form(prefix)));
  if (text.find(':') != std::string::npos || has_control_char(text))
    throw Error(ErrorKind::invalid_input,
                "the venv location " + quoted(prefix) +
                    " contains ':' or a control character, which cannot go on PATH");
  if (has_control_char(options.profile) || has_control_char(options.command))
    throw Error(ErrorKind::invalid_input,
                "the profile name and the command recorded in pyvenv.cfg must not contain "
                "control characters");
  if (const auto checked = check_environment(options.environment); !checked)
    throw Error(ErrorKind::invalid_input, "cannot write the venv's activate scripts")
        .caused_by(checked.error());
}

std::string full_version(const python::InterpreterInfo& base) {
  return std::to_string(base.version.major) + "." + std::to_string(base.version.minor) + "." +
         std::to_string(base.version.micro);
}

void make_directories(const fs::path& path) {
  std::error_code error;
  fs::create_directories(path, error);
  if (error)
    fail_io("cannot create directory " + quoted(path), error);
}

void make_symlink(const fs::path& target, const fs::path& link) {
  std::error_code error;
  fs::create_symlink(target, link, error);
  if (error)
    fail_io("cannot create symbolic link " + quoted(link) + " -> " + quoted(target), error);
}

// A new file (O_EXCL: the directory is ours and fresh), written in full.
void write_new_file(const fs::path& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    fail_io("cannot create " + quoted(path), std::error_code(errno, std::generic_category()));
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0) {
      const std::error_code error(written < 0 ? errno : ENOSPC, std::generic_category());
      ::close(fd);
      fail_io("cannot write " + quoted(path), error);
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::close(fd) != 0)
    fail_io("cannot write " + quoted(path), std::error_code(errno, std::generic_category()));
}

void prepare_directory(const fs::path& directory) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(directory, error);
  if (error && error != std::errc::no_such_file_or_directory)
    fail_io("cannot inspect " + quoted(directory), error);
  if (!fs::exists(status)) {
    make_directories(directory);
    return;
  }
  if (!fs::is_directory(status))
    throw Error(ErrorKind::io, "cannot create a venv at " + quoted(directory) +
                                   ": it exists and is not a directory");
  const bool empty = fs::is_empty(directory, error);
  if (error)
    fail_io("cannot read directory " + quoted(directory), error);
  if (!empty)
    throw Error(ErrorKind::io,
                "cannot create a venv at " + quoted(directory) + ": the directory is not empty");
}

}  // namespace

const std::string& tool_version() {
  static const std::string version = GATOR_VERSION;
  return version;
}

std::string effective_prompt(const VenvOptions& options) {
  if (!options.prompt.empty())
    return sanitize_prompt(options.prompt);
  if (!options.profile.empty())
    return sanitize_prompt(options.profile);
  return sanitize_prompt(options.final_prefix.filename().string());
}

PyvenvCfg make_pyvenv_cfg(const python::InterpreterInfo& base, const fs::path& real_executable,
                          const VenvOptions& options) {
  std::string command = options.command;
  if (command.empty()) {
    command = "gator-provision " + tool_version() + " native venv";
    if (!options.profile.empty())
      command += " for profile " + options.profile;
    command += " at " + options.final_prefix.string();
  }
  PyvenvCfg config;
  config.entries = {
      {"home", real_executable.parent_path().string()},
      {"include-system-site-packages", "false"},
      {"version", full_version(base)},
      {"executable", real_executable.string()},
      {"command", command},
      {std::string(k_tool_key), tool_version()},
  };
  if (!options.profile.empty())
    config.entries.push_back({std::string(k_profile_key), options.profile});
  return config;
}

void create_venv(const fs::path& directory, const python::InterpreterInfo& base,
                 const VenvOptions& options) {
  check_options(options);
  if (base.executable.empty())
    throw Error(ErrorKind::invalid_input,
                "the base interpreter did not report its executable (sys.executable is empty)");
  if (base.is_virtualenv())
    throw Error(ErrorKind::invalid_input, "cannot create a venv from " + quoted(base.executable) +
                                              ": it is a virtualenv's interpreter (prefix " +
                                              quoted(base.prefix) + ")")
        .hint("use the base interpreter it was made from (" + quoted(base.base_prefix) + ")");
  std::error_code error;
  const fs::path real_executable = fs::canonical(base.executable, error);
  if (error)
    fail_io("cannot resolve the base interpreter " + quoted(base.executable), error);
  if (has_control_char(real_executable.string()))
    throw Error(ErrorKind::invalid_input, "the base interpreter's path " + quoted(real_executable) +
                                              " contains a control character");

  prepare_directory(directory);
  const Layout names = layout(base);
  const Scheme files = scheme(directory, base);
  make_directories(files.scripts);
  make_directories(directory / "include" / names.include_dir);
  make_directories(files.purelib);
  if (names.lib64_link)
    make_symlink("lib", directory / "lib64");
  make_directories(files.platlib);

  // python3.X points at the real interpreter; the shorter names are relative links to it, so
  // they survive the rename of the staging directory.
  const std::string versioned =
      "python" + std::to_string(base.version.major) + "." + std::to_string(base.version.minor);
  make_symlink(real_executable, files.scripts / versioned);
  make_symlink(versioned, files.scripts / ("python" + std::to_string(base.version.major)));
  make_symlink(versioned, files.scripts / "python");

  const ActivateSettings activate{options.final_prefix, effective_prompt(options),
                                  options.environment};
  write_new_file(files.scripts / "activate", render_activate_sh(activate));
  write_new_file(files.scripts / "activate.fish", render_activate_fish(activate));
  write_new_file(files.scripts / "activate.csh", render_activate_csh(activate));

  // Last: a staging directory without pyvenv.cfg is not yet a venv to anyone.
  write_new_file(directory / "pyvenv.cfg",
                 render_pyvenv_cfg(make_pyvenv_cfg(base, real_executable, options)));
}

}  // namespace gator::venv

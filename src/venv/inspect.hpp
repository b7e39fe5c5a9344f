#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "venv/pyvenv_cfg.hpp"

namespace gator::venv {

// The pyvenv.cfg keys that mark a venv made by gator-provision.
inline constexpr std::string_view k_tool_key = "gator-provision";
inline constexpr std::string_view k_profile_key = "gator-profile";

// What an existing venv's pyvenv.cfg says (for `status` and before replacing a directory).
struct VenvInfo {
  std::filesystem::path path;        // the venv directory
  std::filesystem::path home;        // the base interpreter's directory
  std::string version;               // "3.11.2" (`version`, or virtualenv's `version_info`)
  std::filesystem::path executable;  // the base's real executable; empty before Python 3.11
  bool include_system_site_packages = false;
  std::string command;                      // empty when absent
  std::optional<std::string> tool_version;  // `gator-provision`: only in venvs we created
  std::optional<std::string> profile;       // `gator-profile`
  PyvenvCfg config;                         // every entry, for anything else

  [[nodiscard]] bool created_by_gator() const { return tool_version.has_value(); }
};

// Interprets a parsed pyvenv.cfg; the error names what is missing. `path` is copied in.
[[nodiscard]] std::expected<VenvInfo, std::string> venv_info(const std::filesystem::path& path,
                                                             const PyvenvCfg& config);

// Reads <directory>/pyvenv.cfg. Throws gator::Error: io when it cannot be read (not a venv),
// invalid_input when it is malformed or has no `home`.
[[nodiscard]] VenvInfo read_venv(const std::filesystem::path& directory);

enum class DirectoryKind {
  missing,       // nothing there
  empty,         // an empty directory
  not_a_venv,    // a file, or a directory without pyvenv.cfg
  foreign_venv,  // a pyvenv.cfg without our marker (or one we cannot read)
  gator_venv,    // created by gator-provision
};

// Never throws: an unreadable directory counts as not_a_venv.
[[nodiscard]] DirectoryKind classify_directory(const std::filesystem::path& directory);
[[nodiscard]] bool is_gator_venv(const std::filesystem::path& directory);

}  // namespace gator::venv

#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "profile/load.hpp"

// Profiles written by a test into its own temporary directory, and the text of the errors they
// give (with the directory replaced by "<dir>", so that messages can be asserted whole).
namespace gator::profile::test {

class ProfileDir {
 public:
  ProfileDir();
  ~ProfileDir();
  ProfileDir(const ProfileDir&) = delete;
  ProfileDir& operator=(const ProfileDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] SearchPaths search_paths() const { return SearchPaths{{m_path}}; }

  // Writes <dir>/<file> (creating folders) and returns its path.
  std::filesystem::path write(std::string_view file, std::string_view text) const;

  // Loads a name or path (a relative path is taken inside the directory).
  [[nodiscard]] Profile load(std::string_view name_or_path) const;
  // The rendered gator::Error of loading it ("" when it loads), with the directory as "<dir>".
  [[nodiscard]] std::string error(std::string_view name_or_path) const;
  // Writes `text` to <dir>/<file> and returns error(file).
  [[nodiscard]] std::string error_of(std::string_view file, std::string_view text) const;

 private:
  std::filesystem::path m_path;
};

// The repository's profiles/ folder.
[[nodiscard]] std::filesystem::path shipped_profiles();

// A minimal valid profile with `extra` appended (tables only: it ends after [requirements]).
[[nodiscard]] std::string minimal_profile(std::string_view extra = {});

}  // namespace gator::profile::test

#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "profile/profile.hpp"

namespace gator::profile {

// Where profile names are looked up, in order (the repository's profiles/ and the installed
// share directory, as the caller decides).
struct SearchPaths {
  std::vector<std::filesystem::path> directories;
};

// Loads a profile by name ("mi25": the first <dir>/mi25.toml of `paths`) or by path (anything
// ending in ".toml", read as given), follows `extends`, merges, and checks everything.
// A mistake in a profile throws gator::Error(invalid_input) located at the offending key or
// value; a file that exists but cannot be read throws gator::Error(io).
[[nodiscard]] Profile load_profile(std::string_view name_or_path, const SearchPaths& paths);

// The same for a profile whose text is already in memory; `file` names it in messages and
// decides where a relative `extends` path is looked up.
[[nodiscard]] Profile parse_profile(std::string_view text, const std::string& file,
                                    const SearchPaths& paths);

// The names of the profiles in `paths` (the stems of their *.toml files), sorted, without
// duplicates; directories that do not exist are skipped.
[[nodiscard]] std::vector<std::string> available_profiles(const SearchPaths& paths);

}  // namespace gator::profile

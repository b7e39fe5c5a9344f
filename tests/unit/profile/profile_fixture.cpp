#include "profile_fixture.hpp"

#include <fstream>
#include <random>

#include "util/error.hpp"

namespace gator::profile::test {

namespace fs = std::filesystem;

ProfileDir::ProfileDir() {
  std::random_device random;
  m_path = fs::temp_directory_path() / ("gator-profile-test-" + std::to_string(random()));
  fs::create_directories(m_path);
}

ProfileDir::~ProfileDir() {
  std::error_code ignored;
  fs::remove_all(m_path, ignored);
}

fs::path ProfileDir::write(std::string_view file, std::string_view text) const {
  const fs::path target = m_path / file;
  fs::create_directories(target.parent_path());
  std::ofstream out(target, std::ios::binary);
  out << text;
  return target;
}

Profile ProfileDir::load(std::string_view name_or_path) const {
  const bool is_path = name_or_path.ends_with(".toml");
  const std::string argument = is_path && !fs::path(name_or_path).is_absolute()
                                   ? (m_path / name_or_path).string()
                                   : std::string(name_or_path);
  return load_profile(argument, search_paths());
}

std::string ProfileDir::error(std::string_view name_or_path) const {
  try {
    static_cast<void>(load(name_or_path));
  } catch (const Error& error) {
    std::string text = error.render("gator-provision");
    const std::string dir = m_path.string();
    for (std::size_t at = text.find(dir); at != std::string::npos; at = text.find(dir, at))
      text.replace(at, dir.size(), "<dir>");
    return text;
  }
  return "";
}

std::string ProfileDir::error_of(std::string_view file, std::string_view text) const {
  static_cast<void>(write(file, text));
  return error(file);
}

fs::path shipped_profiles() {
  return fs::path(GATOR_PROFILES_DIR);
}

std::string minimal_profile(std::string_view extra) {
  return std::string(
             "schema-version = 1\n"
             "\n"
             "[hardware]\n"
             "vendor = \"amd\"\n"
             "\n"
             "[python]\n"
             "version = \"3.11\"\n") +
         std::string(extra);
}

}  // namespace gator::profile::test

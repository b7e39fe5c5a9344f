// Any text must give a Profile or a gator::Error(invalid_input) whose location lies inside the
// text; nothing else may escape (no other exception, no crash, no hang).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "profile/load.hpp"
#include "profile/show.hpp"
#include "util/error.hpp"

namespace {

// A folder that does not exist, so that `extends` finds nothing on the machine.
constexpr const char* k_file = "/nonexistent-gator-fuzz/fuzz.toml";

std::size_t line_count(std::string_view text) {
  std::size_t lines = 1;
  for (const char c : text)
    lines += c == '\n' ? 1 : 0;
  return lines;
}

void check_origin(const gator::profile::Origin& origin, std::size_t lines) {
  if (!origin.is_default() && origin.file == k_file && (origin.line > lines || origin.column == 0))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t lines = line_count(text);
  try {
    const gator::profile::Profile profile =
        gator::profile::parse_profile(text, k_file, gator::profile::SearchPaths{});
    check_origin(profile.hardware.vendor.origin, lines);
    check_origin(profile.python.version.origin, lines);
    for (const auto& package : profile.requirements.packages.value)
      check_origin(package.origin, lines);
    for (const auto& [project, index] : profile.requirements.sources)
      if (profile.find_index(index.value) == nullptr)
        std::abort();  // a source naming an undeclared index must have been rejected
    if (gator::profile::render_profile_show(profile).empty())
      std::abort();
    if (!gator::profile::profile_digest(profile).starts_with("gator-profile-digest 1\n"))
      std::abort();
  } catch (const gator::Error& error) {
    if (error.kind() != gator::ErrorKind::invalid_input)
      std::abort();
    if (const auto& location = error.location()) {
      if (location->file == k_file &&
          (location->line == 0 || location->line > lines || location->column == 0))
        std::abort();
    }
    if (error.render("gator-provision").empty())
      std::abort();
  }
  return 0;
}

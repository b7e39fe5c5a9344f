// Any text must give a Lockfile or an Error(invalid_input) located inside the text; nothing else
// may escape. A lock that reads must write, and what is written must read back to the same text
// (write(read(write(x))) == write(x)) with no change in the diff.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>

#include "lock/diff.hpp"
#include "lock/read.hpp"
#include "lock/write.hpp"
#include "util/error.hpp"

namespace {

constexpr const char* k_file = "fuzz.pylock.toml";

std::size_t line_count(std::string_view text) {
  std::size_t lines = 1;
  for (const char c : text)
    lines += c == '\n' ? 1 : 0;
  return lines;
}

void check_location(const std::optional<gator::SourceLocation>& location, std::size_t lines) {
  if (location && location->file == k_file &&
      (location->line == 0 || location->line > lines || location->column == 0))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t lines = line_count(text);
  try {
    const auto read = gator::lock::parse_lockfile(text, k_file);
    if (!read) {
      if (read.error().kind() != gator::ErrorKind::invalid_input)
        std::abort();
      check_location(read.error().location(), lines);
      if (read.error().render("gator-provision").empty())
        std::abort();
      return 0;
    }
    for (const gator::lock::Warning& warning : read->warnings)
      check_location(warning.location, lines);
    const auto written = gator::lock::write_lockfile(read->lockfile);
    if (!written)
      std::abort();  // whatever the reader accepts, the writer must be able to write
    const auto again = gator::lock::parse_lockfile(*written, "written.toml");
    if (!again)
      std::abort();
    const auto rewritten = gator::lock::write_lockfile(again->lockfile);
    if (!rewritten || *rewritten != *written)
      std::abort();
    if (!gator::lock::diff(read->lockfile, again->lockfile).empty())
      std::abort();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (...) {
    std::abort();
  }
  return 0;
}

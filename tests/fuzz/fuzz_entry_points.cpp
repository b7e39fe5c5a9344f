// Any byte string as entry_points.txt: no crash, error spans inside the input, write(parse(x))
// parses to the same groups, and the scripts read from it are the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "metadata/entry_points.hpp"
#include "metadata/text_lines.hpp"

namespace {

void check_span(const gator::util::ParseError& error, std::string_view input) {
  if (error.offset + error.length > input.size())
    std::abort();
  (void)gator::metadata::source_location(error, "entry_points.txt");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = gator::metadata::parse_entry_points(input);
  const auto scripts = gator::metadata::parse_scripts(input);
  if (!scripts)
    check_span(scripts.error(), input);
  if (!parsed) {
    check_span(parsed.error(), input);
    if (scripts)
      std::abort();  // scripts are read from a parsed file
    return 0;
  }
  const std::string written = gator::metadata::write_entry_points(*parsed);
  const auto again = gator::metadata::parse_entry_points(written);
  if (!again || !(*again == *parsed))
    std::abort();
  const auto scripts_again = gator::metadata::parse_scripts(written);
  if (scripts.has_value() != scripts_again.has_value())
    std::abort();
  if (scripts && !(*scripts == *scripts_again))
    std::abort();
  for (const auto& group : parsed->groups) {
    for (const auto& entry : group.entries) {
      const auto reference = gator::metadata::parse_object_reference(entry.value);
      if (!reference && reference.error().offset + reference.error().length > entry.value.size())
        std::abort();
    }
  }
  return 0;
}

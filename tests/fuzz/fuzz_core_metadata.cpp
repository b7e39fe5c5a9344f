// Any byte string as METADATA (and as WHEEL, the same header format): no crash, error spans
// inside the input, and whatever parses writes back to text that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "metadata/core_metadata.hpp"
#include "metadata/raw_metadata.hpp"
#include "metadata/text_lines.hpp"
#include "metadata/wheel_file.hpp"

namespace {

void check_span(const gator::util::ParseError& error, std::string_view input) {
  if (error.offset + error.length > input.size())
    std::abort();
  const gator::SourceLocation where = gator::metadata::source_location(error, "METADATA");
  if (where.line == 0 || where.column == 0)
    std::abort();
}

void check_metadata(std::string_view input) {
  const auto raw = gator::metadata::parse_raw_metadata(input);
  const auto typed = gator::metadata::parse_metadata(input);
  if (!raw) {
    check_span(raw.error(), input);
    if (typed)
      std::abort();  // the typed parse only adds checks
    return;
  }
  const std::string written = gator::metadata::write_metadata(*raw);
  const auto again = gator::metadata::parse_raw_metadata(written);
  if (!again || !(*again == *raw))
    std::abort();
  if (gator::metadata::write_metadata(*again) != written)
    std::abort();
  const auto typed_again = gator::metadata::parse_metadata(written);
  if (typed.has_value() != typed_again.has_value())
    std::abort();
  if (!typed) {
    check_span(typed.error(), input);
    return;
  }
  if (!(typed->name == typed_again->name) || !(typed->version == typed_again->version) ||
      typed->requires_dist.size() != typed_again->requires_dist.size() ||
      typed->provides_extra != typed_again->provides_extra)
    std::abort();
}

void check_wheel(std::string_view input) {
  const auto wheel = gator::metadata::parse_wheel_file(input);
  if (!wheel) {
    check_span(wheel.error(), input);
    return;
  }
  const std::string written = gator::metadata::write_wheel_file(*wheel);
  const auto again = gator::metadata::parse_wheel_file(written);
  if (!again || !(*again == *wheel))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_metadata(input);
  check_wheel(input);
  return 0;
}

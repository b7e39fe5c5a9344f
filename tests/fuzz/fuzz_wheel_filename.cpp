// Any byte string must give a wheel filename or a ParseError whose span lies inside the input;
// a parsed filename must equal the parse of its normalized spelling, which is itself stable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dist/sdist_filename.hpp"
#include "dist/wheel_filename.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto wheel = gator::dist::WheelFilename::parse(input);
  if (!wheel) {
    if (wheel.error().offset + wheel.error().length > input.size())
      std::abort();
  } else {
    const std::string normalized = wheel->to_string();
    const auto again = gator::dist::WheelFilename::parse(normalized, {.validate_order = true});
    if (!again || !(*again == *wheel) || again->to_string() != normalized)
      std::abort();
    if (wheel->name().package_name() &&
        wheel->name().package_name()->str() != wheel->name().canonical())
      std::abort();
  }
  const auto sdist = gator::dist::SdistFilename::parse(input);
  if (!sdist) {
    if (sdist.error().offset + sdist.error().length > input.size())
      std::abort();
  } else {
    const auto again = gator::dist::SdistFilename::parse(sdist->to_string());
    if (!again || !(*again == *sdist) || again->to_string() != sdist->to_string())
      std::abort();
  }
  return 0;
}

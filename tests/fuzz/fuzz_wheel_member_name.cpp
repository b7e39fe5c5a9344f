// Any byte string as a wheel member name: an accepted name can only name a path below the
// target (relative, no "..", ".", empty components, backslashes or control characters); the
// helpers never crash and the quoted form never contains a raw control character.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/strings.hpp"
#include "wheel/member_name.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view name(reinterpret_cast<const char*>(data), size);
  const auto reason = gator::wheel::check_member_name(name);
  if (!reason) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos)
      std::abort();
    for (const std::string_view part : gator::util::split(name, '/')) {
      if (part.empty() || part == "." || part == "..")
        std::abort();
    }
    for (const char c : name) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        std::abort();
    }
  } else if (reason->empty()) {
    std::abort();
  }
  if (gator::wheel::collision_key(name).size() != name.size())
    std::abort();
  for (const char c : gator::wheel::quoted_name(name)) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      std::abort();
  }
  (void)gator::wheel::is_in_pycache(name);
  return 0;
}

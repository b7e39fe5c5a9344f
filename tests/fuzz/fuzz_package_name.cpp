// Any byte string must give a name or a ParseError whose span lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pep508/name.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto name = gator::pep508::PackageName::parse(input);
  if (name) {
    // Normalization is idempotent and yields a normalized name.
    if (!gator::pep508::is_normalized_name(name->str()))
      std::abort();
    if (gator::pep508::canonicalize_name(name->str()) != name->str())
      std::abort();
  } else if (name.error().offset + name.error().length > input.size()) {
    std::abort();
  }
  return 0;
}

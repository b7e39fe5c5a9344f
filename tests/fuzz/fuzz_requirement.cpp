// Any byte string must give a requirement or a ParseError whose span lies inside the input. A
// requirement prints to text that parses back to an equal requirement with the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pep508/requirement.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto requirement = gator::pep508::Requirement::parse(input);
  if (!requirement) {
    if (requirement.error().offset + requirement.error().length > input.size() ||
        requirement.error().message.empty())
      std::abort();
    return 0;
  }
  if (requirement->name().empty() ||
      gator::pep508::canonicalize_name(requirement->name()) != requirement->package_name().str())
    std::abort();
  const std::string text = requirement->to_string();
  const auto reparsed = gator::pep508::Requirement::parse(text);
  if (!reparsed || !(*reparsed == *requirement) || reparsed->to_string() != text)
    std::abort();
  for (const std::string& extra : requirement->extras()) {
    if (!requirement->has_extra(extra))
      std::abort();
  }
  return 0;
}

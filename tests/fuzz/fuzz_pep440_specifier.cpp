// Any byte string must give a SpecifierSet or a ParseError whose span lies inside the input; a
// set must round-trip through its canonical text, and one that admits a version must not call
// itself unsatisfiable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/specifier.hpp"

namespace {

using gator::pep440::SpecifierSet;
using gator::pep440::Version;

void check(bool condition) {
  if (!condition)
    std::abort();
}

// Versions near each clause's version: the likely edge cases of the set.
std::vector<Version> probes(const SpecifierSet& set) {
  std::vector<Version> out;
  for (const auto& spec : set) {
    if (!spec.version())
      continue;
    const std::string base = spec.version()->to_string();
    for (const char* suffix : {"", ".0", ".1", "+local", ".post0", ".post1", ".dev0", "a0", "a1"}) {
      if (auto version = Version::parse(base + suffix))
        out.push_back(*version);
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto set = SpecifierSet::parse(input);
  if (!set) {
    check(set.error().offset + set.error().length <= input.size());
    return 0;
  }
  const std::string text = set->to_string();
  const auto again = SpecifierSet::parse(text);
  check(again.has_value());
  check(*again == *set);
  check(again->to_string() == text);

  const bool unsatisfiable = set->is_unsatisfiable();
  const std::vector<Version> versions = probes(*set);
  for (const Version& version : versions) {
    const bool contained = set->contains(version, true);
    check(contained == again->contains(version, true));
    if (contained)
      check(!unsatisfiable);
  }
  // filter keeps a subsequence of its input.
  check(set->filter(versions).size() <= versions.size());
  if (auto subset = set->is_subset(*set))
    check(*subset);
  return 0;
}

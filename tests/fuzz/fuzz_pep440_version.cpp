// Any byte string must give a Version or a ParseError whose span lies inside the input; a
// version must round-trip through its normalized text and order consistently with another.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "pep440/specifier.hpp"
#include "pep440/version.hpp"

namespace {

using gator::pep440::Version;

void check(bool condition) {
  if (!condition)
    std::abort();
}

void check_version(const Version& version) {
  const std::string text = version.to_string();
  const auto again = Version::parse(text);
  check(again.has_value());
  check(*again == version);
  check(again->to_string() == text);
  check(again->hash() == version.hash());

  // The public and base versions are versions at or below this one.
  const auto public_version = Version::parse(version.public_version());
  check(public_version && *public_version <= version && !public_version->has_local());
  const auto base = Version::parse(version.base_version());
  check(base && base->release() == version.release() && base->epoch() == version.epoch());

  // Rebuilding from the accessors gives the same version when every number fits 64 bits.
  constexpr std::uint64_t k_max = std::numeric_limits<std::uint64_t>::max();
  gator::pep440::VersionParts parts;
  parts.epoch = version.epoch();
  parts.release = version.release();
  parts.pre = version.pre();
  parts.post = version.post();
  parts.dev = version.dev();
  parts.local = version.local();
  bool fits = parts.epoch != k_max && (!parts.pre || parts.pre->number != k_max) &&
              parts.post.value_or(0) != k_max && parts.dev.value_or(0) != k_max;
  for (const std::uint64_t number : parts.release)
    fits = fits && number != k_max;
  if (fits) {
    const auto rebuilt = Version::from_parts(parts);
    check(rebuilt && *rebuilt == version && rebuilt->to_string() == text);
  }
}

void check_pair(const Version& a, const Version& b) {
  check((a < b) == (b > a));
  check((a == b) == (b == a));
  check((a < b) + (a == b) + (a > b) == 1);
  // Equal exactly when the normalized texts agree once trailing zeros are dropped.
  check((a == b) ==
        (gator::pep440::canonicalize_version(a) == gator::pep440::canonicalize_version(b)));
  if (a == b)
    check(a.hash() == b.hash());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto version = Version::parse(input);
  if (version)
    check_version(*version);
  else
    check(version.error().offset + version.error().length <= input.size());

  // Two versions from one input: split at the first '|'.
  const std::size_t bar = input.find('|');
  if (bar != std::string_view::npos) {
    const auto a = Version::parse(input.substr(0, bar));
    const auto b = Version::parse(input.substr(bar + 1));
    if (a && b)
      check_pair(*a, *b);
  }
  return 0;
}

#include "pep440/ranges.hpp"

#include "pep440/key_reader.hpp"

namespace gator::pep440::detail {
namespace {

// Sorts above every local-slot byte (0x00 none, 0x01 some) and every post-slot byte.
constexpr char k_cut = 0x02;

[[nodiscard]] bool lower_less(const Bound& a, const Bound& b) {
  if (a.unbounded)
    return !b.unbounded;
  if (b.unbounded)
    return false;
  const int order = a.key.compare(b.key);
  if (order != 0)
    return order < 0;
  return a.inclusive && !b.inclusive;  // [v starts before (v
}

[[nodiscard]] bool upper_less(const Bound& a, const Bound& b) {
  if (a.unbounded)
    return false;
  if (b.unbounded)
    return true;
  const int order = a.key.compare(b.key);
  if (order != 0)
    return order < 0;
  return !a.inclusive && b.inclusive;  // v) ends before v]
}

[[nodiscard]] bool is_empty(const Bound& lower, const Bound& upper) {
  if (lower.unbounded || upper.unbounded)
    return false;
  const int order = lower.key.compare(upper.key);
  if (order == 0)
    return !(lower.inclusive && upper.inclusive);
  return order > 0;
}

}  // namespace

Bound unbounded() {
  return Bound{};
}

Bound at(const Version& version, bool inclusive) {
  return Bound{std::string(version.key()), inclusive, false};
}

Bound at_key(std::string key, bool inclusive) {
  return Bound{std::move(key), inclusive, false};
}

std::string after_locals(const Version& version) {
  std::string key(version.public_key());
  key.push_back(k_cut);
  return key;
}

std::string after_posts(const Version& version) {
  KeyReader reader(version.key());
  (void)reader.num();
  while (reader.peek() != k_end)
    (void)reader.num();
  reader.take();
  const std::uint8_t pre = reader.take();
  if (pre >= k_pre_a && pre <= k_pre_rc)
    (void)reader.num();
  std::string key(version.key().substr(0, reader.position()));
  key.push_back(k_cut);
  return key;
}

Ranges full_range() {
  return Ranges{Range{}};
}

bool contains(const Range& range, std::string_view key) {
  if (!range.lower.unbounded) {
    const int order = key.compare(range.lower.key);
    if (order < 0 || (order == 0 && !range.lower.inclusive))
      return false;
  }
  if (!range.upper.unbounded) {
    const int order = key.compare(range.upper.key);
    if (order > 0 || (order == 0 && !range.upper.inclusive))
      return false;
  }
  return true;
}

bool contains(const Ranges& ranges, const Version& version) {
  const std::string_view key = version.key();
  for (const Range& range : ranges) {
    if (contains(range, key))
      return true;
  }
  return false;
}

Ranges intersect(const Ranges& left, const Ranges& right) {
  Ranges result;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < left.size() && j < right.size()) {
    const Bound& lower = lower_less(left[i].lower, right[j].lower) ? right[j].lower : left[i].lower;
    const Bound& upper = upper_less(left[i].upper, right[j].upper) ? left[i].upper : right[j].upper;
    if (!is_empty(lower, upper))
      result.push_back(Range{lower, upper});
    if (upper_less(left[i].upper, right[j].upper))
      ++i;
    else
      ++j;
  }
  return result;
}

}  // namespace gator::pep440::detail

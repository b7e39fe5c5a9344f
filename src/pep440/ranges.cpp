#include "pep440/ranges.hpp"

#include <algorithm>

#include "pep440/key_reader.hpp"
#include "pep440/version_codec.hpp"

namespace gator::pep440::detail {
namespace {

// Sorts above every local-slot byte (0x00 none, 0x01 some) and every post-slot byte.
constexpr char k_cut = 0x02;

[[nodiscard]] const Version& min_version() {
  static const Version k_min = *Version::parse("0.dev0");
  return k_min;
}

[[nodiscard]] const Version& min_release() {
  static const Version k_min = *Version::parse("0");
  return k_min;
}

[[nodiscard]] bool lower_less(const Bound& a, const Bound& b) {
  if (!a.point)
    return b.point != nullptr;
  if (!b.point)
    return false;
  const int order = a.key().compare(b.key());
  if (order != 0)
    return order < 0;
  return a.inclusive && !b.inclusive;  // [v starts before (v
}

[[nodiscard]] bool upper_less(const Bound& a, const Bound& b) {
  if (!a.point)
    return false;
  if (!b.point)
    return true;
  const int order = a.key().compare(b.key());
  if (order != 0)
    return order < 0;
  return !a.inclusive && b.inclusive;  // v) ends before v]
}

// The smallest real version above a cut, when there is one: above every V+local and V.postN
// there is no least version for a final V (1.0.0.1 > 1.0.0.0.1 > ...).
[[nodiscard]] std::optional<Version> least_successor(BoundKind kind, const Version& base) {
  Components parts = VersionCodec::decode(base);
  parts.local.reset();
  if (kind == BoundKind::after_locals) {
    if (parts.dev) {
      parts.dev = increment_digits(*parts.dev);
    } else {
      parts.post = parts.post ? increment_digits(*parts.post) : std::string("0");
      parts.dev = "0";
    }
    return VersionCodec::encode(parts);
  }
  if (!parts.pre_kind)
    return std::nullopt;
  parts.pre_number = increment_digits(parts.pre_number);
  parts.post.reset();
  parts.dev = "0";
  return VersionCodec::encode(parts);
}

// The final (or post) release nearest above a pre-release: 1.0a1.post0 -> 1.0, and a dev-only
// release keeps its post segment (1.0.post0.dev0 -> 1.0.post0).
[[nodiscard]] Version release_of_prerelease(const Version& version) {
  Components parts = VersionCodec::decode(version);
  if (parts.pre_kind) {
    parts.pre_kind.reset();
    parts.post.reset();
  }
  parts.dev.reset();
  parts.local.reset();
  return VersionCodec::encode(parts);
}

[[nodiscard]] Version lowest_release_at_or_above(const Bound& lower) {
  if (!lower.point)
    return min_release();
  const Version& version = lower.version();
  if (version.is_prerelease())
    return release_of_prerelease(version);
  if (lower.kind() == BoundKind::version)
    return version;
  Components parts = VersionCodec::decode(version);
  parts.post = parts.post ? increment_digits(*parts.post) : std::string("0");
  parts.local.reset();
  return VersionCodec::encode(parts);
}

}  // namespace

Bound unbounded() {
  return Bound{};
}

Bound at(const Version& version, bool inclusive) {
  auto point = std::make_shared<Point>(
      Point{BoundKind::version, std::string(version.key()), version, std::nullopt});
  return Bound{std::move(point), inclusive};
}

namespace {

Bound cut(BoundKind kind, std::string key, const Version& version, bool inclusive) {
  auto point = std::make_shared<Point>(Point{kind, std::move(key), version, std::nullopt});
  if (const auto successor = least_successor(kind, version))
    point->successor = std::string(successor->key());
  return Bound{std::move(point), inclusive};
}

}  // namespace

Bound after_locals(const Version& version, bool inclusive) {
  std::string key(version.public_key());
  key.push_back(k_cut);
  return cut(BoundKind::after_locals, std::move(key), version, inclusive);
}

Bound after_posts(const Version& version, bool inclusive) {
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
  return cut(BoundKind::after_posts, std::move(key), version, inclusive);
}

Bound flipped(Bound bound) {
  bound.inclusive = !bound.inclusive;
  return bound;
}

Ranges full_range() {
  return Ranges{Range{}};
}

bool contains(const Range& range, std::string_view key) {
  if (range.lower.point) {
    const int order = key.compare(range.lower.key());
    if (order < 0 || (order == 0 && !range.lower.inclusive))
      return false;
  }
  if (range.upper.point) {
    const int order = key.compare(range.upper.key());
    if (order > 0 || (order == 0 && !range.upper.inclusive))
      return false;
  }
  return true;
}

bool contains(const Ranges& ranges, const Version& version) {
  const std::string_view key = version.key();
  if (ranges.size() <= 4) {
    for (const Range& range : ranges) {
      if (contains(range, key))
        return true;
    }
    return false;
  }
  // Sorted and disjoint: only the first range that does not end below the key can hold it.
  const auto candidate = std::partition_point(ranges.begin(), ranges.end(), [&](const Range& r) {
    if (!r.upper.point)
      return false;
    const int order = key.compare(r.upper.key());
    return order > 0 || (order == 0 && !r.upper.inclusive);
  });
  return candidate != ranges.end() && contains(*candidate, key);
}

bool is_empty(const Bound& lower, const Bound& upper) {
  if (!upper.point)
    return false;
  if (!lower.point) {
    // Nothing sorts below 0.dev0.
    return !upper.inclusive && upper.kind() == BoundKind::version &&
           upper.version() <= min_version();
  }
  if (lower.point->successor) {
    // A cut sits just below its least successor: nothing lies strictly between them.
    const int order = upper.key().compare(*lower.point->successor);
    if (order == 0)
      return !upper.inclusive;
    return order < 0;
  }
  const int order = lower.key().compare(upper.key());
  if (order == 0)
    return !(lower.inclusive && upper.inclusive);
  return order > 0;
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

Ranges complement(const Ranges& ranges) {
  if (ranges.empty())
    return full_range();
  Ranges result;
  const Bound* previous_upper = nullptr;
  for (const Range& range : ranges) {
    if (previous_upper == nullptr) {
      if (range.lower.point)
        result.push_back(Range{unbounded(), flipped(range.lower)});
    } else {
      result.push_back(Range{flipped(*previous_upper), flipped(range.lower)});
    }
    previous_upper = &range.upper;
  }
  if (previous_upper->point)
    result.push_back(Range{flipped(*previous_upper), unbounded()});
  return result;
}

bool prerelease_only(const Ranges& ranges) {
  for (const Range& range : ranges) {
    if (!range.upper.point)
      return false;
    const Version nearest = lowest_release_at_or_above(range.lower);
    const int order = nearest.key().compare(range.upper.key());
    if (order < 0 || (order == 0 && range.upper.inclusive))
      return false;
  }
  return true;
}

}  // namespace gator::pep440::detail

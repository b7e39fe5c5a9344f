#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/version.hpp"

// Specifiers as sorted, disjoint ranges over the version line (internal to pep440; the model of
// packaging's _ranges.py). A bound is a version or a cut between versions: "after V and its
// local labels" or "after V, its local labels and its post-releases". Both are encoded as byte
// keys that sort between real version keys, so membership is a few memcmp calls.
namespace gator::pep440::detail {

enum class BoundKind : std::uint8_t { unbounded, version, after_locals, after_posts };

// A point of the version line; shared between the ranges that use it, so that intersecting
// many clauses copies pointers, not strings.
struct Point {
  BoundKind kind = BoundKind::version;
  std::string key;
  Version version;  // the version, or the base V of a cut
  // For a cut: the key of the least real version above it, when there is one.
  std::optional<std::string> successor;
};

struct Bound {
  std::shared_ptr<const Point> point;  // null when unbounded
  bool inclusive = false;

  [[nodiscard]] BoundKind kind() const { return point ? point->kind : BoundKind::unbounded; }
  [[nodiscard]] std::string_view key() const { return point->key; }
  [[nodiscard]] const Version& version() const { return point->version; }
};

struct Range {
  Bound lower;
  Bound upper;
};

using Ranges = std::vector<Range>;

[[nodiscard]] Bound unbounded();
[[nodiscard]] Bound at(const Version& version, bool inclusive);
// Just above V and every V+local, below V.post0 (or V.dev(N+1) for a dev release).
[[nodiscard]] Bound after_locals(const Version& version, bool inclusive);
// Just above V, V+local and every post-release of V (V has no post or dev segment).
[[nodiscard]] Bound after_posts(const Version& version, bool inclusive);
// The same point seen from the other side (for complements).
[[nodiscard]] Bound flipped(Bound bound);

[[nodiscard]] Ranges full_range();
[[nodiscard]] bool contains(const Range& range, std::string_view key);
[[nodiscard]] bool contains(const Ranges& ranges, const Version& version);
// No version at all lies between the bounds (a cut's least successor counts as adjacent).
[[nodiscard]] bool is_empty(const Bound& lower, const Bound& upper);
[[nodiscard]] Ranges intersect(const Ranges& left, const Ranges& right);
[[nodiscard]] Ranges complement(const Ranges& ranges);
// Every range holds pre-releases only (no final or post release).
[[nodiscard]] bool prerelease_only(const Ranges& ranges);

}  // namespace gator::pep440::detail

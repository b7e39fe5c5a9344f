#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pep440/version.hpp"

// Specifiers as sorted, disjoint ranges over the version line (internal to pep440; mirrors
// packaging's _ranges.py). A bound is a Version key or a cut between versions: "after V and its
// local labels" or "after V, its local labels and its post-releases", both encoded as byte
// strings that sort between real version keys, so every comparison stays a memcmp.
namespace gator::pep440::detail {

struct Bound {
  std::string key;  // empty when unbounded
  bool inclusive = false;
  bool unbounded = true;
};

struct Range {
  Bound lower;
  Bound upper;
};

using Ranges = std::vector<Range>;

[[nodiscard]] Bound unbounded();
[[nodiscard]] Bound at(const Version& version, bool inclusive);
[[nodiscard]] Bound at_key(std::string key, bool inclusive);
// Just above V and every V+local (below V.post0 and V.dev-less successors).
[[nodiscard]] std::string after_locals(const Version& version);
// Just above V, V+local and every post-release of V (V has no post or dev segment).
[[nodiscard]] std::string after_posts(const Version& version);

[[nodiscard]] Ranges full_range();
[[nodiscard]] bool contains(const Range& range, std::string_view key);
[[nodiscard]] bool contains(const Ranges& ranges, const Version& version);
[[nodiscard]] Ranges intersect(const Ranges& left, const Ranges& right);

}  // namespace gator::pep440::detail

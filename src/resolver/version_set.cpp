#include "resolver/version_set.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace gator::resolver {
namespace detail = pep440::detail;
namespace {

[[nodiscard]] detail::Ranges without_empty(detail::Ranges ranges) {
  std::erase_if(ranges, [](const detail::Range& range) {
    return detail::is_empty(range.lower, range.upper);
  });
  return ranges;
}

// "==X" for every clause but "===": the ranges of a clause are exact; "===" compares text, which
// for parsed candidates means the version itself.
[[nodiscard]] detail::Ranges clause_ranges(const pep440::Specifier& spec) {
  if (spec.op() != pep440::Operator::arbitrary)
    return spec.ranges();
  if (!spec.version())
    return {};
  const detail::Bound point = detail::at(*spec.version(), true);
  return {detail::Range{point, point}};
}

// "1.0.dev0" is where "<1.0" stops (it leaves out the pre-releases of 1.0): print it as "1.0".
[[nodiscard]] std::string upper_exclusive_text(const pep440::Version& version) {
  std::string text = version.to_string();
  const bool plain_dev0 = version.is_devrelease() && version.dev() == 0 && !version.pre() &&
                          !version.is_postrelease() && !version.has_local();
  if (plain_dev0 && text.ends_with(".dev0"))
    text.resize(text.size() - 5);
  return "<" + text;
}

// ">V.postN" starts at V.post(N+1).dev0: print it the way it was written.
[[nodiscard]] std::optional<std::string> after_post_text(const pep440::Version& version) {
  const auto post = version.post();
  if (!version.is_devrelease() || version.dev() != 0 || !post || *post == 0 || version.pre() ||
      version.has_local())
    return std::nullopt;
  pep440::VersionParts parts;
  parts.epoch = version.epoch();
  parts.release = version.release();
  parts.post = *post - 1;
  const auto previous = pep440::Version::from_parts(parts);
  if (!previous)
    return std::nullopt;
  return ">" + previous->to_string();
}

[[nodiscard]] std::string lower_text(const detail::Bound& bound) {
  if (bound.kind() == detail::BoundKind::unbounded)
    return {};
  const std::string version = bound.version().to_string();
  if (bound.kind() == detail::BoundKind::version && bound.inclusive) {
    if (auto text = after_post_text(bound.version()))
      return std::move(*text);
    return ">=" + version;
  }
  return ">" + version;
}

[[nodiscard]] std::string upper_text(const detail::Bound& bound) {
  if (bound.kind() == detail::BoundKind::unbounded)
    return {};
  if (bound.kind() == detail::BoundKind::version && !bound.inclusive)
    return upper_exclusive_text(bound.version());
  return "<=" + bound.version().to_string();
}

// [V, V] or [V, after the local labels of V]: one release (and its local variants).
[[nodiscard]] bool is_point(const detail::Bound& lower, const detail::Bound& upper) {
  if (lower.kind() != detail::BoundKind::version || !lower.inclusive || !upper.inclusive)
    return false;
  if (upper.kind() == detail::BoundKind::version)
    return lower.key() == upper.key();
  return upper.kind() == detail::BoundKind::after_locals &&
         lower.version().public_key() == upper.version().public_key() &&
         !lower.version().has_local();
}

[[nodiscard]] std::string range_text(const detail::Range& range) {
  if (is_point(range.lower, range.upper))
    return "==" + range.lower.version().to_string();
  std::string lower = lower_text(range.lower);
  const std::string upper = upper_text(range.upper);
  if (lower.empty())
    return upper.empty() ? std::string("*") : upper;
  if (!upper.empty())
    lower += "," + upper;
  return lower;
}

// Bound order as in pep440's intersect(): an unbounded lower bound is the least, an unbounded
// upper bound the greatest; at one point "[v" starts before "(v" and "v)" ends before "v]".
[[nodiscard]] bool lower_less(const detail::Bound& a, const detail::Bound& b) {
  if (!a.point)
    return b.point != nullptr;
  if (!b.point)
    return false;
  const int order = a.key().compare(b.key());
  return order != 0 ? order < 0 : (a.inclusive && !b.inclusive);
}

[[nodiscard]] bool upper_less(const detail::Bound& a, const detail::Bound& b) {
  if (!a.point)
    return false;
  if (!b.point)
    return true;
  const int order = a.key().compare(b.key());
  return order != 0 ? order < 0 : (!a.inclusive && b.inclusive);
}

// The ranges between (and around) the ranges of a set, one at a time: its complement without
// building it.
class Gaps {
 public:
  explicit Gaps(const detail::Ranges& ranges) : m_ranges(ranges) {}
  [[nodiscard]] std::size_t count() const { return m_ranges.size() + 1; }
  // False when the gap does not exist (the set is unbounded on that side).
  [[nodiscard]] bool get(std::size_t index, detail::Range& out) const {
    out.lower = index == 0 ? detail::unbounded() : detail::flipped(m_ranges[index - 1].upper);
    out.upper =
        index == m_ranges.size() ? detail::unbounded() : detail::flipped(m_ranges[index].lower);
    if (index > 0 && !m_ranges[index - 1].upper.point)
      return false;
    if (index < m_ranges.size() && !m_ranges[index].lower.point)
      return false;
    return true;
  }

 private:
  const detail::Ranges& m_ranges;
};

// Whether two sorted range lists share a version. Each list is given by its size and an accessor
// `at(j, out)` (false when the j-th range does not exist), so that a complement can be walked
// without building it. Every range of the shorter list binary-searches the longer one: a term
// against a long list of releases costs a few comparisons.
template <typename Left, typename Right>
[[nodiscard]] bool overlaps(std::size_t left_count, Left left_at, std::size_t right_count,
                            Right right_at) {
  if (left_count > right_count)
    return overlaps(right_count, right_at, left_count, left_at);
  detail::Range range;
  detail::Range other;
  std::size_t start = 0;
  for (std::size_t i = 0; i < left_count; ++i) {
    if (!left_at(i, range))
      continue;
    // The first right range that does not end before `range` starts.
    const detail::Bound before = range.lower.point ? detail::flipped(range.lower) : range.lower;
    std::size_t low = start;
    std::size_t high = right_count;
    while (low < high) {
      const std::size_t middle = low + (high - low) / 2;
      const bool ends_before =
          right_at(middle, other) ? range.lower.point != nullptr && !upper_less(before, other.upper)
                                  : middle == 0;
      if (ends_before)
        low = middle + 1;
      else
        high = middle;
    }
    start = low;
    for (std::size_t j = low; j < right_count; ++j) {
      if (!right_at(j, other))
        continue;
      const detail::Bound& lower = lower_less(range.lower, other.lower) ? other.lower : range.lower;
      const detail::Bound& upper = upper_less(range.upper, other.upper) ? range.upper : other.upper;
      if (!detail::is_empty(lower, upper))
        return true;
      if (upper_less(range.upper, other.upper))
        break;  // the next left range may still meet this one
    }
  }
  return false;
}

[[nodiscard]] auto plain(const detail::Ranges& ranges) {
  return [&ranges](std::size_t index, detail::Range& out) {
    out = ranges[index];
    return true;
  };
}

}  // namespace

VersionSet::VersionSet(detail::Ranges ranges) : m_ranges(without_empty(std::move(ranges))) {}

VersionSet VersionSet::any() {
  return VersionSet(detail::full_range());
}

VersionSet VersionSet::none() {
  return VersionSet(detail::Ranges{});
}

VersionSet VersionSet::exactly(const pep440::Version& version) {
  const detail::Bound point = detail::at(version, true);
  return VersionSet(detail::Ranges{detail::Range{point, point}});
}

VersionSet VersionSet::from_ranges(detail::Ranges ranges) {
  return VersionSet(std::move(ranges));
}

VersionSet VersionSet::between(const pep440::Version& oldest, const pep440::Version& newest) {
  return VersionSet(
      detail::Ranges{detail::Range{detail::at(oldest, true), detail::at(newest, true)}});
}

VersionSet VersionSet::from_specifiers(const pep440::SpecifierSet& specifiers) {
  detail::Ranges ranges = specifiers.ranges();
  for (const pep440::Specifier& spec : specifiers) {
    if (spec.op() == pep440::Operator::arbitrary)
      ranges = detail::intersect(ranges, clause_ranges(spec));
  }
  return VersionSet(std::move(ranges));
}

bool VersionSet::contains(const pep440::Version& version) const {
  return detail::contains(m_ranges, version);
}

bool VersionSet::is_any() const {
  return complement().is_empty();
}

bool VersionSet::is_pin() const {
  return m_ranges.size() == 1 && is_point(m_ranges.front().lower, m_ranges.front().upper);
}

VersionSet VersionSet::complement() const {
  return VersionSet(detail::complement(m_ranges));
}

VersionSet VersionSet::intersection(const VersionSet& other) const {
  return VersionSet(detail::intersect(m_ranges, other.m_ranges));
}

VersionSet VersionSet::union_with(const VersionSet& other) const {
  return complement().intersection(other.complement()).complement();
}

VersionSet VersionSet::difference(const VersionSet& other) const {
  return intersection(other.complement());
}

bool VersionSet::is_subset_of(const VersionSet& other) const {
  const Gaps gaps(other.m_ranges);
  return !overlaps(m_ranges.size(), plain(m_ranges), gaps.count(),
                   [&](std::size_t index, detail::Range& out) { return gaps.get(index, out); });
}

bool VersionSet::is_disjoint(const VersionSet& other) const {
  return !overlaps(m_ranges.size(), plain(m_ranges), other.m_ranges.size(), plain(other.m_ranges));
}

bool operator==(const VersionSet& a, const VersionSet& b) {
  return a.is_subset_of(b) && b.is_subset_of(a);
}

std::string VersionSet::to_string() const {
  if (m_ranges.empty())
    return "<none>";
  if (is_any())
    return "*";
  // Gaps of single releases read as "!=V" between the outer bounds: ">=1.0,!=1.5,<2".
  std::vector<std::string> excluded;
  for (std::size_t i = 0; i + 1 < m_ranges.size(); ++i) {
    const detail::Bound gap_lower = detail::flipped(m_ranges[i].upper);
    const detail::Bound gap_upper = detail::flipped(m_ranges[i + 1].lower);
    if (!is_point(gap_lower, gap_upper)) {
      excluded.clear();
      break;
    }
    excluded.push_back("!=" + gap_lower.version().to_string());
  }
  if (m_ranges.size() > 1 && excluded.size() + 1 != m_ranges.size()) {
    std::string text;
    for (const detail::Range& range : m_ranges) {
      if (!text.empty())
        text += " || ";
      text += range_text(range);
    }
    return text;
  }
  if (m_ranges.size() == 1)
    return range_text(m_ranges.front());
  std::vector<std::string> parts;
  if (std::string lower = lower_text(m_ranges.front().lower); !lower.empty())
    parts.push_back(std::move(lower));
  for (std::string& clause : excluded)
    parts.push_back(std::move(clause));
  if (std::string upper = upper_text(m_ranges.back().upper); !upper.empty())
    parts.push_back(std::move(upper));
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty())
      text += ",";
    text += part;
  }
  return text;
}

}  // namespace gator::resolver

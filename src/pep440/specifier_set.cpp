#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

#include "pep440/match_policy.hpp"
#include "pep440/specifier.hpp"
#include "pep440/text.hpp"
#include "util/strings.hpp"

namespace gator::pep440 {

SpecifierSet::SpecifierSet(std::vector<Specifier> specifiers, std::optional<bool> prereleases)
    : m_specs(std::move(specifiers)), m_prereleases(prereleases) {
  compute_ranges();
}

std::expected<SpecifierSet, util::ParseError> SpecifierSet::parse(std::string_view text,
                                                                  std::optional<bool> prereleases) {
  std::vector<Specifier> specs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos)
      comma = text.size();
    const std::string_view item = text.substr(start, comma - start);
    const detail::Span span = detail::python_strip(item);
    if (span.begin != span.end) {
      auto spec = Specifier::parse(item);
      if (!spec) {
        util::ParseError inner = std::move(spec.error());
        return std::unexpected(util::ParseError::at(text, start + inner.offset, inner.length,
                                                    std::move(inner.message)));
      }
      specs.push_back(std::move(*spec));
    }
    start = comma + 1;
  }
  return SpecifierSet(std::move(specs), prereleases);
}

void SpecifierSet::compute_ranges() {
  m_has_arbitrary = false;
  std::vector<detail::Ranges> parts;
  for (const Specifier& spec : m_specs) {
    if (spec.op() == Operator::arbitrary)
      m_has_arbitrary = true;
    else
      parts.push_back(spec.ranges());
  }
  // Intersect pairwise, level by level: n clauses of "!=" cost O(n log n), not O(n^2).
  while (parts.size() > 1) {
    std::vector<detail::Ranges> next;
    for (std::size_t i = 0; i + 1 < parts.size(); i += 2)
      next.push_back(detail::intersect(parts[i], parts[i + 1]));
    if (parts.size() % 2 == 1)
      next.push_back(std::move(parts.back()));
    parts = std::move(next);
  }
  m_ranges = parts.empty() ? detail::full_range() : std::move(parts.front());
}

std::optional<bool> SpecifierSet::prereleases() const {
  if (m_prereleases)
    return m_prereleases;
  if (m_specs.empty())
    return std::nullopt;
  for (const Specifier& spec : m_specs) {
    if (spec.prereleases() == true)
      return true;
  }
  return std::nullopt;
}

bool SpecifierSet::contains(const Version& version, std::optional<bool> prereleases,
                            Installed installed) const {
  if (!m_has_arbitrary) {
    // Hot path for the resolver: one policy check and a few key comparisons.
    if (installed == Installed::yes && version.is_prerelease())
      return m_specs.empty() || detail::contains(m_ranges, version);
    if (!prereleases)
      prereleases = this->prereleases();
    if (prereleases == false && version.is_prerelease())
      return false;
    return m_specs.empty() || detail::contains(m_ranges, version);
  }
  return contains(MatchItem{{}, &version}, prereleases, installed);
}

bool SpecifierSet::contains(std::string_view text, std::optional<bool> prereleases,
                            Installed installed) const {
  return contains(MatchItem{text, nullptr}, prereleases, installed);
}

bool SpecifierSet::contains(const MatchItem& item, std::optional<bool> prereleases,
                            Installed installed) const {
  std::array<MatchItem, 1> items{item};
  detail::Candidates candidates(items);
  const Version* version = candidates.version(0);
  if (version != nullptr && installed == Installed::yes && version->is_prerelease())
    prereleases = true;
  // With "===" a string keeps its spelling; otherwise the parsed version is what matches.
  if (version != nullptr && !(m_has_arbitrary && item.version == nullptr))
    items[0] = MatchItem{{}, version};
  return !filter(items, prereleases).empty();
}

std::vector<std::size_t> SpecifierSet::filter(std::span<const MatchItem> items,
                                              std::optional<bool> prereleases) const {
  if (!prereleases)
    prereleases = this->prereleases();
  detail::Candidates candidates(items);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (m_specs.empty()) {
      candidates.accept(i);
    } else if (m_has_arbitrary) {
      const std::array<MatchItem, 1> one{items[i]};
      const bool all = std::all_of(m_specs.begin(), m_specs.end(), [&](const Specifier& spec) {
        return !spec.filter(one, true).empty();
      });
      if (all)
        candidates.accept(i);
    } else {
      const Version* version = candidates.version(i);
      if (version != nullptr && detail::contains(m_ranges, *version))
        candidates.accept(i);
    }
  }
  return candidates.apply(prereleases);
}

std::vector<Version> SpecifierSet::filter(std::span<const Version> versions,
                                          std::optional<bool> prereleases) const {
  std::vector<MatchItem> items;
  items.reserve(versions.size());
  for (const Version& version : versions)
    items.push_back(MatchItem{{}, &version});
  std::vector<Version> out;
  for (const std::size_t index : filter(items, prereleases))
    out.push_back(versions[index]);
  return out;
}

std::vector<const Specifier*> SpecifierSet::canonical() const {
  std::vector<std::pair<std::string, const Specifier*>> sorted;
  sorted.reserve(m_specs.size());
  for (const Specifier& spec : m_specs)
    sorted.emplace_back(spec.to_string(), &spec);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Keep the first of the clauses that compare equal ("==1.0" and "==1.0.0").
  std::unordered_set<std::string> seen;
  std::vector<const Specifier*> unique;
  for (const auto& [text, spec] : sorted) {
    std::string identity(pep440::to_string(spec->m_op));
    identity += spec->m_canonical;
    if (seen.insert(std::move(identity)).second)
      unique.push_back(spec);
  }
  return unique;
}

std::string SpecifierSet::to_string() const {
  std::string out;
  for (const Specifier* spec : canonical()) {
    if (!out.empty())
      out += ',';
    out += spec->to_string();
  }
  return out;
}

bool operator==(const SpecifierSet& a, const SpecifierSet& b) {
  const auto left = a.canonical();
  const auto right = b.canonical();
  return std::equal(left.begin(), left.end(), right.begin(), right.end(),
                    [](const Specifier* x, const Specifier* y) { return *x == *y; });
}

std::size_t SpecifierSet::hash() const {
  std::size_t out = 0;
  for (const Specifier* spec : canonical())
    out = out * 1000003u ^ spec->hash();
  return out;
}

std::expected<SpecifierSet, std::string> SpecifierSet::combine(const SpecifierSet& other) const {
  std::optional<bool> prereleases;
  if (!m_prereleases || m_prereleases == other.m_prereleases)
    prereleases = other.m_prereleases;
  else if (!other.m_prereleases)
    prereleases = m_prereleases;
  else
    return std::unexpected(
        std::string("cannot combine specifier sets with true and false pre-release overrides"));
  std::vector<Specifier> specs = m_specs;
  specs.insert(specs.end(), other.m_specs.begin(), other.m_specs.end());
  return SpecifierSet(std::move(specs), prereleases);
}

bool SpecifierSet::is_unsatisfiable() const {
  if (m_specs.empty())
    return false;
  if (m_ranges.empty() || arbitrary_unsatisfiable())
    return true;
  return prereleases() == false && detail::prerelease_only(m_ranges);
}

// "===" matches one literal text (any case), so the set is satisfiable only if that text
// satisfies every other clause.
bool SpecifierSet::arbitrary_unsatisfiable() const {
  const Specifier* first = nullptr;
  for (const Specifier& spec : m_specs) {
    if (spec.op() != Operator::arbitrary)
      continue;
    if (first == nullptr)
      first = &spec;
    else if (!util::iequals_ascii(first->version_text(), spec.version_text()))
      return true;
  }
  if (first == nullptr)
    return false;
  const auto candidate = Version::parse(first->version_text());
  if (candidate && prereleases() == false && candidate->is_prerelease())
    return true;
  for (const Specifier& spec : m_specs) {
    if (spec.op() == Operator::arbitrary)
      continue;
    if (!candidate || !spec.contains(*candidate))
      return true;
  }
  return false;
}

std::optional<std::string> SpecifierSet::relation_error(const SpecifierSet& other) const {
  if (m_has_arbitrary || other.m_has_arbitrary)
    return "=== cannot be used in set relations";
  if (m_prereleases != other.m_prereleases)
    return "cannot relate specifier sets with different pre-release overrides";
  return std::nullopt;
}

std::expected<bool, std::string> SpecifierSet::is_subset(const SpecifierSet& other) const {
  if (auto error = relation_error(other))
    return std::unexpected(std::move(*error));
  return detail::intersect(m_ranges, detail::complement(other.m_ranges)).empty();
}

std::expected<bool, std::string> SpecifierSet::is_superset(const SpecifierSet& other) const {
  return other.is_subset(*this);
}

std::expected<bool, std::string> SpecifierSet::is_disjoint(const SpecifierSet& other) const {
  if (auto error = relation_error(other))
    return std::unexpected(std::move(*error));
  return detail::intersect(m_ranges, other.m_ranges).empty();
}

}  // namespace gator::pep440

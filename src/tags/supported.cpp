#include "tags/supported.hpp"

#include <algorithm>
#include <utility>

namespace gator::tags {

SupportedTags::SupportedTags(std::span<const Tag> ordered) {
  m_tags.reserve(ordered.size());
  for (const Tag& tag : ordered) {
    if (m_priority.emplace(tag, m_tags.size()).second)
      m_tags.push_back(tag);
  }
}

std::optional<std::size_t> SupportedTags::priority(const Tag& tag) const {
  const auto it = m_priority.find(tag);
  if (it == m_priority.end())
    return std::nullopt;
  return it->second;
}

std::optional<std::size_t> SupportedTags::best_priority(std::span<const Tag> tags) const {
  std::optional<std::size_t> best;
  for (const Tag& tag : tags) {
    const auto rank = priority(tag);
    if (rank && (!best || *rank < *best))
      best = rank;
  }
  return best;
}

std::vector<std::size_t> select_compatible(const SupportedTags& supported,
                                           std::span<const std::vector<Tag>> candidates) {
  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // (priority, candidate index)
  for (std::size_t index = 0; index < candidates.size(); ++index) {
    if (const auto rank = supported.best_priority(candidates[index]))
      ranked.emplace_back(*rank, index);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::size_t> out;
  out.reserve(ranked.size());
  for (const auto& [rank, index] : ranked)
    out.push_back(index);
  return out;
}

}  // namespace gator::tags

#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "tags/tag.hpp"

namespace gator::tags {

// An ordered list of supported tags (most preferred first) with a constant-time lookup of each
// tag's priority, for choosing the best wheel of a release.
class SupportedTags {
 public:
  SupportedTags() = default;
  // Keeps the first occurrence of a repeated tag.
  explicit SupportedTags(std::span<const Tag> ordered);

  [[nodiscard]] const std::vector<Tag>& tags() const { return m_tags; }
  [[nodiscard]] std::size_t size() const { return m_tags.size(); }
  [[nodiscard]] bool empty() const { return m_tags.empty(); }

  // 0 for the most preferred tag; nothing when the tag is not supported.
  [[nodiscard]] std::optional<std::size_t> priority(const Tag& tag) const;
  // The best priority among a wheel's tags; nothing when none is supported.
  [[nodiscard]] std::optional<std::size_t> best_priority(std::span<const Tag> tags) const;
  [[nodiscard]] bool is_compatible(std::span<const Tag> tags) const {
    return best_priority(tags).has_value();
  }

 private:
  std::vector<Tag> m_tags;
  std::unordered_map<Tag, std::size_t, TagHash> m_priority;
};

// packaging's create_compatible_tags_selector: the indices of the candidates (each a wheel's tag
// set) that have a supported tag, ordered by their best priority; ties keep the input order.
[[nodiscard]] std::vector<std::size_t> select_compatible(
    const SupportedTags& supported, std::span<const std::vector<Tag>> candidates);

}  // namespace gator::tags

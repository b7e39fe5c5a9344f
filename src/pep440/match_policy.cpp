#include "pep440/match_policy.hpp"

namespace gator::pep440::detail {

Candidates::Candidates(std::span<const MatchItem> items)
    : m_items(items), m_parsed(items.size()), m_state(items.size(), 0) {}

const Version* Candidates::version(std::size_t index) {
  const MatchItem& item = m_items[index];
  if (item.version != nullptr)
    return item.version;
  if (m_state[index] == 0) {
    auto parsed = Version::parse(item.text);
    if (parsed) {
      m_parsed[index] = std::move(*parsed);
      m_state[index] = 1;
    } else {
      m_state[index] = 2;
    }
  }
  return m_state[index] == 1 ? &*m_parsed[index] : nullptr;
}

std::string_view Candidates::text(std::size_t index) {
  const MatchItem& item = m_items[index];
  if (item.version == nullptr)
    return item.text;
  if (m_texts.empty())
    m_texts.resize(m_items.size());
  if (m_texts[index].empty())
    m_texts[index] = item.version->to_string();
  return m_texts[index];
}

std::vector<std::size_t> Candidates::apply(std::optional<bool> prereleases) {
  if (prereleases == true)
    return m_accepted;
  bool any_final = false;
  if (!prereleases) {
    for (const std::size_t index : m_accepted) {
      const Version* parsed = version(index);
      if (parsed != nullptr && !parsed->is_prerelease()) {
        any_final = true;
        break;
      }
    }
    if (!any_final)
      return m_accepted;
  }
  std::vector<std::size_t> kept;
  for (const std::size_t index : m_accepted) {
    const Version* parsed = version(index);
    if (parsed == nullptr || !parsed->is_prerelease())
      kept.push_back(index);
  }
  return kept;
}

}  // namespace gator::pep440::detail

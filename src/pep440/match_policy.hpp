#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/specifier.hpp"

// The items of one contains/filter call and packaging's pre-release policy over the ones that
// matched (internal to pep440).
namespace gator::pep440::detail {

class Candidates {
 public:
  explicit Candidates(std::span<const MatchItem> items);

  // The parsed item, or null when its text is not a version. Parsed once, on first use.
  [[nodiscard]] const Version* version(std::size_t index);
  // What "===" compares: the text as written, or a parsed item's normalized form.
  [[nodiscard]] std::string_view text(std::size_t index);

  void accept(std::size_t index) { m_accepted.push_back(index); }

  // The accepted indices after the policy: true keeps all; false drops pre-releases; nullopt
  // (PEP 440 default) drops pre-releases when a final release was accepted. Text that is not a
  // version has no pre-release status and is kept.
  [[nodiscard]] std::vector<std::size_t> apply(std::optional<bool> prereleases);

 private:
  std::span<const MatchItem> m_items;
  std::vector<std::optional<Version>> m_parsed;
  std::vector<std::uint8_t> m_state;  // 0: not parsed yet, 1: parsed, 2: not a version
  std::vector<std::string> m_texts;
  std::vector<std::size_t> m_accepted;
};

}  // namespace gator::pep440::detail

#pragma once

// Helpers shared by the specifiers.json table tests.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.hpp"
#include "pep440/specifier.hpp"

namespace gator::pep440::testing {

using nlohmann::json;

// JSON null -> nullopt.
inline std::optional<bool> tri_state(const json& record, const char* key) {
  if (!record.contains(key) || record[key].is_null())
    return std::nullopt;
  return record[key].get<bool>();
}

// A list of items as the tests pass them: a string, or {"version_object": s} (a parsed Version).
class Items {
 public:
  explicit Items(const json& list) {
    if (!list.is_array()) {
      add(list);
    } else {
      for (const json& item : list)
        add(item);
    }
  }
  [[nodiscard]] const std::vector<MatchItem>& items() const { return m_items; }
  [[nodiscard]] const json& raw(std::size_t index) const { return m_raw[index]; }

 private:
  void add(const json& item) {
    m_raw.push_back(item);
    if (item.is_object()) {
      const auto version = Version::parse(item["version_object"].get<std::string>());
      EXPECT_TRUE(version);
      m_versions.push_back(*version);
      m_items.push_back(MatchItem{{}, &m_versions.back()});
    } else {
      m_texts.push_back(item.get<std::string>());
      m_items.push_back(MatchItem{m_texts.back(), nullptr});
    }
  }

  std::deque<Version> m_versions;  // stable addresses
  std::deque<std::string> m_texts;
  std::vector<MatchItem> m_items;
  std::vector<json> m_raw;
};

// Either a Specifier or a SpecifierSet, as the record's "kind" says.
class AnySpecifier {
 public:
  static std::optional<AnySpecifier> parse(const std::string& kind, const std::string& text,
                                           std::optional<bool> prereleases) {
    AnySpecifier out;
    if (kind == "Specifier") {
      auto spec = Specifier::parse(text, prereleases);
      if (!spec)
        return std::nullopt;
      out.m_one = std::move(*spec);
    } else {
      auto set = SpecifierSet::parse(text, prereleases);
      if (!set)
        return std::nullopt;
      out.m_set = std::move(*set);
    }
    return out;
  }

  [[nodiscard]] bool contains(const MatchItem& item, std::optional<bool> prereleases,
                              Installed installed) const {
    return m_one ? m_one->contains(item, prereleases)
                 : m_set->contains(item, prereleases, installed);
  }
  [[nodiscard]] std::vector<std::size_t> filter(std::span<const MatchItem> items,
                                                std::optional<bool> prereleases) const {
    return m_one ? m_one->filter(items, prereleases) : m_set->filter(items, prereleases);
  }
  void set_prereleases(std::optional<bool> value) {
    if (m_one)
      m_one->set_prereleases(value);
    else
      m_set->set_prereleases(value);
  }
  [[nodiscard]] std::string to_string() const {
    return m_one ? m_one->to_string() : m_set->to_string();
  }
  friend bool operator==(const AnySpecifier& a, const AnySpecifier& b) {
    if (a.m_one && b.m_one)
      return *a.m_one == *b.m_one;
    if (a.m_set && b.m_set)
      return *a.m_set == *b.m_set;
    return false;
  }

 private:
  std::optional<Specifier> m_one;
  std::optional<SpecifierSet> m_set;
};

inline AnySpecifier must_parse(const json& record, const char* key,
                               std::optional<bool> prereleases = std::nullopt) {
  const std::string kind = record.contains("kind") ? record["kind"] : "SpecifierSet";
  auto spec = AnySpecifier::parse(kind, record[key].get<std::string>(), prereleases);
  EXPECT_TRUE(spec) << record[key];
  return spec ? *spec : *AnySpecifier::parse("SpecifierSet", "", std::nullopt);
}

inline SpecifierSet must_parse_set(const std::string& text,
                                   std::optional<bool> prereleases = std::nullopt) {
  auto set = SpecifierSet::parse(text, prereleases);
  EXPECT_TRUE(set) << text;
  return set ? *set : SpecifierSet();
}

}  // namespace gator::pep440::testing

#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/ranges.hpp"
#include "pep440/version.hpp"
#include "util/parse_error.hpp"

namespace gator::pep440 {

enum class Operator : std::uint8_t {
  compatible,     // ~=
  equal,          // ==
  not_equal,      // !=
  less_equal,     // <=
  greater_equal,  // >=
  less,           // <
  greater,        // >
  arbitrary,      // ===
};
[[nodiscard]] std::string_view to_string(Operator op);

// pip's "the candidate is already installed" allowance for pre-releases.
enum class Installed : bool { no, yes };

// Something to match against a specifier. `===` compares text literally, so an item is either
// the text as written or an already parsed version (compared in its normalized form).
struct MatchItem {
  std::string_view text;             // used when `version` is null
  const Version* version = nullptr;  // a parsed version: `text` is ignored
};

// One clause such as ">=1.0" or "==2.3.*", with the matching rules of packaging 26 (PEP 440
// plus packaging's pre-release policy). A prereleases override is tri-state: nullopt follows
// the default policy, true/false force pre-releases in or out.
//
// The default policy (PEP 440: "unless ... the only available version that satisfies the
// specifier is a pre-release") works on a list: filter() drops the matching pre-releases when a
// final release matches too. contains() is filter() of one item, so with the default policy a
// lone pre-release in range is contained: SpecifierSet(">=1.0").contains(2.0a1) is true. To
// pick candidates like pip, filter() the candidate list, or pass prereleases=false.
class Specifier {
 public:
  [[nodiscard]] static std::expected<Specifier, util::ParseError> parse(
      std::string_view text, std::optional<bool> prereleases = std::nullopt);

  [[nodiscard]] Operator op() const { return m_op; }
  // The version text as written after the operator (surrounding whitespace removed).
  [[nodiscard]] const std::string& version_text() const { return m_version_text; }
  // The parsed version, without the ".*" of a wildcard; nullopt for "===" text that is not a
  // valid version.
  [[nodiscard]] const std::optional<Version>& version() const { return m_version; }
  [[nodiscard]] bool is_wildcard() const { return m_wildcard; }

  // Operator and version text: "==1.0", ">=2.0a1".
  [[nodiscard]] std::string to_string() const;

  // packaging's `prereleases` property: the override if set, else whether this clause names a
  // pre-release (false for != and ==X.*, nullopt for === text that is not a version).
  [[nodiscard]] std::optional<bool> prereleases() const;
  void set_prereleases(std::optional<bool> value) { m_prereleases = value; }
  [[nodiscard]] std::optional<bool> prereleases_override() const { return m_prereleases; }

  // Text that is not a version never matches, except with "===". "===" compares text
  // case-insensitively in ASCII only (Python lowers all of Unicode; no real version needs it).
  [[nodiscard]] bool contains(const Version& version,
                              std::optional<bool> prereleases = std::nullopt) const;
  [[nodiscard]] bool contains(std::string_view text,
                              std::optional<bool> prereleases = std::nullopt) const;
  [[nodiscard]] bool contains(const MatchItem& item, std::optional<bool> prereleases) const;

  // Indices of the matching items, in order.
  [[nodiscard]] std::vector<std::size_t> filter(
      std::span<const MatchItem> items, std::optional<bool> prereleases = std::nullopt) const;

  // Equal when they accept the same versions by spelling: "==1.0" == "==1.0.0"; the
  // prereleases override is ignored.
  friend bool operator==(const Specifier& a, const Specifier& b) {
    return a.m_op == b.m_op && a.m_canonical == b.m_canonical;
  }
  [[nodiscard]] std::size_t hash() const;

  // The clause as ranges of the version line ("===" is the full line).
  [[nodiscard]] const detail::Ranges& ranges() const { return m_ranges; }

 private:
  friend class SpecifierSet;
  Specifier() = default;
  [[nodiscard]] std::optional<bool> effective_prereleases(std::optional<bool> requested) const;

  Operator m_op = Operator::equal;
  bool m_wildcard = false;
  std::string m_version_text;
  std::string m_canonical;
  std::optional<Version> m_version;
  std::optional<bool> m_prereleases;
  detail::Ranges m_ranges;
};

// Comma-separated clauses, all of which must match ("" matches everything).
class SpecifierSet {
 public:
  SpecifierSet() = default;
  explicit SpecifierSet(std::vector<Specifier> specifiers,
                        std::optional<bool> prereleases = std::nullopt);

  [[nodiscard]] static std::expected<SpecifierSet, util::ParseError> parse(
      std::string_view text, std::optional<bool> prereleases = std::nullopt);

  // All clauses match (see Specifier for the pre-release policy). The prereleases argument
  // wins over the set's override, which wins over the clauses' own prereleases(); an
  // Installed::yes pre-release is always allowed.
  [[nodiscard]] bool contains(const Version& version,
                              std::optional<bool> prereleases = std::nullopt,
                              Installed installed = Installed::no) const;
  [[nodiscard]] bool contains(std::string_view text, std::optional<bool> prereleases = std::nullopt,
                              Installed installed = Installed::no) const;
  [[nodiscard]] bool contains(const MatchItem& item, std::optional<bool> prereleases,
                              Installed installed) const;

  // Indices of the matching items, in order. With the default policy pre-releases are
  // dropped unless no final release matches; text that is not a version is skipped (kept only
  // by "===" or by an empty set, as in packaging).
  [[nodiscard]] std::vector<std::size_t> filter(
      std::span<const MatchItem> items, std::optional<bool> prereleases = std::nullopt) const;
  [[nodiscard]] std::vector<Version> filter(std::span<const Version> versions,
                                            std::optional<bool> prereleases = std::nullopt) const;

  // Canonical form: clauses sorted by text, duplicates (by ==) removed: "!=1.0.1,>=1.0".
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] bool empty() const { return m_specs.empty(); }
  [[nodiscard]] std::size_t size() const { return m_specs.size(); }
  [[nodiscard]] const std::vector<Specifier>& specifiers() const { return m_specs; }
  [[nodiscard]] auto begin() const { return m_specs.begin(); }
  [[nodiscard]] auto end() const { return m_specs.end(); }

  // The override if set; else nullopt for an empty set, true if a clause names a pre-release,
  // else nullopt.
  [[nodiscard]] std::optional<bool> prereleases() const;
  void set_prereleases(std::optional<bool> value) { m_prereleases = value; }
  [[nodiscard]] std::optional<bool> prereleases_override() const { return m_prereleases; }

  // `a & b`: all clauses of both. Fails when one forces pre-releases on and the other off.
  [[nodiscard]] std::expected<SpecifierSet, std::string> combine(const SpecifierSet& other) const;

  // No version at all can satisfy every clause (under the pre-release override, if false).
  [[nodiscard]] bool is_unsatisfiable() const;

  // Relations between the sets of versions two specifier sets accept. They fail for sets with
  // "===" (a literal string match, not a set of versions) and for sets whose pre-release
  // overrides differ.
  [[nodiscard]] std::expected<bool, std::string> is_subset(const SpecifierSet& other) const;
  [[nodiscard]] std::expected<bool, std::string> is_superset(const SpecifierSet& other) const;
  [[nodiscard]] std::expected<bool, std::string> is_disjoint(const SpecifierSet& other) const;

  // Equal canonical clause lists; the prereleases override is ignored.
  friend bool operator==(const SpecifierSet& a, const SpecifierSet& b);
  [[nodiscard]] std::size_t hash() const;

  // The intersection of every clause's ranges (empty vector: nothing matches).
  [[nodiscard]] const detail::Ranges& ranges() const { return m_ranges; }

 private:
  void compute_ranges();
  [[nodiscard]] bool arbitrary_unsatisfiable() const;
  [[nodiscard]] std::optional<std::string> relation_error(const SpecifierSet& other) const;
  [[nodiscard]] std::vector<const Specifier*> canonical() const;

  std::vector<Specifier> m_specs;
  std::optional<bool> m_prereleases;
  bool m_has_arbitrary = false;
  detail::Ranges m_ranges = detail::full_range();
};

// packaging.utils.canonicalize_version: the normalized text, optionally without trailing zero
// release components ("1.0.0" -> "1"); text that is not a version comes back unchanged.
[[nodiscard]] std::string canonicalize_version(std::string_view text,
                                               bool strip_trailing_zero = true);
[[nodiscard]] std::string canonicalize_version(const Version& version,
                                               bool strip_trailing_zero = true);

}  // namespace gator::pep440

template <>
struct std::hash<gator::pep440::Specifier> {
  std::size_t operator()(const gator::pep440::Specifier& spec) const { return spec.hash(); }
};

template <>
struct std::hash<gator::pep440::SpecifierSet> {
  std::size_t operator()(const gator::pep440::SpecifierSet& set) const { return set.hash(); }
};

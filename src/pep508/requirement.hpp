#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/specifier.hpp"
#include "pep508/marker.hpp"
#include "pep508/name.hpp"
#include "util/parse_error.hpp"

namespace gator::pep508 {

// A PEP 508 dependency specifier, `name [extras] (specifier | @ url) ; marker`, parsed with the
// grammar and whitespace rules of pypa/packaging (26.4.dev0).
class Requirement {
 public:
  [[nodiscard]] static std::expected<Requirement, util::ParseError> parse(std::string_view text);

  // The name as written ("PyTorch_Triton") and normalized ("pytorch-triton").
  [[nodiscard]] const std::string& name() const { return m_name; }
  [[nodiscard]] const PackageName& package_name() const { return m_package_name; }

  // The extras as written, sorted and without exact duplicates; has_extra() compares names.
  [[nodiscard]] const std::vector<std::string>& extras() const { return m_extras; }
  [[nodiscard]] bool has_extra(std::string_view extra) const;

  // Empty when the requirement has none (also when it has a URL).
  [[nodiscard]] const pep440::SpecifierSet& specifier() const { return m_specifier; }
  // The text after `@`, unchecked beyond "no spaces" (packaging accepts `file:.` and alike).
  [[nodiscard]] const std::optional<std::string>& url() const { return m_url; }
  [[nodiscard]] const std::optional<Marker>& marker() const { return m_marker; }

  // Canonical text: `name[a,b]>=1.0; marker` or `name[a] @ url ; marker` (the space before `;`
  // keeps the URL from swallowing it); the name and extras as written.
  [[nodiscard]] std::string to_string() const;

  // Equal names and extras as names, equal specifier sets, URLs and markers.
  friend bool operator==(const Requirement& a, const Requirement& b);

 private:
  explicit Requirement(PackageName package_name) : m_package_name(std::move(package_name)) {}

  std::string m_name;
  PackageName m_package_name;
  std::vector<std::string> m_extras;
  std::vector<std::string> m_extra_names;  // normalized, sorted, unique
  pep440::SpecifierSet m_specifier;
  std::optional<std::string> m_url;
  std::optional<Marker> m_marker;
};

}  // namespace gator::pep508

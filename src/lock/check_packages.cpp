// Checks across package entries: every package must narrow down to one entry at install time,
// and every entry of packages.dependencies must name exactly one package entry.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lock/reader.hpp"
#include "lock/toml_text.hpp"

namespace gator::lock::detail {

namespace {

// Key-by-key: a table matches when each of its keys matches the same key of `actual` (so
// {vcs = {url = "..."}} names the entry whose vcs table has that url); other values are equal.
[[nodiscard]] bool matches(const TomlValue& expected, const TomlValue& actual) {
  if (!expected.is_table())
    return expected == actual;
  if (!actual.is_table())
    return false;
  for (std::size_t i = 0; i < expected.keys.size(); ++i) {
    const TomlValue* value = actual.find(expected.keys[i]);
    if (value == nullptr || !matches(expected.items[i], *value))
      return false;
  }
  return true;
}

// Whether the package entry has the value `expected` under `key`, comparing versions, markers
// and specifiers by meaning and everything else as TOML data (tables key by key).
[[nodiscard]] bool has_value(const Reader& reader, const ReadPackage& entry, const std::string& key,
                             const TomlValue& expected) {
  const Package& package = entry.package;
  if (key == "version" && expected.type == TomlValue::Type::string) {
    const auto version = pep440::Version::parse(expected.text);
    if (version && package.version)
      return *version == *package.version;
  }
  if (key == "marker" && expected.type == TomlValue::Type::string) {
    const auto marker = pep508::Marker::parse(expected.text);
    if (marker && package.marker)
      return *marker == *package.marker;
  }
  if (key == "requires-python" && expected.type == TomlValue::Type::string) {
    const auto specifier = pep440::SpecifierSet::parse(expected.text);
    if (specifier && package.requires_python)
      return *specifier == *package.requires_python;
  }
  const toml::node* actual = entry.table->get(key);
  return actual != nullptr && matches(expected, reader.value(*actual, "packages." + key));
}

[[nodiscard]] std::string describe(const Dependency& dependency) {
  TomlValue all = dependency.keys;
  all.set("name", TomlValue::make_string(dependency.name));
  return toml_inline(all);
}

}  // namespace

void check_packages(const Reader& reader, const std::vector<ReadPackage>& packages) {
  std::map<std::string_view, std::vector<std::size_t>> by_name;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    const Package& package = packages[i].package;
    std::vector<std::size_t>& same_name = by_name[package.name];
    for (const std::size_t j : same_name) {
      const Package& earlier = packages[j].package;
      if (earlier.name != package.name || earlier.marker != package.marker)
        continue;
      reader.fail(reader.place(*packages[i].table),
                  "package " + shown(package.name) + " is listed twice (first at line " +
                      std::to_string(earlier.position.line) + ") " +
                      (package.marker ? "with the same marker" : "without a marker"),
                  "an installer must narrow a package down to one entry: give each entry a "
                  "`marker` for the environments it is for, or keep one entry");
    }
    same_name.push_back(i);
  }

  for (const ReadPackage& entry : packages) {
    const toml::node* list = entry.table->get("dependencies");
    for (std::size_t d = 0; d < entry.package.dependencies.size(); ++d) {
      const Dependency& dependency = entry.package.dependencies[d];
      std::vector<const ReadPackage*> matches;
      const auto named = by_name.find(dependency.name);
      for (const std::size_t index :
           named == by_name.end() ? std::vector<std::size_t>{} : named->second) {
        const ReadPackage& candidate = packages[index];
        bool all = true;
        for (std::size_t k = 0; k < dependency.keys.keys.size() && all; ++k)
          all = has_value(reader, candidate, dependency.keys.keys[k], dependency.keys.items[k]);
        if (all)
          matches.push_back(&candidate);
      }
      if (matches.size() == 1)
        continue;
      const toml::node& at = *list->as_array()->get(d);
      if (matches.empty())
        reader.fail(reader.place(at),
                    "dependency " + describe(dependency) + " of " + shown(entry.package.name) +
                        " matches no package entry",
                    "each entry of `dependencies` names a package of this lock file");
      std::string lines;
      for (std::size_t m = 0; m < matches.size(); ++m)
        lines += (m == 0                    ? ""
                  : m + 1 == matches.size() ? " and "
                                            : ", ") +
                 std::to_string(matches[m]->package.position.line);
      reader.fail(reader.place(at),
                  "dependency " + describe(dependency) + " of " + shown(entry.package.name) +
                      " matches " + std::to_string(matches.size()) + " package entries (lines " +
                      lines + ")",
                  "add the keys that tell the entries apart, such as version = \"1.0\"");
    }
  }
}

}  // namespace gator::lock::detail

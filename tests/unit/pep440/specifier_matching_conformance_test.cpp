// specifiers.json: contains, prerelease_override, filter, intersection_property.
#include <set>

#include "specifier_support.hpp"

namespace gator::pep440::testing {
namespace {

const std::string k_file = "specifiers.json";

Installed installed_of(const json& record) {
  return tri_state(record, "call_installed") == true ? Installed::yes : Installed::no;
}

TEST(SpecifierConformance, Contains) {
  test::for_each_record(k_file, "contains", [](const json& record) {
    const AnySpecifier spec =
        must_parse(record, "specifier", tri_state(record, "constructor_prereleases"));
    const Items item(record["item"]);
    EXPECT_EQ(
        spec.contains(item.items()[0], tri_state(record, "call_prereleases"), installed_of(record)),
        record["expected"].get<bool>());
  });
}

TEST(SpecifierConformance, PrereleaseOverride) {
  test::for_each_record(k_file, "prerelease_override", [](const json& record) {
    AnySpecifier spec = must_parse(record, "specifier", tri_state(record, "initial_prereleases"));
    const Items item(record["version"]);
    EXPECT_EQ(spec.contains(item.items()[0], std::nullopt, Installed::no),
              record["initial_contains"].get<bool>());
    spec.set_prereleases(tri_state(record, "set_prereleases"));
    EXPECT_EQ(spec.contains(item.items()[0], std::nullopt, Installed::no),
              record["final_contains"].get<bool>());
  });
}

TEST(SpecifierConformance, Filter) {
  test::for_each_record(k_file, "filter", [](const json& record) {
    const AnySpecifier spec =
        must_parse(record, "specifier", tri_state(record, "constructor_prereleases"));
    const Items input(record["input"]);
    json actual = json::array();
    for (const std::size_t index :
         spec.filter(input.items(), tri_state(record, "call_prereleases")))
      actual.push_back(input.raw(index));
    EXPECT_EQ(actual, record["expected"]);
  });
}

TEST(SpecifierConformance, IntersectionProperty) {
  test::for_each_record(k_file, "intersection_property", [](const json& record) {
    const std::string spec1 = record["spec1"];
    const std::string spec2 = record["spec2"];
    const Items input(record["input"]);
    const auto matched = [&](const auto& spec) {
      std::set<std::string> out;
      for (const std::size_t index : spec.filter(input.items(), std::nullopt))
        out.insert(input.raw(index).template get<std::string>());
      return out;
    };
    const std::set<std::string> left = matched(*Specifier::parse(spec1));
    const std::set<std::string> right = matched(*Specifier::parse(spec2));
    std::set<std::string> both;
    for (const std::string& item : left)
      if (right.contains(item))
        both.insert(item);
    EXPECT_EQ(both, matched(must_parse_set(spec1 + "," + spec2)));
  });
}

}  // namespace
}  // namespace gator::pep440::testing

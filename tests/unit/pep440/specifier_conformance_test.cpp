// specifiers.json: parsing, str, properties, equality, length, combine, set relations,
// satisfiability.
#include <set>

#include "specifier_support.hpp"

namespace gator::pep440::testing {
namespace {

const std::string k_file = "specifiers.json";

TEST(SpecifierConformance, Valid) {
  test::for_each_record(k_file, "valid", [](const json& record) {
    const std::string text = record["specifier"];
    if (record["kind"] == "Specifier") {
      const auto spec = Specifier::parse(text);
      ASSERT_TRUE(spec) << spec.error().render();
      // The canonical text parses back to an equal clause.
      EXPECT_EQ(*Specifier::parse(spec->to_string()), *spec);
    } else {
      const auto set = SpecifierSet::parse(text);
      ASSERT_TRUE(set) << set.error().render();
      EXPECT_EQ(*SpecifierSet::parse(set->to_string()), *set);
    }
  });
}

TEST(SpecifierConformance, Invalid) {
  test::for_each_record(k_file, "invalid", [](const json& record) {
    const std::string text = record["specifier"];
    const auto error =
        record["kind"] == "Specifier"
            ? (Specifier::parse(text) ? std::nullopt
                                      : std::optional(Specifier::parse(text).error()))
            : (SpecifierSet::parse(text) ? std::nullopt
                                         : std::optional(SpecifierSet::parse(text).error()));
    ASSERT_TRUE(error) << "accepted " << text;
    EXPECT_LE(error->offset + error->length, text.size());
  });
}

TEST(SpecifierConformance, Str) {
  test::for_each_record(k_file, "str", [](const json& record) {
    EXPECT_EQ(must_parse(record, "input").to_string(), record["expected_str"].get<std::string>());
  });
}

TEST(SpecifierConformance, Properties) {
  test::for_each_record(k_file, "properties", [](const json& record) {
    const auto spec = Specifier::parse(record["specifier"].get<std::string>());
    ASSERT_TRUE(spec);
    EXPECT_EQ(to_string(spec->op()), record["operator"].get<std::string>());
    EXPECT_EQ(spec->version_text(), record["version"].get<std::string>());
  });
}

TEST(SpecifierConformance, PrereleaseProperty) {
  test::for_each_record(k_file, "prerelease_property", [](const json& record) {
    const auto spec = Specifier::parse(record["specifier"].get<std::string>());
    ASSERT_TRUE(spec);
    EXPECT_EQ(spec->prereleases(), tri_state(record, "expected_prereleases"));
  });
}

TEST(SpecifierConformance, Length) {
  test::for_each_record(k_file, "length", [](const json& record) {
    const SpecifierSet set = must_parse_set(record["specifier_set"]);
    EXPECT_EQ(set.size(), record["length"].get<std::size_t>());
    std::multiset<std::string> items;
    for (const Specifier& spec : set)
      items.insert(spec.to_string());
    const auto expected = record["items_unordered"].get<std::multiset<std::string>>();
    EXPECT_EQ(items, expected);
  });
}

TEST(SpecifierConformance, Equality) {
  test::for_each_record(k_file, "equality", [](const json& record) {
    const AnySpecifier left = must_parse(record, "left");
    const AnySpecifier right = must_parse(record, "right");
    EXPECT_EQ(left == right, record["equal"].get<bool>());
  });
}

TEST(SpecifierConformance, Combine) {
  test::for_each_record(k_file, "combine", [](const json& record) {
    const SpecifierSet left = must_parse_set(record["left"], tri_state(record, "left_prereleases"));
    const SpecifierSet right =
        must_parse_set(record["right"], tri_state(record, "right_prereleases"));
    const auto combined = left.combine(right);
    if (record.contains("expected_error")) {
      EXPECT_FALSE(combined);
      return;
    }
    ASSERT_TRUE(combined) << combined.error();
    if (record.contains("expected_equal_to")) {
      EXPECT_EQ(*combined, must_parse_set(record["expected_equal_to"]));
      EXPECT_EQ(combined->prereleases(), tri_state(record, "expected_prereleases"));
    }
    if (record.contains("expected_str")) {
      EXPECT_EQ(combined->to_string(), record["expected_str"].get<std::string>());
    }
    if (record.contains("expected_unsatisfiable")) {
      EXPECT_EQ(combined->is_unsatisfiable(), record["expected_unsatisfiable"].get<bool>());
    }
  });
}

TEST(SpecifierConformance, SetRelations) {
  test::for_each_record(k_file, "set_relations", [](const json& record) {
    const SpecifierSet left = must_parse_set(record["left"], tri_state(record, "left_prereleases"));
    const SpecifierSet right =
        must_parse_set(record["right"], tri_state(record, "right_prereleases"));
    const std::string relation = record["relation"];
    const auto result = relation == "is_subset"     ? left.is_subset(right)
                        : relation == "is_superset" ? left.is_superset(right)
                                                    : left.is_disjoint(right);
    if (record.contains("expected_error")) {
      EXPECT_FALSE(result);
    } else {
      ASSERT_TRUE(result) << result.error();
      EXPECT_EQ(*result, record["expected"].get<bool>());
    }
  });
}

TEST(SpecifierConformance, Satisfiability) {
  const json& samples = test::conformance_file(k_file)["satisfiability_sample_versions"];
  const Items sample_items(samples);
  test::for_each_record(k_file, "satisfiability", [&](const json& record) {
    const SpecifierSet set =
        must_parse_set(record["specifier_set"], tri_state(record, "constructor_prereleases"));
    EXPECT_EQ(set.is_unsatisfiable(), record["expected_unsatisfiable"].get<bool>());
    if (!record.contains("filter_check"))
      return;
    const std::string check = record["filter_check"];
    const std::optional<bool> prereleases =
        check.find("prereleases=True") != std::string::npos ? std::optional(true) : std::nullopt;
    const bool empty = set.filter(sample_items.items(), prereleases).empty();
    EXPECT_EQ(empty, check.find("must be empty") != std::string::npos) << check;
  });
}

}  // namespace
}  // namespace gator::pep440::testing

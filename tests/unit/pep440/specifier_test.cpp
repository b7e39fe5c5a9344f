#include "pep440/specifier.hpp"

#include <gtest/gtest.h>

namespace gator::pep440 {
namespace {

Version v(std::string_view text) {
  return *Version::parse(text);
}

SpecifierSet set(std::string_view text, std::optional<bool> prereleases = std::nullopt) {
  auto parsed = SpecifierSet::parse(text, prereleases);
  EXPECT_TRUE(parsed) << text;
  return parsed ? *parsed : SpecifierSet();
}

TEST(SpecifierSetTest, LocalLabels) {
  EXPECT_TRUE(set("==2.3.1").contains(v("2.3.1+rocm5.7")));
  EXPECT_TRUE(set("==2.3.1+rocm5.7").contains(v("2.3.1+rocm5.7")));
  EXPECT_FALSE(set("==2.3.1+rocm5.7").contains(v("2.3.1+rocm6.0")));
  EXPECT_FALSE(set("==2.3.1+rocm5.7").contains(v("2.3.1")));
}

TEST(SpecifierSetTest, ExclusiveOrderedComparisons) {
  EXPECT_FALSE(set(">1.0").contains(v("1.0.post1")));
  EXPECT_FALSE(set(">1.0").contains(v("1.0+local")));
  EXPECT_TRUE(set(">1.0").contains(v("1.0.1")));
  EXPECT_FALSE(set("<2.0").contains(v("2.0a1"), true));
  EXPECT_TRUE(set("<2.0rc1").contains(v("2.0a1")));
}

TEST(SpecifierSetTest, Basics) {
  const SpecifierSet numpy = set(">=1.24.0, <2.0");
  EXPECT_EQ(numpy.to_string(), "<2.0,>=1.24.0");
  EXPECT_TRUE(numpy.contains(v("1.26.4")));
  EXPECT_FALSE(numpy.contains(v("2.0.0")));
  EXPECT_FALSE(numpy.contains(v("1.26.0rc1"), false));
  EXPECT_TRUE(set("~=2.2").contains(v("2.9")));
  EXPECT_FALSE(set("~=2.2").contains(v("3.0")));
  EXPECT_TRUE(set("==1.*").contains(v("1.9")));
  EXPECT_FALSE(set("!=1.*").contains(v("1.9")));
  EXPECT_TRUE(set("").empty());
  EXPECT_EQ(set(">=1.0"), set(">=1.0.0"));
  EXPECT_FALSE(SpecifierSet::parse(">=1.0,foo"));
  EXPECT_EQ(SpecifierSet::parse(">=1.0, foo").error().offset, 7u);
}

TEST(SpecifierSetTest, DefaultPolicyAdmitsALonePreRelease) {
  // packaging 26: contains() is filter() of one item, and a pre-release alone is kept unless
  // pre-releases are switched off.
  EXPECT_TRUE(set(">=1.0").contains(v("2.0a1")));
  EXPECT_FALSE(set(">=1.0").contains(v("2.0a1"), false));
  EXPECT_FALSE(set(">=1.0", false).contains(v("2.0a1")));
  EXPECT_TRUE(set(">=1.0", false).contains(v("2.0a1"), std::nullopt, Installed::yes));
  const std::vector<Version> candidates{v("1.0"), v("2.0a1"), v("1.5")};
  const auto kept = set(">=1.0").filter(candidates);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[1], v("1.5"));
  EXPECT_EQ(set(">=1.0").filter(std::vector<Version>{v("2.0a1")}).size(), 1u);
}

TEST(SpecifierSetTest, ErrorsPointIntoTheWholeText) {
  const auto wrong_operator = SpecifierSet::parse(">=1.0, =>2.0");
  ASSERT_FALSE(wrong_operator);
  EXPECT_EQ(wrong_operator.error().render(),
            "invalid specifier: expected an operator (~=, ==, !=, <=, >=, <, >, ===)\n"
            "    >=1.0, =>2.0\n"
            "           ^");
  EXPECT_EQ(SpecifierSet::parse("~=1").error().message,
            "invalid specifier: ~= needs at least two release numbers, such as ~=1.4");
  EXPECT_EQ(SpecifierSet::parse("<=1.0+abc").error().message,
            "invalid specifier: a local version label is only allowed with == and !=");
  EXPECT_EQ(SpecifierSet::parse(">=").error().message,
            "invalid specifier: expected a version after the operator");
  const auto bad_version = SpecifierSet::parse(">=1.0, <2..0");
  EXPECT_EQ(bad_version.error().message, "invalid specifier: unexpected '.'");
  EXPECT_EQ(bad_version.error().offset, 9u);
  EXPECT_FALSE(SpecifierSet::parse("==1.0.*.5"));
  EXPECT_FALSE(SpecifierSet::parse("===a b"));
}

TEST(SpecifierSetTest, ArbitraryEqualityComparesText) {
  const SpecifierSet arbitrary = set("===1.0.0");
  EXPECT_TRUE(arbitrary.contains("1.0.0"));
  EXPECT_FALSE(arbitrary.contains("1.0"));
  // A string keeps its spelling; a parsed version is compared in its normalized form.
  EXPECT_FALSE(arbitrary.contains("1.00.0"));
  EXPECT_TRUE(arbitrary.contains(v("1.00.0")));
  EXPECT_TRUE(set("===foobar").contains("FooBar"));
  EXPECT_FALSE(arbitrary.is_subset(set(">=1")));
}

TEST(SpecifierSetTest, CombineAndRelations) {
  const auto both = set(">=1.0", true).combine(set("<2.0"));
  ASSERT_TRUE(both);
  EXPECT_EQ(both->to_string(), "<2.0,>=1.0");
  EXPECT_EQ(both->prereleases(), true);
  EXPECT_FALSE(set(">=1.0", true).combine(set("<2.0", false)));
  EXPECT_EQ(set(">=3.12,<3.13").is_subset(set(">=3.11")), true);
  EXPECT_EQ(set(">=3.11").is_superset(set("==3.12.*")), true);
  EXPECT_EQ(set("<3.12").is_disjoint(set(">=3.12")), true);
  EXPECT_TRUE(set(">2.0,<2.0.post1").is_unsatisfiable());
  EXPECT_FALSE(set("").is_unsatisfiable());
}

TEST(SpecifierSetTest, ManyClausesStayFastAndCorrect) {
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "!=1." + std::to_string(i) + ",";
  const SpecifierSet excluded = set(text);
  EXPECT_EQ(excluded.ranges().size(), 20001u);
  EXPECT_FALSE(excluded.contains(v("1.0")));
  EXPECT_FALSE(excluded.contains(v("1.19999+local")));
  EXPECT_TRUE(excluded.contains(v("1.20000")));
  EXPECT_TRUE(excluded.contains(v("1.5.1")));
  EXPECT_TRUE(excluded.contains(v("0.9")));
  EXPECT_FALSE(excluded.is_unsatisfiable());
}

TEST(CanonicalizeVersionTest, StripsTrailingZerosOrReturnsInput) {
  EXPECT_EQ(canonicalize_version("1.4.0.0"), "1.4");
  EXPECT_EQ(canonicalize_version("0.0"), "0");
  EXPECT_EQ(canonicalize_version("1.4.0", false), "1.4.0");
  EXPECT_EQ(canonicalize_version("not a version"), "not a version");
}

}  // namespace
}  // namespace gator::pep440

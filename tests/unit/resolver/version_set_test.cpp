#include "resolver/version_set.hpp"

#include <gtest/gtest.h>

namespace gator::resolver {

void PrintTo(const VersionSet& set, std::ostream* out) {
  *out << set.to_string();
}

namespace {

[[nodiscard]] pep440::Version v(std::string_view text) {
  return *pep440::Version::parse(text);
}

[[nodiscard]] VersionSet spec(std::string_view text) {
  return VersionSet::from_specifiers(*pep440::SpecifierSet::parse(text));
}

TEST(VersionSetTest, LocalLabelsFollowPep440) {
  EXPECT_TRUE(spec("==2.3.1").contains(v("2.3.1+rocm5.7")));
  EXPECT_FALSE(spec("==2.3.1+rocm5.7").contains(v("2.3.1")));
  EXPECT_FALSE(spec("==2.3.1+rocm5.7").contains(v("2.3.1+cu121")));
  EXPECT_FALSE(VersionSet::exactly(v("2.3.1")).contains(v("2.3.1+rocm5.7")));
  EXPECT_TRUE(spec(">=1.2.3").contains(v("1.2.3+foo")));
  EXPECT_FALSE(spec(">1.2.3").contains(v("1.2.3+foo")));
  EXPECT_FALSE(spec("<1.2.3").contains(v("1.2.3+foo")));
  EXPECT_TRUE(spec("<=1.2.3").contains(v("1.2.3+foo")));
}

TEST(VersionSetTest, SetAlgebra) {
  const VersionSet a = spec(">=1.0,<2.0");
  const VersionSet b = spec(">=1.5");
  EXPECT_EQ(a.intersection(b), spec(">=1.5,<2.0"));
  EXPECT_EQ(a.union_with(b), spec(">=1.0"));
  // ">=1.5" leaves the pre-releases of 1.5 to the difference ("<1.5" would not).
  EXPECT_EQ(a.difference(b), spec(">=1.0").difference(spec(">=1.5")));
  EXPECT_TRUE(a.difference(b).contains(v("1.5a1")));
  EXPECT_FALSE(a.difference(b).contains(v("1.5")));
  EXPECT_TRUE(spec("==1.7").is_subset_of(a));
  EXPECT_TRUE(spec("==3").is_disjoint(a));
  EXPECT_TRUE(a.union_with(a.complement()).is_any());
  EXPECT_TRUE(a.intersection(a.complement()).is_empty());
  EXPECT_TRUE(spec("==1.0,==2.0").is_empty());
  EXPECT_TRUE(VersionSet::any().is_any());
  EXPECT_TRUE(VersionSet::none().is_empty());
}

// The allocation-free subset and disjointness checks agree with the set operations, also at
// cuts such as "after 1.0 and its local labels".
TEST(VersionSetTest, RelationsAgreeWithSetOperations) {
  const std::vector<VersionSet> sets = {VersionSet::any(),
                                        VersionSet::none(),
                                        spec("==1.0"),
                                        spec("==1.0+local"),
                                        spec("!=1.0"),
                                        spec(">1.0"),
                                        spec(">=1.0"),
                                        spec("<=1.0"),
                                        spec("<1.0"),
                                        spec("~=1.0"),
                                        spec("==1.*"),
                                        spec(">1.0.post1"),
                                        spec("<2.0a1"),
                                        spec(">=1.0,!=1.5,<2"),
                                        spec("===1.0"),
                                        VersionSet::exactly(v("1.0")),
                                        spec("<1").union_with(spec(">=2,<3")),
                                        spec("!=1.0,!=2.0,!=3.0"),
                                        VersionSet::between(v("1.0"), v("2.0"))};
  for (const VersionSet& a : sets) {
    for (const VersionSet& b : sets) {
      SCOPED_TRACE(a.to_string() + " vs " + b.to_string());
      EXPECT_EQ(a.is_subset_of(b), a.difference(b).is_empty());
      EXPECT_EQ(a.is_disjoint(b), a.intersection(b).is_empty());
    }
  }
}

TEST(VersionSetTest, ArbitraryEqualityIsTheExactVersion) {
  EXPECT_TRUE(spec("===1.0").contains(v("1.0")));
  EXPECT_FALSE(spec("===1.0").contains(v("1.0+local")));
  EXPECT_TRUE(spec("===foobar").is_empty());
}

TEST(VersionSetTest, PinsAreRecognized) {
  EXPECT_TRUE(spec("==2.3.1").is_pin());
  EXPECT_TRUE(spec("==2.3.1+rocm5.7").is_pin());
  EXPECT_TRUE(VersionSet::exactly(v("1.0")).is_pin());
  EXPECT_FALSE(spec(">=1.0").is_pin());
  EXPECT_FALSE(spec("==1.*").is_pin());
}

TEST(VersionSetTest, TextReadsLikeSpecifiers) {
  EXPECT_EQ(spec("==2.3.1").to_string(), "==2.3.1");
  EXPECT_EQ(spec(">=1.0,<2").to_string(), ">=1.0,<2");
  EXPECT_EQ(spec(">=1.0,!=1.5,<2").to_string(), ">=1.0,!=1.5,<2");
  EXPECT_EQ(spec("!=1.5").to_string(), "!=1.5");
  EXPECT_EQ(spec(">1.0").to_string(), ">1.0");
  EXPECT_EQ(spec("<=1.0").to_string(), "<=1.0");
  EXPECT_EQ(VersionSet::any().to_string(), "*");
  EXPECT_EQ(VersionSet::none().to_string(), "<none>");
  EXPECT_EQ(spec("<1").union_with(spec(">=2,<3")).to_string(), "<1 || >=2,<3");
  EXPECT_EQ(VersionSet::exactly(v("1.0")).to_string(), "==1.0");
}

}  // namespace
}  // namespace gator::resolver

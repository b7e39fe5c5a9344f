#include "pep440/specifier.hpp"

#include <gtest/gtest.h>

namespace gator::pep440 {
namespace {

Version v(std::string_view text) {
  return *Version::parse(text);
}

SpecifierSet set(std::string_view text) {
  auto parsed = SpecifierSet::parse(text);
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

}  // namespace
}  // namespace gator::pep440

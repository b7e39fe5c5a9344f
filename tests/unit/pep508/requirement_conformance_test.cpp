// requirements.json (pypa/packaging's tests/test_requirements.py): every section, every record.
#include <algorithm>

#include <gtest/gtest.h>

#include "conformance.hpp"
#include "pep508/requirement.hpp"

namespace gator::pep508 {
namespace {

using nlohmann::json;

TEST(RequirementConformance, Valid) {
  test::for_each_record("requirements.json", "valid", [](const json& record) {
    const std::string text = record["requirement"];
    const auto requirement = Requirement::parse(text);
    ASSERT_TRUE(requirement) << requirement.error().render();
    const json& expected = record["expected"];
    if (expected.contains("name")) {
      EXPECT_EQ(requirement->name(), expected["name"].get<std::string>());
      EXPECT_EQ(requirement->package_name(),
                *PackageName::parse(expected["name"].get<std::string>()));
    }
    if (expected.contains("extras")) {
      auto extras = expected["extras"].get<std::vector<std::string>>();
      std::sort(extras.begin(), extras.end());
      extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
      EXPECT_EQ(requirement->extras(), extras);
    }
    if (expected.contains("url")) {
      if (expected["url"].is_null()) {
        EXPECT_FALSE(requirement->url()) << *requirement->url();
      } else {
        EXPECT_EQ(requirement->url(), expected["url"].get<std::string>());
      }
    }
    if (expected.contains("specifier")) {
      const auto specifier = pep440::SpecifierSet::parse(expected["specifier"].get<std::string>());
      ASSERT_TRUE(specifier) << specifier.error().render();
      EXPECT_EQ(requirement->specifier(), *specifier) << requirement->specifier().to_string();
    }
    if (expected.contains("marker")) {
      if (expected["marker"].is_null()) {
        EXPECT_FALSE(requirement->marker()) << requirement->marker()->to_string();
      } else {
        const auto marker = Marker::parse(expected["marker"].get<std::string>());
        ASSERT_TRUE(marker) << marker.error().render();
        ASSERT_TRUE(requirement->marker());
        EXPECT_EQ(*requirement->marker(), *marker) << requirement->marker()->to_string();
      }
    }
    // The canonical text reads back to an equal requirement with the same text.
    const auto reparsed = Requirement::parse(requirement->to_string());
    ASSERT_TRUE(reparsed) << requirement->to_string() << "\n" << reparsed.error().render();
    EXPECT_EQ(*reparsed, *requirement);
    EXPECT_EQ(reparsed->to_string(), requirement->to_string());
  });
}

TEST(RequirementConformance, Equality) {
  test::for_each_record("requirements.json", "equality", [](const json& record) {
    const auto left = Requirement::parse(record["left"].get<std::string>());
    const auto right = Requirement::parse(record["right"].get<std::string>());
    ASSERT_TRUE(left) << left.error().render();
    ASSERT_TRUE(right) << right.error().render();
    EXPECT_EQ(*left == *right, record["equal"].get<bool>());
    if (record.contains("str_equal")) {
      EXPECT_EQ(left->to_string() == right->to_string(), record["str_equal"].get<bool>());
    }
  });
}

TEST(RequirementConformance, Str) {
  test::for_each_record("requirements.json", "str", [](const json& record) {
    const auto requirement = Requirement::parse(record["requirement"].get<std::string>());
    ASSERT_TRUE(requirement) << requirement.error().render();
    EXPECT_EQ(requirement->to_string(), record["expected_str"].get<std::string>());
  });
}

TEST(RequirementConformance, Invalid) {
  test::for_each_record("requirements.json", "invalid", [](const json& record) {
    const std::string text = record["requirement"];
    const auto requirement = Requirement::parse(text);
    ASSERT_FALSE(requirement) << requirement->to_string();
    EXPECT_LE(requirement.error().offset + requirement.error().length, text.size());
    EXPECT_FALSE(requirement.error().message.empty());
  });
}

}  // namespace
}  // namespace gator::pep508

#include "pep508/name.hpp"

#include <gtest/gtest.h>

#include "conformance.hpp"

namespace gator::pep508 {
namespace {

using nlohmann::json;

TEST(NameConformance, CanonicalizeName) {
  test::for_each_record("wheel_filenames.json", "canonicalize_name", [](const json& record) {
    const std::string name = record["name"];
    EXPECT_EQ(canonicalize_name(name), record["canonical"].get<std::string>());
    EXPECT_EQ(PackageName::parse(name).has_value(), record["valid"].get<bool>());
  });
}

TEST(NameConformance, IsNormalizedName) {
  test::for_each_record("wheel_filenames.json", "is_normalized_name", [](const json& record) {
    EXPECT_EQ(is_normalized_name(record["name"].get<std::string>()),
              record["is_normalized"].get<bool>());
  });
}

TEST(PackageNameTest, SpellingsOfOneProjectAreEqual) {
  EXPECT_EQ(PackageName::parse("PyTorch_Triton.ROCm")->str(), "pytorch-triton-rocm");
  EXPECT_EQ(*PackageName::parse("huggingface_hub"), *PackageName::parse("HuggingFace-Hub"));
}

TEST(PackageNameTest, InvalidNamePointsAtOffendingCharacter) {
  const auto result = PackageName::parse("torch vision");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().offset, 5u);
  EXPECT_FALSE(PackageName::parse(""));
  EXPECT_FALSE(PackageName::parse("-torch"));
}

}  // namespace
}  // namespace gator::pep508

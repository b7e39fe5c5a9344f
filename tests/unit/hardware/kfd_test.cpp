#include "hardware/kfd.hpp"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "fake_sysroot.hpp"

namespace gator::hardware {
namespace {

struct GfxRow {
  std::uint64_t value;
  const char* name;
};

TEST(GfxTargetTest, DecodesEveryKnownEncoding) {
  const GfxRow rows[] = {
      {90000, "gfx900"},   {90002, "gfx902"},   {90006, "gfx906"},   {90008, "gfx908"},
      {90010, "gfx90a"},   {90012, "gfx90c"},   {90400, "gfx940"},   {90402, "gfx942"},
      {100100, "gfx1010"}, {100300, "gfx1030"}, {100302, "gfx1032"}, {110000, "gfx1100"},
      {110501, "gfx1151"}, {120001, "gfx1201"}, {80003, "gfx803"},   {91515, "gfx9ff"},
  };
  for (const GfxRow& row : rows) {
    const auto target = decode_gfx_target_version(row.value);
    ASSERT_TRUE(target) << row.value << ": " << target.error();
    EXPECT_EQ(target->name(), row.name) << row.value;
  }
  EXPECT_EQ(*decode_gfx_target_version(90010), (GfxTarget{9, 0, 10}));
  EXPECT_EQ(*decode_gfx_target_version(100300), (GfxTarget{10, 3, 0}));
}

TEST(GfxTargetTest, RejectsValuesWithoutAName) {
  struct Row {
    std::uint64_t value;
    const char* error;
  };
  const Row rows[] = {
      {0, "major version 0 is not a GPU generation"},
      {9999, "major version 0 is not a GPU generation"},
      {90016, "stepping 16 does not fit one hex digit"},
      {91600, "minor version 16 does not fit one hex digit"},
      {1000000, "major version 100 is out of range"},
      {UINT64_MAX, "major version 1844674407370955 is out of range"},
  };
  for (const Row& row : rows) {
    const auto target = decode_gfx_target_version(row.value);
    ASSERT_FALSE(target) << row.value;
    EXPECT_EQ(target.error(), row.error) << row.value;
  }
}

TEST(KfdPropertiesTest, ParsesKeysValuesAndLines) {
  const auto parsed = parse_kfd_properties(test::gpu_properties(90000, 0x6861, 128));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->entries.size(), 38u);
  ASSERT_NE(parsed->find("gfx_target_version"), nullptr);
  EXPECT_EQ(parsed->find("gfx_target_version")->value, 90000u);
  EXPECT_EQ(parsed->find("gfx_target_version")->line, 19u);
  EXPECT_EQ(parsed->find("simd_id_base")->value, 2147487744u);
  EXPECT_EQ(parsed->find("device_id")->value, 0x6861u);
  EXPECT_EQ(parsed->find("nonexistent"), nullptr);
}

TEST(KfdPropertiesTest, ToleratesBlankLinesTabsAndNoFinalNewline) {
  const auto parsed =
      parse_kfd_properties("\nsimd_count\t4\r\n\n  unique_id   18446744073709551615");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->find("simd_count")->value, 4u);
  EXPECT_EQ(parsed->find("simd_count")->line, 2u);
  EXPECT_EQ(parsed->find("unique_id")->value, UINT64_MAX);
  EXPECT_EQ(parsed->find("unique_id")->line, 4u);
  EXPECT_TRUE(parse_kfd_properties(""));
}

TEST(KfdPropertiesTest, ErrorsNameTheLineAndTheValue) {
  struct Row {
    std::string text;
    std::size_t line;
    std::string message;
  };
  const Row rows[] = {
      {"simd_count 4\ngfx_target_version abc\n", 2,
       R"(invalid value "abc" for key "gfx_target_version": expected a decimal number)"},
      {"simd_count -1\n", 1,
       R"(invalid value "-1" for key "simd_count": expected a decimal number)"},
      {"simd_count 0x40\n", 1,
       R"(invalid value "0x40" for key "simd_count": expected a decimal number)"},
      {"a 1\ngarbage\n", 2, R"(malformed line "garbage": expected "<key> <value>")"},
      {"simd_count 4 5\n", 1, R"(malformed line "simd_count 4 5": expected "<key> <value>")"},
      {"Simd_Count 4\n", 1,
       R"(invalid key "Simd_Count": expected lower-case letters, digits and '_')"},
      {"unique_id 18446744073709551616\n", 1,
       R"(value "18446744073709551616" for key "unique_id" is out of range)"},
      {"simd_count 4\nsimd_count 8\n", 2, R"(duplicate key "simd_count" (first on line 1))"},
      {std::string("simd_count 4\n\x01\xff\0zz", 18), 2,
       R"(malformed line "\x01\xff\x00zz": expected "<key> <value>")"},
      {std::string(100, 'k') + "\n", 1,
       "malformed line \"" + std::string(60, 'k') + "\"...: expected \"<key> <value>\""},
  };
  for (const Row& row : rows) {
    const auto parsed = parse_kfd_properties(row.text);
    ASSERT_FALSE(parsed) << row.text;
    EXPECT_EQ(parsed.error(), (PropertiesError{row.line, row.message})) << row.text;
  }
}

TEST(KfdPropertiesTest, NeverCrashesOnArbitraryBytes) {
  // A poor man's fuzz run over every byte value and some shapes; a crash or hang is the failure.
  std::string text;
  for (int i = 0; i < 256; ++i) {
    text += static_cast<char>(i);
    (void)parse_kfd_properties(text);
    (void)parse_kfd_properties("key " + std::string(1, static_cast<char>(i)));
  }
  (void)parse_kfd_properties(std::string(1 << 20, '\n'));
  (void)parse_kfd_properties(std::string(1 << 20, '9'));
}

}  // namespace
}  // namespace gator::hardware

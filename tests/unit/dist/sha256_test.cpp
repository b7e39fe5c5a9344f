#include "dist/sha256.hpp"

#include <string>
#include <unordered_set>

#include <gtest/gtest.h>

namespace gator::dist {
namespace {

// sha256("") as published everywhere.
constexpr std::string_view k_empty =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(Sha256Test, ParsesAndNormalizesCase) {
  const auto digest = Sha256::parse(k_empty);
  ASSERT_TRUE(digest);
  EXPECT_EQ(digest->to_string(), k_empty);
  std::string upper(k_empty);
  for (char& c : upper)
    c = (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
  EXPECT_EQ(Sha256::parse(upper).value(), *digest);
  EXPECT_EQ(std::unordered_set<Sha256>({*digest, *Sha256::parse(upper)}).size(), 1u);
}

TEST(Sha256Test, BytesRoundTrip) {
  const Sha256 digest = Sha256::parse(k_empty).value();
  const auto bytes = digest.bytes();
  EXPECT_EQ(bytes[0], 0xe3);
  EXPECT_EQ(bytes[31], 0x55);
  EXPECT_EQ(Sha256::from_bytes(bytes), digest);
}

TEST(Sha256Test, RejectsWithSpans) {
  const auto bad_char = Sha256::parse(std::string(10, 'a') + "g" + std::string(53, 'a'));
  ASSERT_FALSE(bad_char);
  EXPECT_EQ(bad_char.error().offset, 10u);
  EXPECT_EQ(bad_char.error().length, 1u);
  const auto short_digest = Sha256::parse("abc");
  ASSERT_FALSE(short_digest);
  EXPECT_EQ(short_digest.error().message,
            "invalid sha256 digest: expected 64 hex characters, found 3");
  const auto long_digest = Sha256::parse(std::string(70, 'a'));
  ASSERT_FALSE(long_digest);
  EXPECT_EQ(long_digest.error().offset, 64u);
  EXPECT_EQ(long_digest.error().length, 6u);
  EXPECT_FALSE(Sha256::parse(""));
  EXPECT_FALSE(Sha256::parse("sha256:" + std::string(k_empty)));
}

TEST(Sha256Test, OrdersLikeItsText) {
  EXPECT_LT(Sha256::parse(std::string(64, '0')).value(), Sha256::parse(k_empty).value());
}

}  // namespace
}  // namespace gator::dist

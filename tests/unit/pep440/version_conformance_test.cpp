// versions.json: every section, every record.
#include <gtest/gtest.h>

#include "conformance.hpp"
#include "pep440/specifier.hpp"
#include "pep440/version.hpp"

namespace gator::pep440 {
namespace {

using nlohmann::json;

const std::string k_file = "versions.json";

// Compares an optional accessor with a JSON value that may be null.
template <class T>
void expect_optional(const std::optional<T>& actual, const json& expected, const char* what) {
  if (expected.is_null()) {
    EXPECT_FALSE(actual) << what;
  } else {
    EXPECT_EQ(actual, expected.get<T>()) << what;
  }
}

TEST(VersionConformance, Valid) {
  test::for_each_record(k_file, "valid", [](const json& record) {
    const auto version = Version::parse(record["input"].get<std::string>());
    ASSERT_TRUE(version) << version.error().render();
    const std::string normalized =
        record.contains("normalized") ? record["normalized"] : record["normalized_derived"];
    EXPECT_EQ(version->to_string(), normalized);
    // Normalization is a fixed point.
    EXPECT_EQ(Version::parse(normalized)->to_string(), normalized);
    EXPECT_EQ(*Version::parse(normalized), *version);
    const auto has = [&](const char* key) { return record.contains(key); };
    if (has("public")) {
      EXPECT_EQ(version->public_version(), record["public"].get<std::string>());
    }
    if (has("base_version")) {
      EXPECT_EQ(version->base_version(), record["base_version"].get<std::string>());
    }
    if (has("epoch")) {
      EXPECT_EQ(version->epoch(), record["epoch"].get<std::uint64_t>());
    }
    if (has("release")) {
      EXPECT_EQ(version->release(), record["release"].get<std::vector<std::uint64_t>>());
    }
    if (has("pre")) {
      std::optional<std::pair<std::string, std::uint64_t>> pre;
      if (version->pre())
        pre.emplace(std::string(to_string(version->pre()->kind)), version->pre()->number);
      expect_optional(pre, record["pre"], "pre");
    }
    if (has("post"))
      expect_optional(version->post(), record["post"], "post");
    if (has("dev"))
      expect_optional(version->dev(), record["dev"], "dev");
    if (has("local"))
      expect_optional(version->local(), record["local"], "local");
    if (has("is_prerelease")) {
      EXPECT_EQ(version->is_prerelease(), record["is_prerelease"].get<bool>());
    }
    if (has("is_devrelease")) {
      EXPECT_EQ(version->is_devrelease(), record["is_devrelease"].get<bool>());
    }
    if (has("is_postrelease")) {
      EXPECT_EQ(version->is_postrelease(), record["is_postrelease"].get<bool>());
    }
    if (has("major")) {
      EXPECT_EQ(version->major(), record["major"].get<std::uint64_t>());
    }
    if (has("minor")) {
      EXPECT_EQ(version->minor(), record["minor"].get<std::uint64_t>());
    }
    if (has("micro")) {
      EXPECT_EQ(version->micro(), record["micro"].get<std::uint64_t>());
    }
  });
}

TEST(VersionConformance, Invalid) {
  test::for_each_record(k_file, "invalid", [](const json& record) {
    const std::string input = record["input"];
    const auto version = Version::parse(input);
    ASSERT_FALSE(version) << version->to_string();
    EXPECT_LE(version.error().offset + version.error().length, input.size());
  });
}

// CPython refuses int() of more than 4300 digits; PEP 440 has no limit and neither do we: the
// oversized inputs parse, keep every digit, and compare exactly.
TEST(VersionConformance, PythonSpecificOversizedNumbersAreAccepted) {
  test::for_each_record(k_file, "python_specific", [](const json& record) {
    const std::string input = record["input"];
    const auto version = Version::parse(input);
    ASSERT_TRUE(version);
    EXPECT_EQ(version->to_string(), input);
  });
}

TEST(VersionConformance, OrderingAscending) {
  std::vector<Version> versions;
  test::for_each_record(k_file, "/ordering/ascending", [&](const json& record) {
    const auto version = Version::parse(record.get<std::string>());
    ASSERT_TRUE(version);
    versions.push_back(*version);
  });
  std::size_t checks = 0;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    for (std::size_t j = 0; j < versions.size(); ++j) {
      const Version& a = versions[i];
      const Version& b = versions[j];
      SCOPED_TRACE(a.to_string() + " vs " + b.to_string());
      EXPECT_EQ(a < b, i < j);
      EXPECT_EQ(a <= b, i <= j);
      EXPECT_EQ(a == b, i == j);
      EXPECT_EQ(a != b, i != j);
      EXPECT_EQ(a >= b, i >= j);
      EXPECT_EQ(a > b, i > j);
      EXPECT_EQ(a.hash() == b.hash(), i == j);
      checks += 6;
    }
  }
  EXPECT_GT(checks, 50000u);
}

TEST(VersionConformance, Equalities) {
  test::for_each_record(k_file, "equalities", [](const json& record) {
    const auto left = Version::parse(record["left"].get<std::string>());
    const auto right = Version::parse(record["right"].get<std::string>());
    ASSERT_TRUE(left && right);
    EXPECT_EQ(*left == *right, record["equal"].get<bool>());
  });
}

TEST(VersionConformance, FromParts) {
  test::for_each_record(k_file, "from_parts", [](const json& record) {
    const json& parts = record["parts"];
    VersionParts input;
    input.release = parts["release"].get<std::vector<std::uint64_t>>();
    if (parts.contains("epoch") && !parts["epoch"].is_null())
      input.epoch = parts["epoch"];
    if (parts.contains("pre") && !parts["pre"].is_null()) {
      const auto kind = pre_kind_from_spelling(parts["pre"][0].get<std::string>());
      ASSERT_TRUE(kind);
      input.pre = PreRelease{*kind, parts["pre"][1].get<std::uint64_t>()};
    }
    if (parts.contains("post") && !parts["post"].is_null())
      input.post = parts["post"].get<std::uint64_t>();
    if (parts.contains("dev") && !parts["dev"].is_null())
      input.dev = parts["dev"].get<std::uint64_t>();
    if (parts.contains("local") && !parts["local"].is_null())
      input.local = parts["local"].get<std::string>();
    const auto version = Version::from_parts(input);
    ASSERT_TRUE(version);
    EXPECT_EQ(*version, *Version::parse(record["equals_version"].get<std::string>()));
  });
}

TEST(VersionConformance, CanonicalizeVersion) {
  test::for_each_record(k_file, "canonicalize_version", [](const json& record) {
    const bool strip = record["strip_trailing_zero"];
    const json& input = record["input"];
    const std::string actual =
        input.is_object() ? canonicalize_version(
                                *Version::parse(input["version_object"].get<std::string>()), strip)
                          : canonicalize_version(input.get<std::string>(), strip);
    EXPECT_EQ(actual, record["expected"].get<std::string>());
  });
}

}  // namespace
}  // namespace gator::pep440

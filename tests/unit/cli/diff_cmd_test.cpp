#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "cli_harness.hpp"

namespace gator::cli {
namespace {

const std::string k_golden = GATOR_LOCK_GOLDEN_DIR;

TEST(DiffCommandTest, SameLockHasNoChanges) {
  const std::string mi25 = k_golden + "/pylock.mi25.toml";
  const CliResult result = run_cli({"diff", mi25, mi25});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, "no changes\n");
}

TEST(DiffCommandTest, DifferentLocksListChangesInTextAndJson) {
  const std::string mi25 = k_golden + "/pylock.mi25.toml";
  const std::string other = k_golden + "/pylock.kitchen-sink.toml";
  const CliResult text = run_cli({"diff", mi25, other});
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("removed     torch 2.3.1+rocm5.7"), std::string::npos) << text.out;
  const CliResult json = run_cli({"--json", "diff", mi25, other});
  EXPECT_EQ(json.code, 0);
  EXPECT_NE(json.out.find("\"kind\": \"removed\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"name\": \"torch\""), std::string::npos);
}

TEST(DiffCommandTest, MissingFileIsUsageAndMalformedLockIsInvalidInput) {
  EXPECT_EQ(run_cli({"diff", "/nonexistent/pylock.a.toml", "/nonexistent/pylock.b.toml"}).code, 2);
  const std::filesystem::path bad = std::filesystem::path(::testing::TempDir()) /
                                    ("pylock.bad-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(bad) << "lock-version = \"9.0\"\ncreated-by = \"x\"\npackages = []\n";
  const CliResult result = run_cli({"diff", bad.string(), bad.string()});
  EXPECT_EQ(result.code, 3) << result.err;
  EXPECT_EQ(result.err.rfind(bad.string() + ":1:", 0), 0u) << result.err;
  std::filesystem::remove(bad);
}

}  // namespace
}  // namespace gator::cli

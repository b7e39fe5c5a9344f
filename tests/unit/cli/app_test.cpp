#include "cli/app.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace gator::cli {
namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "gator-provision");
  std::ostringstream out, err;
  const int code = run(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(CliTest, HelpListsEveryDesignCommandAndExitCodes) {
  const Result result = run_cli({"--help"});
  EXPECT_EQ(result.code, 0);
  for (const char* command :
       {"apply", "lock", "doctor", "status", "verify", "diff", "cloud-init", "mirror", "run"}) {
    EXPECT_NE(result.out.find(command), std::string::npos) << command;
  }
  EXPECT_NE(result.out.find("Exit codes:"), std::string::npos);
  EXPECT_NE(result.out.find("--json"), std::string::npos);
}

TEST(CliTest, VersionPrintsProgramAndVersion) {
  const Result result = run_cli({"--version"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out, std::string("gator-provision ") + GATOR_TEST_VERSION + "\n");
}

TEST(CliTest, UnbuiltCommandSaysSoWithItsExitCode) {
  const Result result = run_cli({"apply", "mi25"});
  EXPECT_EQ(result.code, 9);
  EXPECT_EQ(result.err.rfind("gator-provision: error: `apply` is not available in this build", 0),
            0u)
      << result.err;
}

TEST(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_cli({}).code, 2);
  EXPECT_EQ(run_cli({"frobnicate"}).code, 2);
  EXPECT_EQ(run_cli({"apply"}).code, 2);  // PROFILE is required
  const Result both = run_cli({"--verbose", "--quiet", "lock", "mi25"});
  EXPECT_EQ(both.code, 2);
  EXPECT_NE(both.err.find("--verbose and --quiet"), std::string::npos);
}

TEST(CliTest, SubcommandHelpShowsCommonOptions) {
  const Result result = run_cli({"apply", "--help"});
  EXPECT_EQ(result.code, 0);
  for (const char* option :
       {"--venv", "--python", "--lockfile", "--index", "--offline", "--cache-dir", "--sysroot"}) {
    EXPECT_NE(result.out.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace gator::cli

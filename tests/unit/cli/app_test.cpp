#include "cli/app.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "cli_harness.hpp"

namespace gator::cli {
namespace {

TEST(CliTest, HelpListsEveryDesignCommandAndExitCodes) {
  const CliResult result = run_cli({"--help"});
  EXPECT_EQ(result.code, 0);
  for (const char* command : {"apply", "lock", "doctor", "status", "verify", "diff", "cloud-init",
                              "mirror", "run", "profile"}) {
    EXPECT_NE(result.out.find(command), std::string::npos) << command;
  }
  EXPECT_NE(result.out.find("Exit codes:"), std::string::npos);
  EXPECT_NE(result.out.find("--json"), std::string::npos);
}

TEST(CliTest, VersionPrintsProgramAndVersion) {
  const CliResult result = run_cli({"--version"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out, std::string("gator-provision ") + GATOR_TEST_VERSION + "\n");
}

TEST(CliTest, UnbuiltCommandSaysSoWithItsExitCode) {
  const CliResult result = run_cli({"cloud-init", "mi25"});
  EXPECT_EQ(result.code, 9);
  EXPECT_EQ(
      result.err,
      "gator-provision: error: `cloud-init` is not available in this build of gator-provision "
      "yet\n"
      "hint: see `gator-provision --help` for the exit codes; the command is planned "
      "(../shared/DESIGN.md)\n");
}

TEST(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_cli({}).code, 2);
  EXPECT_EQ(run_cli({"frobnicate"}).code, 2);
  EXPECT_EQ(run_cli({"apply"}).code, 2);  // PROFILE is required
  const CliResult both = run_cli({"--verbose", "--quiet", "lock", "mi25"});
  EXPECT_EQ(both.code, 2);
  EXPECT_NE(both.err.find("--verbose and --quiet"), std::string::npos);
}

TEST(CliTest, SubcommandHelpShowsCommonOptions) {
  const CliResult result = run_cli({"apply", "--help"});
  EXPECT_EQ(result.code, 0);
  for (const char* option :
       {"--venv", "--python", "--lockfile", "--index", "--offline", "--cache-dir", "--sysroot"}) {
    EXPECT_NE(result.out.find(option), std::string::npos) << option;
  }
  const CliResult nested = run_cli({"profile", "show", "--help"});
  EXPECT_EQ(nested.code, 0);
  EXPECT_NE(nested.out.find("print the merged profile"), std::string::npos) << nested.out;
}

}  // namespace
}  // namespace gator::cli

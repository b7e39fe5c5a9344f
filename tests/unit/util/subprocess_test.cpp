#include "util/subprocess.hpp"

#include <string>

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace gator::util {
namespace {

TEST(SubprocessTest, CapturesBothStreamsAndExitCode) {
  const ProcessResult result = run_process({"/bin/sh",
                                            {"-c", "echo out; echo err >&2; exit 3"},
                                            std::nullopt,
                                            {},
                                            std::chrono::seconds(30)});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
}

TEST(SubprocessTest, LargeOutputOnBothPipesDoesNotDeadlock) {
  const ProcessResult result = run_process(
      {"/bin/sh",
       {"-c", "head -c 1000000 /dev/zero | tr '\\0' a; head -c 1000000 /dev/zero | tr '\\0' b >&2"},
       std::nullopt,
       {},
       std::chrono::seconds(60)});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.size(), 1000000u);
  EXPECT_EQ(result.err.size(), 1000000u);
}

TEST(SubprocessTest, ExplicitEnvironmentReplacesInherited) {
  const ProcessResult result = run_process({"/bin/sh",
                                            {"-c", "echo \"$ONLY:${HOME:-unset}\""},
                                            std::map<std::string, std::string>{{"ONLY", "here"}},
                                            {},
                                            std::chrono::seconds(30)});
  EXPECT_EQ(result.out, "here:unset\n");
}

TEST(SubprocessTest, MissingProgramIsAnIoError) {
  try {
    (void)run_process({"/nonexistent/python3.11", {}, std::nullopt, {}, std::chrono::seconds(5)});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_STREQ(error.what(), "cannot run /nonexistent/python3.11");
  }
}

TEST(SubprocessTest, TimeoutKillsTheChild) {
  try {
    (void)run_process({"/bin/sleep", {"30"}, std::nullopt, {}, std::chrono::milliseconds(200)});
    FAIL() << "expected a timeout";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_STREQ(error.what(), "timed out running /bin/sleep");
  }
}

}  // namespace
}  // namespace gator::util

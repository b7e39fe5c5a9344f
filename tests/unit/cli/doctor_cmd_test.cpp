#include <gtest/gtest.h>

#include "cli_harness.hpp"
#include "fake_sysroot.hpp"

namespace gator::cli {
namespace {
namespace fake = hardware::test;

TEST(DoctorCommandTest, PassesOnMi25BoxWithRealPython) {
  fake::FakeSysroot box;
  fake::write_mi25_box(box);
  const CliResult result = run_cli({"doctor", "mi25", "--sysroot", box.root().string(), "--user",
                                    "gator", "--python", "/usr/bin/python3.11"});
  EXPECT_EQ(result.code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("[ok]   Python: 3.11."), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("doctor: 8 passed, 0 warnings, 0 failed\n"), std::string::npos)
      << result.out;
}

TEST(DoctorCommandTest, FailedCheckExitsWithFour) {
  fake::FakeSysroot box;
  fake::write_mi25_box(box);
  fake::write_accounts(box, "");
  const CliResult result = run_cli(
      {"doctor", "mi25", "--sysroot", box.root().string(), "--user", "gator", "--no-python"});
  EXPECT_EQ(result.code, 4);
  EXPECT_NE(result.out.find("    fix: add user gator to group render: usermod -aG render gator"),
            std::string::npos)
      << result.out;
}

TEST(DoctorCommandTest, JsonOutput) {
  fake::FakeSysroot box;
  fake::write_mi25_box(box);
  const CliResult result = run_cli({"--json", "doctor", "mi25", "--sysroot", box.root().string(),
                                    "--user", "gator", "--no-python"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out.rfind("{\n", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("\"passed\": true"), std::string::npos);
  EXPECT_NE(result.out.find("\"id\": \"kfd\""), std::string::npos);
}

TEST(DoctorCommandTest, MissingPythonIsAFailureListingWhereItLooked) {
  fake::FakeSysroot box;
  fake::write_mi25_box(box);
  const CliResult result = run_cli({"doctor", "mi25", "--sysroot", box.root().string(), "--user",
                                    "gator", "--python", box.root().string() + "/no/python3.11"});
  EXPECT_EQ(result.code, 4);
  EXPECT_NE(
      result.out.find("[FAIL] Python: no matching interpreter; looked at:\n      " +
                      box.root().string() + "/no/python3.11 (--python): not an executable file"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("    fix: install Python 3.11 (apt-get install python3.11 "
                            "python3.11-venv) or pass --python PATH\n"),
            std::string::npos);
}

TEST(DoctorCommandTest, UnknownProfileIsInvalidInput) {
  const CliResult result = run_cli({"doctor", "no-such-profile", "--no-python"});
  EXPECT_EQ(result.code, 3) << result.err;
  EXPECT_EQ(result.err.rfind("gator-provision: error: ", 0), 0u) << result.err;
}

TEST(ProfileCommandTest, ShowAndList) {
  const CliResult show = run_cli({"profile", "show", "mi25"});
  EXPECT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("HSA_OVERRIDE_GFX_VERSION"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("mi25.toml:"), std::string::npos) << show.out;
  const CliResult list = run_cli({"profile", "list"});
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("mi25\n"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("rocm5.7\n"), std::string::npos) << list.out;
}

}  // namespace
}  // namespace gator::cli

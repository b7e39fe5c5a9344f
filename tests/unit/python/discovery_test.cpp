#include "python/discovery.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace gator::python {
namespace {
namespace fs = std::filesystem;

class DiscoveryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Each test runs in its own process (gtest_discover_tests) and possibly in parallel.
    s_root = fs::path(::testing::TempDir()) / ("gator-discovery-" + std::to_string(::getpid()));
    fs::remove_all(s_root);
    fs::create_directories(s_root / "empty-home");
    const auto made =
        util::run_process({"/usr/bin/python3.11",
                           {"-m", "venv", "--without-pip", (s_root / "venv").string()},
                           std::nullopt,
                           {},
                           std::chrono::minutes(2)});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() { fs::remove_all(s_root); }
  static fs::path s_root;

  DiscoveryRequest request(std::string wanted, std::string path_env) const {
    return DiscoveryRequest{"", std::move(wanted), std::move(path_env), s_root / "empty-home", "",
                            {}};
  }
};
fs::path DiscoveryTest::s_root;

TEST_F(DiscoveryTest, RejectsAVirtualenvPythonAndFindsTheBase) {
  const Discovery found =
      discover_interpreter(request("3.11", (s_root / "venv" / "bin").string() + ":/usr/bin"));
  ASSERT_TRUE(found.found.has_value());
  EXPECT_FALSE(found.found->is_virtualenv());
  EXPECT_EQ(found.found->markers.python_version, "3.11");
  ASSERT_GE(found.probes.size(), 2u);
  EXPECT_EQ(found.probes.front().path, s_root / "venv" / "bin" / "python3.11");
  EXPECT_EQ(found.probes.front().origin, "PATH");
  EXPECT_EQ(found.probes.front().rejected.rfind("a virtualenv's interpreter (prefix ", 0), 0u)
      << found.probes.front().rejected;
  EXPECT_TRUE(found.probes.back().rejected.empty());
}

TEST_F(DiscoveryTest, ExplicitPathThatIsMissingIsReported) {
  DiscoveryRequest req = request("3.11", "");
  req.python_option = (s_root / "no-such-python").string();
  const Discovery found = discover_interpreter(req);
  EXPECT_FALSE(found.found.has_value());
  ASSERT_EQ(found.probes.size(), 1u);
  EXPECT_EQ(found.probes[0].origin, "--python");
  EXPECT_EQ(found.probes[0].rejected, "not an executable file");
}

TEST_F(DiscoveryTest, UnavailableVersionListsWhatWasTried) {
  const Discovery found = discover_interpreter(request(">=3.99", "/usr/bin"));
  EXPECT_FALSE(found.found.has_value());
  ASSERT_FALSE(found.probes.empty());
  for (const Probe& probe : found.probes) {
    EXPECT_NE(probe.rejected.find("does not match >=3.99"), std::string::npos) << probe.rejected;
  }
}

TEST_F(DiscoveryTest, VersionOptionOverridesTheProfile) {
  DiscoveryRequest req = request("3.99", "/usr/bin");
  req.python_option = "3.11";
  const Discovery found = discover_interpreter(req);
  ASSERT_TRUE(found.found.has_value());
  EXPECT_EQ(found.found->markers.python_version, "3.11");
}

TEST_F(DiscoveryTest, InvalidVersionRequestIsInvalidInput) {
  try {
    (void)discover_interpreter(request("3.1x", "/usr/bin"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    EXPECT_STREQ(error.what(), "invalid Python version request \"3.1x\"");
  }
}

}  // namespace
}  // namespace gator::python

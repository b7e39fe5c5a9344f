#include "provision/releases.hpp"

#include <gtest/gtest.h>

#include "profile_builder.hpp"
#include "provision/target.hpp"

namespace gator::provision {
namespace {

[[nodiscard]] index::IndexFile file(const std::string& filename) {
  return index::IndexFile(filename, http::RedactedUrl::from("https://files.example/" + filename));
}

[[nodiscard]] pep508::PackageName name(std::string_view text) {
  return *pep508::PackageName::parse(text);
}

[[nodiscard]] std::vector<std::string> names(const Release& release) {
  std::vector<std::string> out;
  for (const index::IndexFile* wheel : release.wheels)
    out.push_back(wheel->filename());
  return out;
}

class ReleasesTest : public ::testing::Test {
 protected:
  LockTarget m_target =
      make_lock_target(testing::make_profile({}), nullptr, HostFacts{"x86_64", "2.36"});
};

TEST_F(ReleasesTest, GroupsByVersionNewestFirstWithTheBestWheelFirst) {
  const std::vector<index::IndexFile> files = {
      file("numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
      file("numpy-1.26.4-cp311-cp311-manylinux_2_28_x86_64.whl"),
      file("numpy-1.26.4-cp311-cp311-manylinux_2_34_x86_64.whl"),
      file("numpy-1.26.4-cp311-cp311-musllinux_1_1_x86_64.whl"),
      file("numpy-1.26.4-cp310-cp310-manylinux_2_17_x86_64.whl"),
      file("numpy-1.26.4.tar.gz"),
      file("numpy-2.0.0-cp311-cp311-win_amd64.whl"),
      file("numpy-1.0.tar.gz"),
      file("numpy-README.txt"),
      file("scipy-1.13.0-cp311-cp311-manylinux_2_17_x86_64.whl"),
  };
  const auto releases = group_releases(name("numpy"), files, m_target.portable);
  ASSERT_EQ(releases.size(), 3u);
  EXPECT_EQ(releases[0].version.to_string(), "2.0.0");
  EXPECT_EQ(releases[0].status, resolver::WheelStatus::incompatible);
  EXPECT_FALSE(releases[0].has_sdist);
  EXPECT_EQ(releases[0].best(), nullptr);

  EXPECT_EQ(releases[1].version.to_string(), "1.26.4");
  EXPECT_EQ(releases[1].status, resolver::WheelStatus::compatible);
  EXPECT_TRUE(releases[1].has_sdist);
  EXPECT_EQ(names(releases[1]),
            (std::vector<std::string>{
                "numpy-1.26.4-cp311-cp311-manylinux_2_28_x86_64.whl",
                "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"}))
      << "glibc 2.31: not manylinux_2_34, not musllinux, not cp310";

  EXPECT_EQ(releases[2].version.to_string(), "1.0");
  EXPECT_EQ(releases[2].status, resolver::WheelStatus::none);
  EXPECT_TRUE(releases[2].has_sdist);

  const resolver::Candidate candidate = to_candidate(releases[1], "pypi");
  EXPECT_EQ(candidate.index, "pypi");
  EXPECT_EQ(candidate.handle, "numpy-1.26.4-cp311-cp311-manylinux_2_28_x86_64.whl");
  EXPECT_EQ(candidate.wheel, resolver::WheelStatus::compatible);
  EXPECT_TRUE(candidate.has_sdist);
}

TEST_F(ReleasesTest, LinuxTagsCountOnlyWithTheFullTagSet) {
  const std::vector<index::IndexFile> files = {
      file("torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl"),
  };
  EXPECT_EQ(group_releases(name("torch"), files, m_target.portable)[0].status,
            resolver::WheelStatus::incompatible);
  const auto releases = group_releases(name("torch"), files, m_target.supported);
  EXPECT_EQ(releases[0].status, resolver::WheelStatus::compatible);
  EXPECT_EQ(releases[0].version.to_string(), "2.3.1+rocm5.7");
}

TEST_F(ReleasesTest, YankedWheelsAreLeftOutUnlessAllAreYanked) {
  std::vector<index::IndexFile> files = {
      file("pillow-10.4.0-cp311-cp311-manylinux_2_28_x86_64.whl"),
      file("pillow-10.4.0-cp311-cp311-manylinux_2_17_x86_64.whl"),
      file("pillow-10.3.0-cp311-cp311-manylinux_2_28_x86_64.whl"),
      file("pillow-10.3.0-cp311-cp311-manylinux_2_17_x86_64.whl"),
  };
  files[0].yanked = "broken build";
  files[1].yanked = "broken build";
  files[2].yanked = "";
  const auto releases = group_releases(name("pillow"), files, m_target.portable);
  ASSERT_EQ(releases.size(), 2u);
  EXPECT_TRUE(releases[0].yanked);
  EXPECT_EQ(releases[0].yank_reason, "broken build");
  EXPECT_EQ(releases[0].wheels.size(), 2u);
  EXPECT_FALSE(releases[1].yanked);
  EXPECT_EQ(names(releases[1]),
            std::vector<std::string>{"pillow-10.3.0-cp311-cp311-manylinux_2_17_x86_64.whl"});
  EXPECT_TRUE(to_candidate(releases[0], "pypi").yanked);
}

TEST_F(ReleasesTest, RequiresPythonOfTheBestWheel) {
  std::vector<index::IndexFile> files = {
      file("demo-1.0.tar.gz"),
      file("demo-1.0-py3-none-any.whl"),
      file("demo-2.0.tar.gz"),
  };
  files[0].requires_python = *pep440::SpecifierSet::parse(">=3.6");
  files[1].requires_python = *pep440::SpecifierSet::parse(">=3.8");
  files[2].requires_python = *pep440::SpecifierSet::parse(">=3.12");
  const auto releases = group_releases(name("demo"), files, m_target.portable);
  ASSERT_EQ(releases.size(), 2u);
  EXPECT_EQ(releases[0].requires_python->to_string(), ">=3.12");
  EXPECT_EQ(releases[1].requires_python->to_string(), ">=3.8");
}

TEST_F(ReleasesTest, NoFiles) {
  EXPECT_TRUE(group_releases(name("demo"), {}, m_target.portable).empty());
}

}  // namespace
}  // namespace gator::provision

#include "provision/installed.hpp"

#include "venv_tree.hpp"

namespace gator::provision {
namespace {

namespace fs = std::filesystem;

using testing::DistributionSpec;
using testing::write_file;

class InstalledTest : public testing::VenvTreeTest {};

TEST_F(InstalledTest, ReadsNameVersionInstallerRequestedAndRecord) {
  install(DistributionSpec{"Foo.Bar", "01.2", {{"foo_bar/__init__.py", "X = 1\n"}}, true});
  const InstalledScan scan = scan_installed(scheme());
  EXPECT_TRUE(scan.problems.empty());
  EXPECT_EQ(scan.site_directories, std::vector<fs::path>{m_site});
  ASSERT_EQ(scan.distributions.size(), 1u);
  const InstalledDistribution& found = scan.distributions.front();
  EXPECT_EQ(found.dist_info, m_site / "Foo.Bar-01.2.dist-info");
  EXPECT_EQ(found.base(), m_site);
  EXPECT_EQ(found.name, "foo-bar");
  EXPECT_EQ(found.version, "1.2");
  EXPECT_EQ(found.parsed_version, pep440::Version::parse("1.2").value());
  EXPECT_EQ(found.installer, "gator-provision");
  EXPECT_TRUE(found.requested);
  EXPECT_TRUE(found.has_record);
  EXPECT_TRUE(found.problems.empty()) << found.problems.front();
  ASSERT_EQ(found.record.size(), 5u);  // the module, METADATA, INSTALLER, REQUESTED, RECORD
  EXPECT_EQ(found.record[0].path, "foo_bar/__init__.py");
  EXPECT_EQ(found.record[0].hash, testing::record_hash("X = 1\n"));
  EXPECT_EQ(found.record[0].size, 6u);
  EXPECT_EQ(found.record[4], (metadata::RecordEntry{"Foo.Bar-01.2.dist-info/RECORD", "", {}}));
}

TEST_F(InstalledTest, WithoutInstallerOrRequestedThoseAreAbsent) {
  const fs::path dist_info = install(DistributionSpec{"demo", "1.0", {}, false});
  fs::remove(dist_info / "INSTALLER");
  const InstalledDistribution found = read_distribution(dist_info);
  EXPECT_EQ(found.installer, std::nullopt);
  EXPECT_FALSE(found.requested);
}

TEST_F(InstalledTest, ScanIsSortedByNameAndFindsEveryCopy) {
  install_demo("zeta", "1.0");
  install_demo("alpha", "2.0");
  install_demo("Alpha", "1.0");
  const InstalledScan scan = scan_installed(scheme());
  std::vector<std::string> seen;
  for (const InstalledDistribution& distribution : scan.distributions)
    seen.push_back(distribution.name + " " + distribution.version);
  EXPECT_EQ(seen, (std::vector<std::string>{"alpha 1.0", "alpha 2.0", "zeta 1.0"}));
  EXPECT_EQ(scan.find("alpha").size(), 2u);
  EXPECT_EQ(scan.find("zeta").size(), 1u);
  EXPECT_TRUE(scan.find("beta").empty());
  EXPECT_TRUE(scan.find("zzz").empty());
}

TEST_F(InstalledTest, MissingMetadataFallsBackToTheDirectoryName) {
  const fs::path dist_info = install(DistributionSpec{"My_Project", "2.0", {}, false});
  fs::remove(dist_info / "METADATA");
  const InstalledDistribution found = read_distribution(dist_info);
  EXPECT_EQ(found.name, "my-project");
  EXPECT_EQ(found.version, "2.0");
  EXPECT_EQ(found.problems, std::vector<std::string>{"METADATA is missing; name and version are "
                                                     "taken from the directory name"});
}

TEST_F(InstalledTest, MalformedMetadataIsAProblemWithItsLine) {
  const fs::path dist_info = install(DistributionSpec{"demo", "1.0", {}, false});
  write_file(dist_info / "METADATA", "Metadata-Version: 2.1\nName: demo\n");
  const InstalledDistribution found = read_distribution(dist_info);
  EXPECT_EQ(found.name, "demo");
  EXPECT_EQ(found.version, "1.0");
  ASSERT_EQ(found.problems.size(), 1u);
  EXPECT_TRUE(found.problems[0].starts_with("METADATA is malformed (line ")) << found.problems[0];
  EXPECT_TRUE(found.problems[0].ends_with("; name and version are taken from the directory name"))
      << found.problems[0];
}

TEST_F(InstalledTest, ALegacyVersionIsKeptAsWrittenAndNamed) {
  const fs::path dist_info = install(DistributionSpec{"old", "1.0-final-r2x", {}, false});
  const InstalledDistribution found = read_distribution(dist_info);
  EXPECT_EQ(found.version, "1.0-final-r2x");
  EXPECT_FALSE(found.parsed_version.has_value());
  EXPECT_EQ(found.problems,
            std::vector<std::string>{"version \"1.0-final-r2x\" is not a PEP 440 version"});
}

TEST_F(InstalledTest, MetadataNamingAnotherProjectIsAProblem) {
  const fs::path dist_info = install(DistributionSpec{"demo", "1.0", {}, false});
  write_file(dist_info / "METADATA", "Metadata-Version: 2.1\nName: other\nVersion: 1.0\n");
  const InstalledDistribution found = read_distribution(dist_info);
  EXPECT_EQ(found.name, "other");
  EXPECT_EQ(found.problems, std::vector<std::string>{
                                "METADATA names the project \"other\", the directory \"demo\""});
}

TEST_F(InstalledTest, MissingOrMalformedRecordIsAProblem) {
  const fs::path first = install(DistributionSpec{"first", "1.0", {}, false});
  const fs::path second = install(DistributionSpec{"second", "1.0", {}, false});
  fs::remove(first / "RECORD");
  write_file(second / "RECORD", "a.py,sha256=abc,1\n\"unterminated,,\n");
  const InstalledDistribution without = read_distribution(first);
  EXPECT_FALSE(without.has_record);
  EXPECT_EQ(without.problems,
            std::vector<std::string>{"RECORD is missing; its files cannot be checked"});
  const InstalledDistribution malformed = read_distribution(second);
  EXPECT_FALSE(malformed.has_record);
  EXPECT_TRUE(malformed.record.empty());
  ASSERT_EQ(malformed.problems.size(), 1u);
  EXPECT_TRUE(malformed.problems[0].starts_with("RECORD is malformed (line 2): "))
      << malformed.problems[0];
}

TEST_F(InstalledTest, ARecordThatIsADirectoryOrALinkIsUnreadable) {
  const fs::path dist_info = install(DistributionSpec{"demo", "1.0", {}, false});
  fs::remove(dist_info / "RECORD");
  fs::create_symlink("/etc/hostname", dist_info / "RECORD");
  EXPECT_EQ(read_distribution(dist_info).problems,
            std::vector<std::string>{
                "cannot read RECORD: is a symbolic link; its files cannot be checked"});
  fs::remove(dist_info / "RECORD");
  fs::create_directory(dist_info / "RECORD");
  EXPECT_EQ(
      read_distribution(dist_info).problems,
      std::vector<std::string>{"cannot read RECORD: is a directory; its files cannot be checked"});
}

TEST_F(InstalledTest, OnlyRealDirectoriesNamedDistInfoAreDistributions) {
  install_demo();
  write_file(m_site / "stray.dist-info", "a file");
  fs::create_directories(m_dir / "elsewhere.dist-info");
  fs::create_symlink(m_dir / "elsewhere.dist-info", m_site / "linked-1.0.dist-info");
  fs::create_directories(m_site / ".dist-info");
  const InstalledScan scan = scan_installed(scheme());
  ASSERT_EQ(scan.distributions.size(), 1u);
  EXPECT_EQ(scan.distributions[0].name, "demo");
}

TEST_F(InstalledTest, AMissingSitePackagesIsAProblemNotAnError) {
  fs::remove_all(m_prefix / "lib");
  const InstalledScan scan = scan_installed(scheme());
  EXPECT_TRUE(scan.distributions.empty());
  ASSERT_EQ(scan.problems.size(), 1u);
  EXPECT_TRUE(scan.problems[0].starts_with("cannot list " + m_site.string() + ": "))
      << scan.problems[0];
}

}  // namespace
}  // namespace gator::provision

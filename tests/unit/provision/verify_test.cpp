#include "provision/verify.hpp"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "venv_tree.hpp"

namespace gator::provision {
namespace {

namespace fs = std::filesystem;

using testing::DistributionSpec;
using testing::hex_sha256;
using testing::plan_of;
using testing::write_file;

class VerifyTest : public testing::VenvTreeTest {
 protected:
  VerifyTest() {
    install_demo();
    install_demo("other", "2.0");
  }

  [[nodiscard]] VerifyReport verify(const lock::InstallPlan& plan) const {
    return verify_venv(scheme(), scan_installed(scheme()), plan);
  }
  [[nodiscard]] VerifyReport verify() const {
    return verify(plan_of({{"demo", "1.0"}, {"other", "2.0"}}));
  }
  // Every line but the summary.
  [[nodiscard]] std::string findings(const VerifyReport& report) const {
    std::string text = render_verify_text(report, Symbols::unicode);
    text.pop_back();
    return text.substr(0, text.rfind('\n') + 1);
  }
  [[nodiscard]] std::string summary(const VerifyReport& report) const {
    std::string text = render_verify_text(report, Symbols::unicode);
    text.pop_back();
    return text.substr(text.rfind('\n') + 1);
  }
};

// Per distribution: 3 files, METADATA, INSTALLER, RECORD.
constexpr std::size_t k_files = 12;

TEST_F(VerifyTest, AnUntouchedVenvIsClean) {
  const VerifyReport report = verify();
  EXPECT_TRUE(report.clean());
  EXPECT_EQ(report.packages_checked, 2u);
  EXPECT_EQ(report.files_checked, k_files);
  EXPECT_EQ(report.site_directories, std::vector<std::string>{"lib/python3.11/site-packages"});
  EXPECT_EQ(
      render_verify_text(report, Symbols::unicode),
      "\u2713 verify " + m_prefix.string() + ": no drift (2 packages and 12 files checked)\n");
  EXPECT_EQ(render_verify_text(report, Symbols::ascii),
            "ok verify " + m_prefix.string() + ": no drift (2 packages and 12 files checked)\n");
}

TEST_F(VerifyTest, AModifiedByteIsAHashMismatch) {
  write_file(m_site / "demo/util.py", "def helper():\n    return 3\n");
  const VerifyReport report = verify();
  EXPECT_FALSE(report.clean());
  ASSERT_EQ(report.files.size(), 1u);
  const FileFinding& finding = report.files.front();
  EXPECT_EQ(finding.issue, FileIssue::modified);
  EXPECT_EQ(finding.difference, Difference::sha256);
  EXPECT_EQ(finding.path, "lib/python3.11/site-packages/demo/util.py");
  EXPECT_EQ(finding.package, "demo 1.0");
  EXPECT_EQ(finding.expected, hex_sha256("def helper():\n    return 2\n"));
  EXPECT_EQ(finding.actual, hex_sha256("def helper():\n    return 3\n"));
  EXPECT_EQ(findings(report), "\u2717 modified demo/util.py of demo 1.0 (sha256 " + finding.actual +
                                  " on disk != " + finding.expected + " in RECORD)\n");
  EXPECT_EQ(summary(report), "\u2717 verify " + m_prefix.string() +
                                 ": 1 modified file (2 packages and 12 files checked)");
}

TEST_F(VerifyTest, AnotherSizeIsReportedWithoutHashing) {
  write_file(m_site / "demo/__init__.py", "VALUE = 10\n");
  const VerifyReport report = verify();
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files.front().difference, Difference::size);
  EXPECT_EQ(findings(report),
            "\u2717 modified demo/__init__.py of demo 1.0 (size 11 on disk != 10 in RECORD)\n");
}

TEST_F(VerifyTest, ADeletedFileIsMissing) {
  fs::remove(m_site / "other/util.py");
  const VerifyReport report = verify();
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files.front().issue, FileIssue::missing);
  EXPECT_EQ(findings(report), "\u2717 missing other/util.py of other 2.0\n");
  EXPECT_EQ(summary(report), "\u2717 verify " + m_prefix.string() +
                                 ": 1 missing file (2 packages and 12 files checked)");
}

TEST_F(VerifyTest, ADeletedScriptIsMissingUnderBin) {
  fs::remove(m_prefix / "bin/demo-tool");
  const VerifyReport report = verify();
  EXPECT_EQ(findings(report), "\u2717 missing bin/demo-tool of demo 1.0\n");
}

TEST_F(VerifyTest, AFileAddedToSitePackagesIsExtraneous) {
  write_file(m_site / "demo/evil.py", "import os\n");
  write_file(m_site / "sitecustomize.py", "import os\n");
  // Bytecode of a module no RECORD lists is not compileall's output of the venv.
  write_file(m_site / "demo/__pycache__/evil.cpython-311.pyc", "bytecode");
  const VerifyReport report = verify();
  EXPECT_EQ(findings(report),
            "\u2717 extraneous demo/__pycache__/evil.cpython-311.pyc\n"
            "\u2717 extraneous demo/evil.py\n"
            "\u2717 extraneous sitecustomize.py\n");
  EXPECT_EQ(report.files.front().package, "");
  EXPECT_EQ(summary(report), "\u2717 verify " + m_prefix.string() +
                                 ": 3 extraneous files (2 packages and 12 files checked)");
}

TEST_F(VerifyTest, AScriptAddedToBinIsExtraneousButTheVenvsOwnFilesAreNot) {
  write_file(m_prefix / "bin/evil", "#!/bin/sh\n");
  fs::create_symlink("python3.11", m_prefix / "bin/python3.99");
  write_file(m_prefix / "bin/Activate.ps1", "# powershell\n");
  fs::create_symlink("/usr/bin/env", m_prefix / "bin/pythonx");
  const VerifyReport report = verify();
  EXPECT_EQ(findings(report),
            "\u2717 extraneous bin/evil\n"
            "\u2717 extraneous bin/pythonx\n");
}

TEST_F(VerifyTest, ASymbolicLinkWhereRecordHasAFileIsModifiedAndNotFollowed) {
  // The link's target has the recorded content: following it would hide the change.
  write_file(m_dir / "elsewhere.py", "VALUE = 1\n");
  fs::remove(m_site / "demo/__init__.py");
  fs::create_symlink(m_dir / "elsewhere.py", m_site / "demo/__init__.py");
  const VerifyReport report = verify();
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files.front().difference, Difference::type);
  EXPECT_EQ(report.files.front().expected, "file");
  EXPECT_EQ(report.files.front().actual, "symlink");
  EXPECT_EQ(findings(report),
            "\u2717 modified demo/__init__.py of demo 1.0 (symlink where RECORD has a file)\n");
}

TEST_F(VerifyTest, AFifoWhereRecordHasAFileIsModifiedWithoutBlocking) {
  fs::remove(m_site / "demo/util.py");
  ASSERT_EQ(::mkfifo((m_site / "demo/util.py").c_str(), 0644), 0);
  const VerifyReport report = verify();
  EXPECT_EQ(findings(report),
            "\u2717 modified demo/util.py of demo 1.0 (special file where RECORD has a file)\n");
}

TEST_F(VerifyTest, ARecordPathEscapingTheVenvIsAProblemAndIsNotRead) {
  // Same size as recorded, other content: a check that read it would report it modified.
  write_file(m_dir / "outside.txt", "secret!\n");
  const std::string row_hash = testing::record_hash("public\n");
  write_file(m_site / "demo-1.0.dist-info/RECORD",
             read(m_site / "demo-1.0.dist-info/RECORD") + "../../../../outside.txt," + row_hash +
                 ",7\n" + (m_dir / "outside.txt").string() + "," + row_hash + ",7\n");
  const VerifyReport report = verify();
  EXPECT_TRUE(report.files.empty());
  ASSERT_EQ(report.problems.size(), 2u);
  EXPECT_EQ(findings(report),
            "\u2717 demo 1.0: RECORD lists \"../../../../outside.txt\", which is outside the "
            "venv; it was not checked\n"
            "\u2717 demo 1.0: RECORD lists \"" +
                (m_dir / "outside.txt").string() +
                "\", which is outside the venv; it was not checked\n");
  EXPECT_EQ(summary(report), "\u2717 verify " + m_prefix.string() +
                                 ": 2 problems (2 packages and 12 files checked)");
}

TEST_F(VerifyTest, ADirectoryReplacedByALinkOutOfTheVenvIsNotFollowed) {
  fs::create_directories(m_dir / "outside");
  write_file(m_dir / "outside/__init__.py", "VALUE = 1\n");
  write_file(m_dir / "outside/util.py", "def helper():\n    return 2\n");
  fs::remove_all(m_site / "other");
  fs::create_symlink(m_dir / "outside", m_site / "other");
  const std::string target = fs::canonical(m_dir / "outside").string();
  const VerifyReport report = verify();
  EXPECT_EQ(report.problems.size(), 2u);
  EXPECT_EQ(findings(report),
            "\u2717 extraneous other\n"
            "\u2717 other 2.0: RECORD lists \"other/__init__.py\", whose directory is a symbolic "
            "link out of the venv (to " +
                target +
                "); it was not checked\n"
                "\u2717 other 2.0: RECORD lists \"other/util.py\", whose directory is a symbolic "
                "link out of the venv (to " +
                target + "); it was not checked\n");
}

TEST_F(VerifyTest, AMissingPackageIsReported) {
  const VerifyReport report =
      verify(plan_of({{"demo", "1.0"}, {"other", "2.0"}, {"torch", "2.3.1+rocm5.7"}}));
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages.front(),
            (PackageFinding{PackageIssue::missing, "torch", "2.3.1+rocm5.7", ""}));
  EXPECT_EQ(report.packages_checked, 3u);
  EXPECT_EQ(findings(report), "\u2717 missing package torch (locked 2.3.1+rocm5.7)\n");
  EXPECT_EQ(summary(report), "\u2717 verify " + m_prefix.string() +
                                 ": 1 missing package (3 packages and 12 files checked)");
}

TEST_F(VerifyTest, AnExtraPackageIsReportedButItsFilesAreItsOwn) {
  const VerifyReport report = verify(plan_of({{"demo", "1.0"}}));
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages.front(),
            (PackageFinding{PackageIssue::extraneous, "other", "", "2.0"}));
  EXPECT_TRUE(report.files.empty());
  EXPECT_EQ(findings(report), "\u2717 extraneous package other 2.0 (not in the lock)\n");
}

TEST_F(VerifyTest, AnotherVersionIsReportedWithPep440Equality) {
  // 2.0.0 == 2.0: not a difference.
  const VerifyReport report = verify(plan_of({{"demo", "1.1"}, {"other", "2.0.0"}}));
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages.front(),
            (PackageFinding{PackageIssue::wrong_version, "demo", "1.1", "1.0"}));
  EXPECT_EQ(findings(report), "\u2717 wrong version of demo: 1.0 installed, 1.1 locked\n");
  EXPECT_EQ(summary(report), "\u2717 verify " + m_prefix.string() +
                                 ": 1 package with another version (2 packages and 12 files "
                                 "checked)");
}

TEST_F(VerifyTest, ALocalLabelIsPartOfTheVersion) {
  const VerifyReport report = verify(plan_of({{"demo", "1.0+rocm5.7"}, {"other", "2.0"}}));
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages.front().issue, PackageIssue::wrong_version);
}

TEST_F(VerifyTest, TheLockedVersionComesFromTheWheelNameWhenThePackageHasNone) {
  lock::InstallPlan plan = plan_of({{"demo", "1.0"}, {"other", "2.0"}});
  plan.wheels[1].version.reset();
  plan.wheels[1].wheel.name = "other-2.1-py3-none-any.whl";
  const VerifyReport report = verify(plan);
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages.front(),
            (PackageFinding{PackageIssue::wrong_version, "other", "2.1", "2.0"}));
}

TEST_F(VerifyTest, AProjectInstalledTwiceIsReported) {
  install_demo("Demo", "0.9");  // another spelling of the same project
  const VerifyReport report = verify();
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages.front(),
            (PackageFinding{PackageIssue::duplicate, "demo", "1.0", "0.9, 1.0"}));
  EXPECT_EQ(findings(report).substr(0, findings(report).find('\n') + 1),
            "\u2717 package demo is installed more than once (0.9, 1.0)\n");
}

TEST_F(VerifyTest, UnreadableMetadataAndRecordAreProblemsNotErrors) {
  fs::remove(m_site / "demo-1.0.dist-info/METADATA");
  const std::string malformed = "other/util.py,sha256=x,1,extra\n";
  write_file(m_site / "other-2.0.dist-info/RECORD", malformed);
  const auto parsed = metadata::parse_record(malformed);
  ASSERT_FALSE(parsed.has_value());
  const VerifyReport report = verify();
  // Without its RECORD, other's files belong to nobody; its .dist-info is still its own.
  EXPECT_EQ(findings(report),
            "\u2717 extraneous bin/other-tool\n"
            "\u2717 missing demo-1.0.dist-info/METADATA of demo 1.0\n"
            "\u2717 extraneous other/__init__.py\n"
            "\u2717 extraneous other/__pycache__/__init__.cpython-311.opt-1.pyc\n"
            "\u2717 extraneous other/__pycache__/util.cpython-311.pyc\n"
            "\u2717 extraneous other/util.py\n"
            "\u2717 demo 1.0: METADATA is missing; name and version are taken from the "
            "directory name\n"
            "\u2717 other 2.0: RECORD is malformed (line 1): " +
                parsed.error().message + "; its files cannot be checked\n");
}

TEST_F(VerifyTest, RowsWithoutAHashAreCheckedForExistenceOnly) {
  const fs::path record = m_site / "demo-1.0.dist-info/RECORD";
  write_file(record, read(record) +
                         "demo/__pycache__/gone.cpython-311.pyc,,\n"  // bytecode: may be missing
                         "demo/__pycache__/util.cpython-311.pyc,,\n"  // present, content unchecked
                         "demo/data.bin,,\n"                          // not bytecode: must exist
                         "demo/__init__.py,,10\n");                   // a size alone is checked
  EXPECT_EQ(findings(verify()), "\u2717 missing demo/data.bin of demo 1.0\n");
  write_file(m_site / "demo/data.bin", "anything");
  write_file(m_site / "demo/__pycache__/util.cpython-311.pyc", "other bytecode");
  EXPECT_TRUE(verify().clean()) << findings(verify());
  write_file(m_site / "demo/__init__.py", "VALUE = 12\n");
  EXPECT_EQ(findings(verify()),
            "\u2717 modified demo/__init__.py of demo 1.0 (size 11 on disk != 10 in RECORD)\n");
}

TEST_F(VerifyTest, HashesInOtherAlgorithmsAreNamedAsUnchecked) {
  const fs::path record = m_site / "demo-1.0.dist-info/RECORD";
  std::string text = read(record);
  const std::string from = "demo/util.py," + testing::record_hash("def helper():\n    return 2\n");
  text.replace(text.find(from), from.size(), "demo/util.py,sha512=" + std::string(86, 'A'));
  write_file(record, text);
  const VerifyReport report = verify();
  EXPECT_EQ(findings(report),
            "\u2717 demo 1.0: 1 file has a sha512 hash in RECORD, which is not checked (only "
            "sha256 is)\n");
}

TEST_F(VerifyTest, ASeparatePlatlibIsWalkedAndALinkedOneOnlyOnce) {
  // lib64 -> lib: the same directory, scanned once.
  venv::Scheme linked = scheme();
  linked.platlib = m_prefix / "lib64/python3.11/site-packages";
  const InstalledScan scan = scan_installed(linked);
  EXPECT_EQ(scan.distributions.size(), 2u);
  EXPECT_TRUE(verify_venv(linked, scan, plan_of({{"demo", "1.0"}, {"other", "2.0"}})).clean());

  // A real second directory: its files are checked and its strays found.
  fs::remove(m_prefix / "lib64");
  venv::Scheme separate = scheme();
  separate.platlib = m_prefix / "lib64/python3.11/site-packages";
  write_file(separate.platlib / "native.so", "ELF");
  const VerifyReport report =
      verify_venv(separate, scan_installed(separate), plan_of({{"demo", "1.0"}, {"other", "2.0"}}));
  EXPECT_EQ(report.site_directories, (std::vector<std::string>{"lib/python3.11/site-packages",
                                                               "lib64/python3.11/site-packages"}));
  EXPECT_EQ(findings(report), "\u2717 extraneous lib64/python3.11/site-packages/native.so\n");
}

TEST_F(VerifyTest, JsonHasEveryFindingWithNullsForWhatIsAbsent) {
  write_file(m_site / "demo/util.py", "def helper():\n    return 3\n");
  fs::remove(m_site / "other/__init__.py");
  write_file(m_site / "stray\xff.py", "x");  // not UTF-8
  const VerifyReport report = verify(plan_of({{"demo", "1.0"}, {"numpy", "1.26.4"}}));
  const auto json = nlohmann::json::parse(render_verify_json(report));
  EXPECT_EQ(json["venv"], m_prefix.string());
  EXPECT_EQ(json["clean"], false);
  EXPECT_EQ(json["packages_checked"], 3);
  EXPECT_EQ(json["files_checked"], k_files);
  EXPECT_EQ(json["packages"], nlohmann::json::parse(R"([
              {"name": "numpy", "issue": "missing", "locked": "1.26.4", "installed": null},
              {"name": "other", "issue": "extraneous", "locked": null, "installed": "2.0"}])"));
  ASSERT_EQ(json["files"].size(), 3u);
  EXPECT_EQ(json["files"][0],
            (nlohmann::json{{"path", "lib/python3.11/site-packages/demo/util.py"},
                            {"issue", "modified"},
                            {"package", "demo 1.0"},
                            {"difference", "sha256"},
                            {"expected", hex_sha256("def helper():\n    return 2\n")},
                            {"actual", hex_sha256("def helper():\n    return 3\n")}}));
  EXPECT_EQ(json["files"][1],
            nlohmann::json::parse(R"({"path": "lib/python3.11/site-packages/other/__init__.py",
              "issue": "missing", "package": "other 2.0", "difference": null, "expected": null,
              "actual": null})"));
  EXPECT_EQ(json["files"][2]["path"], "lib/python3.11/site-packages/stray\xef\xbf\xbd.py");
  EXPECT_EQ(json["files"][2]["issue"], "extraneous");
  EXPECT_EQ(json["files"][2]["package"], nullptr);
  EXPECT_EQ(json["problems"], nlohmann::json::array());

  const auto clean = nlohmann::json::parse(
      render_verify_json(verify(plan_of({{"demo", "1.0"}, {"other", "2.0"}}))));
  EXPECT_EQ(clean["clean"], false);  // demo/util.py is still modified
}

}  // namespace
}  // namespace gator::provision

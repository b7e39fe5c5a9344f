#include "provision/status.hpp"

#include <nlohmann/json.hpp>

#include "profile_builder.hpp"
#include "venv_tree.hpp"

namespace gator::provision {
namespace {

namespace fs = std::filesystem;

using testing::DistributionSpec;
using testing::plan_of;

class StatusTest : public testing::VenvTreeTest {
 protected:
  StatusTest() {
    install_demo();                        // required, locked, installed: ok
    install_demo("other", "2.0");          // a locked dependency: ok
    install_simple("numpy", "1.26.3");     // locked 1.26.4: warn
    install_simple("Pillow", "10.2.0");    // requires >=10.3: fail
    install_simple("extra_thing", "0.1");  // neither required nor locked: warn
    m_environment.sys_platform = "linux";
  }

  void install_simple(const std::string& name, const std::string& version) {
    install(DistributionSpec{name, version, {{name + "/__init__.py", "X = 1\n"}}, false});
  }

  [[nodiscard]] std::vector<PackageStatus> status(
      const std::vector<std::string>& packages, const lock::InstallPlan& plan,
      const pep508::MarkerEnvironment* environment) const {
    testing::ProfileSpec spec;
    spec.packages = packages;
    const profile::Profile profile = testing::make_profile(spec);
    return package_status(profile.requirements.packages.value, plan, scan_installed(scheme()),
                          environment);
  }

  [[nodiscard]] std::vector<PackageStatus> standard() const {
    return status(k_requirements, k_plan, &m_environment);
  }

  [[nodiscard]] static const PackageStatus& row(const std::vector<PackageStatus>& rows,
                                                const std::string& name) {
    for (const PackageStatus& item : rows) {
      if (item.name == name)
        return item;
    }
    throw std::runtime_error("no row " + name);
  }

  // Lines 19 to 23 of profiles/x.toml.
  const std::vector<std::string> k_requirements = {"demo>=1.0", "numpy>=1.24.0,<2.0",
                                                   "torch==2.3.1+rocm5.7", "pillow>=10.3",
                                                   "pywin32; sys_platform == 'win32'"};
  const lock::InstallPlan k_plan = plan_of({{"demo", "1.0"},
                                            {"numpy", "1.26.4"},
                                            {"other", "2.0"},
                                            {"pillow", "10.2.0"},
                                            {"torch", "2.3.1+rocm5.7"}});
  pep508::MarkerEnvironment m_environment;
};

TEST_F(StatusTest, EveryProjectGetsOneVerdict) {
  const std::vector<PackageStatus> rows = standard();
  std::vector<std::string> names;
  for (const PackageStatus& item : rows)
    names.push_back(item.name);
  EXPECT_EQ(names, (std::vector<std::string>{"demo", "extra-thing", "numpy", "other", "pillow",
                                             "pywin32", "torch"}));

  const PackageStatus& demo = row(rows, "demo");
  EXPECT_EQ(demo.state, Mark::ok);
  EXPECT_EQ(demo.note, "");
  ASSERT_EQ(demo.required.size(), 1u);
  EXPECT_EQ(demo.required[0].requirement, "demo>=1.0");
  EXPECT_EQ(demo.required[0].specifier, ">=1.0");
  EXPECT_EQ(demo.required[0].origin, "profiles/x.toml:19");
  EXPECT_TRUE(demo.required[0].applies);
  EXPECT_EQ(demo.locked, "1.0");
  EXPECT_EQ(demo.installed, std::vector<std::string>{"1.0"});

  EXPECT_EQ(row(rows, "other").state, Mark::ok);  // locked, not required
  EXPECT_TRUE(row(rows, "other").required.empty());

  EXPECT_EQ(row(rows, "numpy").state, Mark::warn);
  EXPECT_EQ(row(rows, "numpy").note, "installed version differs from the lock");

  EXPECT_EQ(row(rows, "extra-thing").state, Mark::warn);
  EXPECT_EQ(row(rows, "extra-thing").note, "not in the lock");

  EXPECT_EQ(row(rows, "torch").state, Mark::fail);
  EXPECT_EQ(row(rows, "torch").note, "not installed (required at profiles/x.toml:21)");
  EXPECT_TRUE(row(rows, "torch").installed.empty());

  EXPECT_EQ(row(rows, "pillow").state, Mark::fail);
  EXPECT_EQ(row(rows, "pillow").note, "10.2.0 does not satisfy pillow>=10.3 (profiles/x.toml:22)");

  const PackageStatus& pywin32 = row(rows, "pywin32");
  EXPECT_EQ(pywin32.state, Mark::ok);
  EXPECT_FALSE(pywin32.required.at(0).applies);
  EXPECT_EQ(pywin32.note, "not required on this machine (marker)");
}

TEST_F(StatusTest, TextIsAnAlignedTable) {
  EXPECT_EQ(render_status_text(standard(), Symbols::unicode),
            "   package      required         locked         installed\n"
            "\u2713  demo         >=1.0            1.0            1.0\n"
            "\u26a0  extra-thing  -                -              0.1        not in the lock\n"
            "\u26a0  numpy        <2.0,>=1.24.0    1.26.4         1.26.3     installed version "
            "differs from the lock\n"
            "\u2713  other        -                2.0            2.0\n"
            "\u2717  pillow       >=10.3           10.2.0         10.2.0     10.2.0 does not "
            "satisfy pillow>=10.3 (profiles/x.toml:22)\n"
            "\u2713  pywin32      -                -              -          not required on this "
            "machine (marker)\n"
            "\u2717  torch        ==2.3.1+rocm5.7  2.3.1+rocm5.7  -          not installed "
            "(required at profiles/x.toml:21)\n"
            "status: 3 ok, 2 warnings, 2 failed\n");
}

TEST_F(StatusTest, AsciiMarksKeepTheColumnsAligned) {
  const std::string text = render_status_text(standard(), Symbols::ascii);
  EXPECT_EQ(text.substr(0, text.find("extra-thing") + 11),
            "      package      required         locked         installed\n"
            "ok    demo         >=1.0            1.0            1.0\n"
            "warn  extra-thing");
  EXPECT_NE(text.find("\nFAIL  torch        ==2.3.1+rocm5.7"), std::string::npos);
}

TEST_F(StatusTest, WithoutAnEnvironmentEveryRequirementApplies) {
  const auto rows = status(k_requirements, k_plan, nullptr);
  EXPECT_EQ(row(rows, "pywin32").state, Mark::fail);
  EXPECT_EQ(row(rows, "pywin32").note, "not installed (required at profiles/x.toml:23)");
}

TEST_F(StatusTest, AMarkerThatCannotBeEvaluatedApplies) {
  const pep508::MarkerEnvironment empty;  // no sys_platform
  const auto rows = status(k_requirements, k_plan, &empty);
  EXPECT_TRUE(row(rows, "pywin32").required.at(0).applies);
  EXPECT_EQ(row(rows, "pywin32").state, Mark::fail);
}

TEST_F(StatusTest, AProjectInstalledTwiceFails) {
  install_simple("NumPy", "1.26.4");
  const auto rows = standard();
  EXPECT_EQ(row(rows, "numpy").state, Mark::fail);
  EXPECT_EQ(row(rows, "numpy").installed, (std::vector<std::string>{"1.26.4", "1.26.3"}));
  EXPECT_EQ(row(rows, "numpy").note, "installed more than once");
}

TEST_F(StatusTest, InstalledPreReleasesAndUrlRequirementsAreSatisfied) {
  install_simple("beta", "2.0rc1");
  install_simple("direct", "0.3");
  const auto rows = status({"beta>=1.0", "direct @ https://example.com/direct-0.3.tar.gz"},
                           plan_of({{"beta", "2.0rc1"}, {"direct", "0.3"}}), &m_environment);
  EXPECT_EQ(row(rows, "beta").state, Mark::ok) << row(rows, "beta").note;
  EXPECT_EQ(row(rows, "direct").state, Mark::ok) << row(rows, "direct").note;
  EXPECT_EQ(row(rows, "direct").required.at(0).specifier,
            "@ https://example.com/direct-0.3.tar.gz");
}

TEST_F(StatusTest, ABrokenDistributionIsAWarningEvenAtTheLockedVersion) {
  fs::remove(m_site / "demo-1.0.dist-info/METADATA");
  const auto rows = standard();
  EXPECT_EQ(row(rows, "demo").state, Mark::warn);
  EXPECT_EQ(row(rows, "demo").note,
            "METADATA is missing; name and version are taken from the directory name");
}

TEST_F(StatusTest, JsonHasEveryColumnWithNullsForWhatIsAbsent) {
  const auto json = nlohmann::json::parse(render_status_json("x", standard()));
  EXPECT_EQ(json["profile"], "x");
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["counts"], nlohmann::json::parse(R"json({"ok": 3, "warn": 2, "fail": 2})json"));
  ASSERT_EQ(json["packages"].size(), 7u);
  EXPECT_EQ(json["packages"][0], nlohmann::json::parse(R"json({
      "name": "demo", "state": "ok", "locked": "1.0", "installed": "1.0", "note": null,
      "required": [{"requirement": "demo>=1.0", "specifier": ">=1.0",
                    "origin": "profiles/x.toml:19", "applies": true}]})json"));
  EXPECT_EQ(json["packages"][6], nlohmann::json::parse(R"json({
      "name": "torch", "state": "fail", "locked": "2.3.1+rocm5.7", "installed": null,
      "note": "not installed (required at profiles/x.toml:21)",
      "required": [{"requirement": "torch==2.3.1+rocm5.7", "specifier": "==2.3.1+rocm5.7",
                    "origin": "profiles/x.toml:21", "applies": true}]
})json"));
  EXPECT_EQ(json["packages"][1]["required"], nlohmann::json::array());
  EXPECT_EQ(json["packages"][1]["locked"], nullptr);

  const auto all_ok =
      nlohmann::json::parse(render_status_json("x", status({"demo"},
                                                           plan_of({{"demo", "1.0"},
                                                                    {"extra-thing", "0.1"},
                                                                    {"numpy", "1.26.3"},
                                                                    {"other", "2.0"},
                                                                    {"pillow", "10.2.0"}}),
                                                           &m_environment)));
  EXPECT_EQ(all_ok["ok"], true);
  EXPECT_EQ(all_ok["counts"], nlohmann::json::parse(R"json({"ok": 5, "warn": 0, "fail": 0})json"));
}

}  // namespace
}  // namespace gator::provision

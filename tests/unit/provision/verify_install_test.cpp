#include <nlohmann/json.hpp>

#include "provision/status.hpp"
#include "provision/verify.hpp"
#include "util/subprocess.hpp"
#include "venv/create.hpp"
#include "venv/scheme.hpp"
#include "wheel_fixture.hpp"

// verify against what our own venv and wheel modules write: a venv from venv::create_venv with
// wheels installed by wheel::install_wheel (scripts, entry points, headers, data) and
// byte-compiled by the real interpreter must be clean, and stay checkable when damaged.
namespace gator::provision {
namespace {

namespace fs = std::filesystem;
using wheel::test::WheelBuilder;

constexpr const char* k_python = "/usr/bin/python3.11";

// Debian's python3.11 as the query would describe it (no process is run for it).
python::InterpreterInfo debian_python() {
  python::InterpreterInfo info;
  info.executable = k_python;
  info.version = pep508::InterpreterVersion{3, 11, 2, "final", 0};
  info.markers.os_name = "posix";
  info.markers.sys_platform = "linux";
  info.markers.platform_machine = "x86_64";
  info.prefix = "/usr";
  info.base_prefix = "/usr";
  info.paths = {{"platstdlib", "/usr/lib/python3.11"}, {"stdlib", "/usr/lib/python3.11"}};
  info.soabi = "cpython-311-x86_64-linux-gnu";
  return info;
}

WheelBuilder demo_wheel() {
  WheelBuilder builder("demo", "1.0");
  const std::string data = builder.data_dir();
  builder.file("demo/__init__.py", "VALUE = 1\n")
      .file("demo/cli.py", "def main():\n    print('tool ran')\n")
      .file(data + "/scripts/run-demo", "#!python\nimport demo\n")
      .file(data + "/headers/demo.h", "#define DEMO 1\n")
      .file(data + "/data/share/demo/readme.txt", "hello\n")
      .entry_points("[console_scripts]\ndemo-tool = demo.cli:main\n");
  return builder;
}

class VerifyInstalledTest : public wheel::test::WheelTest {
 protected:
  void SetUp() override {
    if (!fs::exists(k_python))
      GTEST_SKIP() << k_python << " is not installed";
    m_base = debian_python();
    m_prefix = m_dir / "venv";
    venv::VenvOptions options;
    options.final_prefix = m_prefix;
    options.profile = "x";
    venv::create_venv(m_prefix, m_base, options);
    m_scheme = venv::scheme(m_prefix, m_base);
    install(demo_wheel(), "demo");
    install(WheelBuilder("helper", "0.5").file("helper.py", "H = 1\n"), "helper");
  }

  void install(const WheelBuilder& builder, const std::string& project) {
    wheel::InstallOptions options;
    options.scheme = wheel::Scheme{m_scheme.purelib, m_scheme.platlib, m_scheme.scripts,
                                   m_scheme.headers / project, m_scheme.data};
    options.python = m_prefix / "bin" / "python";
    options.requested = wheel::Requested::yes;
    (void)wheel::install_wheel(unpack(builder), options);
  }

  [[nodiscard]] VerifyReport verify() const {
    return verify_venv(m_scheme, scan_installed(m_scheme),
                       testing_plan({{"demo", "1.0"}, {"helper", "0.5"}}));
  }

  static lock::InstallPlan testing_plan(
      const std::vector<std::pair<std::string, std::string>>& packages) {
    lock::InstallPlan plan;
    for (const auto& [name, version] : packages) {
      lock::PlannedWheel planned;
      planned.name = name;
      planned.version = *pep440::Version::parse(version);
      planned.wheel.name = name + "-" + version + "-py3-none-any.whl";
      plan.wheels.push_back(std::move(planned));
    }
    return plan;
  }

  python::InterpreterInfo m_base;
  fs::path m_prefix;
  venv::Scheme m_scheme;
};

TEST_F(VerifyInstalledTest, AFreshVenvWithInstalledWheelsIsClean) {
  const VerifyReport report = verify();
  EXPECT_TRUE(report.clean()) << render_verify_text(report, Symbols::unicode);
  // demo: 2 modules, 2 scripts, header, data, METADATA, WHEEL, entry_points.txt, INSTALLER,
  // REQUESTED, RECORD; helper: module, METADATA, WHEEL, INSTALLER, REQUESTED, RECORD.
  EXPECT_EQ(report.files_checked, 18u);

  const InstalledScan scan = scan_installed(m_scheme);
  ASSERT_EQ(scan.distributions.size(), 2u);
  EXPECT_EQ(scan.distributions[0].installer, "gator-provision");
  EXPECT_TRUE(scan.distributions[0].requested);
  EXPECT_TRUE(scan.problems.empty());
}

TEST_F(VerifyInstalledTest, BytecodeFromTheInterpretersCompileallIsNotExtraneous) {
  const util::ProcessResult compiled = util::run_process(util::ProcessRequest{
      k_python,
      {"-m", "compileall", "-q", "-o", "0", "-o", "1", m_scheme.purelib.string()},
      std::nullopt,
      {},
      std::chrono::minutes(1)});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.out << compiled.err;
  ASSERT_TRUE(fs::exists(m_scheme.purelib / "demo/__pycache__"));
  const VerifyReport report = verify();
  EXPECT_TRUE(report.clean()) << render_verify_text(report, Symbols::unicode);

  // Bytecode of a module RECORD lists is allowed even when the module is missing (that is
  // reported once); bytecode of a module no RECORD lists is not.
  fs::remove(m_scheme.purelib / "helper.py");
  fs::rename(m_scheme.purelib / "demo/__pycache__/cli.cpython-311.pyc",
             m_scheme.purelib / "demo/__pycache__/gone.cpython-311.pyc");
  const VerifyReport damaged = verify();
  EXPECT_EQ(render_verify_text(damaged, Symbols::ascii),
            "FAIL extraneous demo/__pycache__/gone.cpython-311.pyc\n"
            "FAIL missing helper.py of helper 0.5\n"
            "FAIL verify " +
                m_prefix.string() +
                ": 1 missing file, 1 extraneous file (2 packages and 18 files checked)\n");
}

TEST_F(VerifyInstalledTest, DamageToScriptsHeadersAndDataIsFound) {
  wheel::test::write_text(m_prefix / "bin/demo-tool", "#!/bin/sh\necho replaced\n");
  fs::remove(m_prefix / "share/demo/readme.txt");
  fs::remove(m_prefix / "include/site/python3.11/demo/demo.h");
  fs::create_symlink("/etc/hostname", m_prefix / "include/site/python3.11/demo/demo.h");
  const VerifyReport report = verify();
  std::vector<std::string> lines;
  for (const FileFinding& finding : report.files)
    lines.push_back(std::string(to_string(finding.issue)) + " " + finding.path + " " +
                    to_string(finding.difference));
  EXPECT_EQ(lines, (std::vector<std::string>{"modified bin/demo-tool size",
                                             "modified include/site/python3.11/demo/demo.h type",
                                             "missing share/demo/readme.txt none"}));
}

TEST_F(VerifyInstalledTest, StatusOfTheVenvAgainstItsPlan) {
  const auto rows = package_status({}, testing_plan({{"demo", "1.0"}, {"helper", "0.6"}}),
                                   scan_installed(m_scheme));
  EXPECT_EQ(render_status_text(rows, Symbols::unicode),
            "   package  required  locked  installed\n"
            "\u2713  demo     -         1.0     1.0\n"
            "\u26a0  helper   -         0.6     0.5        installed version differs from the "
            "lock\n"
            "status: 1 ok, 1 warning, 0 failed\n");
}

}  // namespace
}  // namespace gator::provision

#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <stdlib.h>

#include "lock/select.hpp"
#include "metadata/record_hash.hpp"
#include "util/sha256.hpp"
#include "venv/scheme.hpp"

// Venv-like trees written file by file, with RECORDs computed from what is written, for the
// status and verify tests: each test damages one thing and checks that it is reported.
namespace gator::provision::testing {

namespace fs = std::filesystem;

inline void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
}

[[nodiscard]] inline std::string record_hash(const std::string& content) {
  return metadata::format_sha256(util::sha256_of(content).bytes);
}

[[nodiscard]] inline std::string hex_sha256(const std::string& content) {
  return util::to_hex(util::sha256_of(content).bytes);
}

// A file of a distribution: `path` relative to site-packages as RECORD writes it
// ("demo/__init__.py", "../../../bin/demo-tool").
struct TreeFile {
  std::string path;
  std::string content;
};

struct DistributionSpec {
  std::string name = "demo";  // as written in METADATA and the directory name
  std::string version = "1.0";
  std::vector<TreeFile> files;
  bool requested = false;
};

// A temporary directory holding a venv at <dir>/venv laid out as venv::create_venv makes it
// (interpreter links, activate scripts, pyvenv.cfg, lib64 -> lib), with an empty site-packages.
class VenvTreeTest : public ::testing::Test {
 protected:
  VenvTreeTest() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                          "/gator-provision-venv-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    m_dir = pattern;
    m_prefix = m_dir / "venv";
    m_site = m_prefix / "lib" / "python3.11" / "site-packages";
    fs::create_directories(m_site);
    fs::create_directories(m_prefix / "bin");
    fs::create_directories(m_prefix / "include" / "python3.11");
    fs::create_symlink("lib", m_prefix / "lib64");
    fs::create_symlink("/usr/bin/python3.11", m_prefix / "bin" / "python3.11");
    fs::create_symlink("python3.11", m_prefix / "bin" / "python3");
    fs::create_symlink("python3.11", m_prefix / "bin" / "python");
    write_file(m_prefix / "bin" / "activate", "# sh\n");
    write_file(m_prefix / "bin" / "activate.fish", "# fish\n");
    write_file(m_prefix / "bin" / "activate.csh", "# csh\n");
    write_file(m_prefix / "pyvenv.cfg", "home = /usr/bin\n");
  }
  ~VenvTreeTest() override {
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
  }

  [[nodiscard]] venv::Scheme scheme() const {
    return venv::Scheme{m_site, m_site, m_prefix / "bin",
                        m_prefix / "include" / "site" / "python3.11", m_prefix};
  }

  [[nodiscard]] static std::string dist_info_name(const DistributionSpec& spec) {
    return spec.name + "-" + spec.version + ".dist-info";
  }

  // Writes the files, METADATA, INSTALLER, REQUESTED (when requested) and a RECORD listing all
  // of them with their hashes and sizes, and itself without.
  fs::path install(const DistributionSpec& spec) {
    const std::string dist_info = dist_info_name(spec);
    std::vector<TreeFile> files = spec.files;
    files.push_back({dist_info + "/METADATA", "Metadata-Version: 2.1\nName: " + spec.name +
                                                  "\nVersion: " + spec.version + "\n"});
    files.push_back({dist_info + "/INSTALLER", "gator-provision\n"});
    if (spec.requested)
      files.push_back({dist_info + "/REQUESTED", ""});
    std::string record;
    for (const TreeFile& file : files) {
      write_file(m_site / file.path, file.content);
      record += file.path + "," + record_hash(file.content) + "," +
                std::to_string(file.content.size()) + "\n";
    }
    record += dist_info + "/RECORD,,\n";
    write_file(m_site / dist_info / "RECORD", record);
    return m_site / dist_info;
  }

  // A typical project: a package, a script in bin and compiled bytecode of its module.
  fs::path install_demo(const std::string& name = "demo", const std::string& version = "1.0") {
    const fs::path dist_info = install(DistributionSpec{
        name,
        version,
        {{name + "/__init__.py", "VALUE = 1\n"},
         {name + "/util.py", "def helper():\n    return 2\n"},
         {"../../../bin/" + name + "-tool", "#!/venv/bin/python\nimport " + name + "\n"}},
        false});
    // compileall's output is not in RECORD.
    write_file(m_site / name / "__pycache__" / "util.cpython-311.pyc", "bytecode");
    write_file(m_site / name / "__pycache__" / "__init__.cpython-311.opt-1.pyc", "bytecode");
    return dist_info;
  }

  [[nodiscard]] std::string read(const fs::path& path) const {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path m_dir;
  fs::path m_prefix;
  fs::path m_site;
};

// An install plan as lock::select_wheels returns it, for pure-Python wheels of these versions.
[[nodiscard]] inline lock::InstallPlan plan_of(
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

}  // namespace gator::provision::testing

// Differential test against pip: the same locked wheels (generated ones with entry points,
// .data/scripts, .data/data, .data/headers, .data/purelib and .data/platlib, plus Debian's pip
// and setuptools) installed by `apply` into venv A and by pip (`--no-deps --require-hashes`,
// every requirement direct) into venv B made by `python3.11 -m venv --without-pip`. The trees
// must agree file by file: paths, contents (with each venv's path as a placeholder), executable
// bits and link targets. Ignored: INSTALLER, the order of RECORD rows (and the hashes of files
// that contain the venv path), __pycache__, and the files the venv's creator writes itself.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <stdlib.h>

#include "apply_fixture.hpp"

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

constexpr std::string_view k_placeholder = "<VENV>";

struct Side {
  std::string name;  // "apply" or "pip"
  fs::path root;
  Tree tree;

  // Contents with the venv's own path replaced by the placeholder.
  [[nodiscard]] std::string normalized(const std::string& text) const {
    const std::string prefix = root.string();
    std::string out;
    std::size_t from = 0;
    for (std::size_t at = text.find(prefix); at != std::string::npos;
         at = text.find(prefix, from)) {
      out.append(text, from, at - from);
      out += k_placeholder;
      from = at + prefix.size();
    }
    out.append(text, from);
    return out;
  }
  [[nodiscard]] bool mentions_root(const std::string& path) const {
    const auto found = tree.find(path);
    return found != tree.end() && found->second.content.find(root.string()) != std::string::npos;
  }
};

[[nodiscard]] bool ignored(const std::string& path) {
  static const std::set<std::string> k_creator_files = {"pyvenv.cfg",       "bin/activate",
                                                        "bin/activate.csh", "bin/activate.fish",
                                                        "bin/Activate.ps1", "gator-smoke.txt"};
  if (k_creator_files.contains(path) || path.ends_with(".dist-info/INSTALLER"))
    return true;
  const fs::path parts(path);
  return std::any_of(parts.begin(), parts.end(),
                     [](const fs::path& part) { return part == "__pycache__"; });
}

// RECORD's rows as a set, whatever the line ends; a row of a file whose content holds the venv path
// (a script's shebang), or of INSTALLER, keeps only its path.
[[nodiscard]] std::set<std::string> record_rows(const Side& side, const std::string& record) {
  const fs::path site = fs::path(record).parent_path().parent_path();
  std::set<std::string> rows;
  std::istringstream in(side.tree.at(record).content);
  for (std::string row; std::getline(in, row);) {
    if (row.ends_with('\r'))
      row.pop_back();  // pip writes RECORD with csv's "\r\n" line ends: not a row difference
    const std::string path = row.substr(0, row.find(','));
    const std::string installed = (site / path).lexically_normal().generic_string();
    rows.insert(side.mentions_root(installed) || path.ends_with(".dist-info/INSTALLER")
                    ? path + ",<not compared>"
                    : row);
  }
  return rows;
}

[[nodiscard]] std::string excerpt(const std::string& text) {
  return text.size() <= 600 ? text : text.substr(0, 600) + "...";
}

// One paragraph per difference; empty when the trees agree.
[[nodiscard]] std::string differences(const Side& a, const Side& b) {
  std::set<std::string> paths;
  for (const Side* side : {&a, &b})
    for (const auto& [path, entry] : side->tree)
      paths.insert(path);
  std::string report;
  for (const std::string& path : paths) {
    if (path.empty() || ignored(path))
      continue;
    const auto in_a = a.tree.find(path);
    const auto in_b = b.tree.find(path);
    if (in_a == a.tree.end() || in_b == b.tree.end()) {
      report += "only in " + (in_a == a.tree.end() ? b.name : a.name) + ": " + path + "\n";
      continue;
    }
    const TreeEntry& x = in_a->second;
    const TreeEntry& y = in_b->second;
    if (x.type != y.type) {
      report += "different types: " + path + " (" + x.type + " vs " + y.type + ")\n";
      continue;
    }
    if (x.type == 'l' && a.normalized(x.link) != b.normalized(y.link))
      report += "different link targets: " + path + ": " + x.link + " vs " + y.link + "\n";
    if (x.type != 'f')
      continue;
    if ((x.mode & 0111U) != (y.mode & 0111U)) {
      char modes[64];
      std::snprintf(modes, sizeof modes, " (%o vs %o)", x.mode, y.mode);
      report += "different executable bits: " + path + modes + "\n";
    }
    if (path.ends_with(".dist-info/RECORD")) {
      const std::set<std::string> rows_a = record_rows(a, path);
      const std::set<std::string> rows_b = record_rows(b, path);
      for (const std::string& row : rows_a)
        if (!rows_b.contains(row))
          report += "RECORD row only in " + a.name + ": " + path + ": " + row + "\n";
      for (const std::string& row : rows_b)
        if (!rows_a.contains(row))
          report += "RECORD row only in " + b.name + ": " + path + ": " + row + "\n";
      continue;
    }
    const std::string content_a = a.normalized(x.content);
    const std::string content_b = b.normalized(y.content);
    if (content_a != content_b) {
      report += "different contents: " + path + "\n--- " + a.name + ":\n" + excerpt(content_a) +
                "\n--- " + b.name + ":\n" + excerpt(content_b) + "\n";
    }
  }
  return report;
}

class ApplyPipDiffTest : public ApplyTest {
 protected:
  // The two venvs live in a short temporary directory: beyond 127 bytes a shebang needs the
  // /bin/sh trampoline, which apply writes for `#!python` scripts too, where pip writes the long
  // shebang anyway; with short paths both write plain shebangs, wherever the build tree is.
  void SetUp() override {
    ApplyTest::SetUp();
    if (IsSkipped() || HasFatalFailure())
      return;
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/gator-apply-diff-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_venvs = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    if (!m_venvs.empty())
      fs::remove_all(m_venvs, ignored);
    ApplyTest::TearDown();
  }

  // Installs `packages` (all direct) with apply into <tmp>/a (m_venv) and with pip into <tmp>/b;
  // keeps both trees.
  void install_both(const std::vector<std::string>& packages, std::size_t count,
                    const std::vector<std::string>& smoke) {
    const fs::path pip_wheel = fs::path(k_debian_wheels) / "pip-23.0.1-py3-none-any.whl";
    if (!fs::exists(pip_wheel)) {
      if (test::running_in_ci())
        GTEST_FAIL() << pip_wheel << " is required in CI (apt-get install python3-pip-whl)";
      GTEST_SKIP() << "no " << pip_wheel;
    }
    Wheelhouse house = wheelhouse("wheels");
    add_generated(house);
    add_debian(house);
    house.write_pages();
    write_profile({"x", index_url(house), packages, {}, smoke});
    m_venv = m_venvs / "a";
    const ChildResult applied = apply();
    ASSERT_TRUE(applied.exited && applied.exit_code == 0) << applied.describe();

    // The same wheels, by hash, all direct requirements.
    const fs::path b = m_venvs / "b";
    std::string requirements;
    std::size_t locked = 0;
    for (const lock::Package& package : lockfile().packages) {
      ASSERT_EQ(package.wheels.size(), 1U) << package.name;
      requirements += package.name + "==" + package.version->to_string() +
                      " --hash=sha256:" + package.wheels[0].hashes.sha256->to_string() + "\n";
      ++locked;
    }
    ASSERT_EQ(locked, count) << requirements;
    write_bytes(m_work / "reqs.txt", requirements);
    ChildOptions make_venv = command({}, label("venv"));
    make_venv.argv = {k_python, "-m", "venv", "--without-pip", b.string()};
    const ChildResult made = run_child(make_venv);
    ASSERT_TRUE(made.exited && made.exit_code == 0) << made.describe();
    ChildOptions pip = command({}, label("pip"));
    pip.argv = {(b / "bin" / "python").string(),
                (pip_wheel / "pip").string(),
                "install",
                "--no-deps",
                "--require-hashes",
                "--no-index",
                "--find-links",
                house.file("").string(),
                "--no-compile",
                "--no-cache-dir",
                "--disable-pip-version-check",
                "-r",
                (m_work / "reqs.txt").string()};
    const ChildResult installed = run_child(pip, std::chrono::seconds(120));
    ASSERT_TRUE(installed.exited && installed.exit_code == 0) << installed.describe();
    m_apply.emplace(Side{"apply", m_venv, snapshot(m_venv)});
    m_pip.emplace(Side{"pip", b, snapshot(b)});
  }

  fs::path m_venvs;
  std::optional<Side> m_apply;
  std::optional<Side> m_pip;
};

TEST_F(ApplyPipDiffTest, SameTreeAsPip) {
  install_both({"alpha", "beta", "gamma", "pip", "setuptools"}, 5,
               {"python", "-c", "import setuptools, pip, alpha, gamma"});
  if (IsSkipped() || HasFatalFailure())
    return;
  EXPECT_EQ(differences(*m_apply, *m_pip), "");
  // The comparison saw the interesting parts at all.
  for (const char* path :
       {"bin/alpha-cli", "bin/alpha-gui", "bin/alpha-tool", "bin/alpha-sh", "bin/pip3.11",
        "share/alpha/readme.txt", "lib/python3.11/site-packages/alpha_plat.py",
        "lib/python3.11/site-packages/beta.py",
        "lib/python3.11/site-packages/alpha-1.0.dist-info/REQUESTED",
        "lib/python3.11/site-packages/setuptools-66.1.1.dist-info/RECORD"})
    EXPECT_TRUE(m_apply->tree.contains(path)) << path;
}

// pip installs a wheel's .data/headers into <venv>/include/site/python3.11/<project>/, so that
// two projects' headers of the same name cannot collide; apply must do the same.
TEST_F(ApplyPipDiffTest, SameHeadersAsPip) {
  install_both({"delta"}, 1, {});
  if (IsSkipped() || HasFatalFailure())
    return;
  EXPECT_EQ(differences(*m_apply, *m_pip), "");
  EXPECT_TRUE(m_apply->tree.contains("include/site/python3.11/delta/delta.h"));
}

}  // namespace
}  // namespace gator::apply_test

#pragma once

// The fixture of the `gator-provision apply` integration tests: the built binary, run in a
// scratch work directory with its own cache, against PEP 503 indexes of generated and Debian's
// real wheels served by nginx on 127.0.0.1, installing into <work>/venvs/venv with Debian's
// python3.11.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "lock/read.hpp"
#include "nginx_test.hpp"
#include "tree_snapshot.hpp"
#include "wheelhouse.hpp"

namespace gator::apply_test {

inline constexpr const char* k_python = "/usr/bin/python3.11";
inline constexpr const char* k_debian_wheels = "/usr/share/python-wheels";

struct ProfileSpec {
  std::string name = "x";  // profiles/<name>.toml, locked to lockfiles/pylock.<name>.toml
  std::string index_url;
  std::vector<std::string> packages;
  std::map<std::string, std::string> environment;
  std::vector<std::string> smoke{};  // [smoke] command; empty: the default check
};

class ApplyTest : public test::NginxTest {
 protected:
  void SetUp() override;
  // Removes the work directory when the test passed (venvs and caches of thousands of files);
  // a failed test's stays for a look.
  void TearDown() override;

  // A wheelhouse under the document root (area: a top-level folder, one per index of a test).
  [[nodiscard]] Wheelhouse wheelhouse(const std::string& area) const;
  // alpha 1.0, beta 1.0 and 2.0, gamma 1.0, delta 1.0; Debian's pip and setuptools.
  void add_generated(Wheelhouse& house) const;
  void add_debian(Wheelhouse& house) const;
  [[nodiscard]] std::string index_url(const Wheelhouse& house) const;

  // profiles/<name>.toml in the work directory; apply() uses it from then on.
  void write_profile(const ProfileSpec& spec);

  // The options of `gator-provision <args>` in the work directory with a clean environment;
  // output files named after `label`.
  [[nodiscard]] ChildOptions command(std::vector<std::string> args, const std::string& label) const;
  // `apply profiles/<profile>.toml --venv <venv> --cache-dir <cache> --python python3.11`,
  // `--skip-doctor` (unless m_run_doctor) and `extra`.
  [[nodiscard]] std::vector<std::string> apply_args(const std::filesystem::path& cache,
                                                    std::vector<std::string> extra = {}) const;
  [[nodiscard]] ChildResult apply(std::vector<std::string> extra = {});
  [[nodiscard]] ChildResult apply_with_cache(const std::filesystem::path& cache,
                                             std::vector<std::string> extra = {});
  [[nodiscard]] ChildResult gator(std::vector<std::string> args);
  // The venv's python with `args`, in the work directory, clean environment.
  [[nodiscard]] ChildResult venv_python(std::vector<std::string> args);

  [[nodiscard]] lock::Lockfile lockfile() const;
  [[nodiscard]] std::filesystem::path lock_path() const {
    return m_work / "lockfiles" / ("pylock." + m_profile + ".toml");
  }
  [[nodiscard]] std::filesystem::path site_packages() const {
    return m_venv / "lib" / "python3.11" / "site-packages";
  }
  // Request lines nginx logged for this test's files since the test began.
  [[nodiscard]] std::size_t requests_so_far() const;

  // Builds the venv of profile x (alpha 1.0, beta 1.0) from the wheelhouse "wheels" and
  // returns it as it is then.
  [[nodiscard]] Tree baseline();
  // Profile y: x's packages plus `extra`, from `index`; locked here with a cache of its own (a
  // fault test's fault is in what apply gets afterwards).
  void lock_profile_y(const std::string& index, const std::string& extra);

  // The venv is exactly `before`, nothing is left beside it, and `gator-provision verify` of
  // profile `profile` (the one it was built from) finds no drift.
  void expect_intact(const Tree& before, const std::string& profile = "x");

  [[nodiscard]] std::string label(const std::string& what) {
    return what + std::to_string(++m_runs);
  }

  std::filesystem::path m_work;
  std::filesystem::path m_venv;
  std::filesystem::path m_cache;
  std::string m_profile = "x";  // the last profile written
  bool m_run_doctor = false;
  int m_runs = 0;
};

}  // namespace gator::apply_test

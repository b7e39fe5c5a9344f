#include "apply_fixture.hpp"

#include <unistd.h>

#include "test_wheels.hpp"

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void ApplyTest::SetUp() {
  NginxTest::SetUp();
  if (IsSkipped() || HasFatalFailure())
    return;
  if (::access(k_python, X_OK) != 0) {
    if (test::running_in_ci())
      GTEST_FAIL() << k_python << " is required in CI (apt-get install python3.11)";
    GTEST_SKIP() << "no " << k_python;
  }
  m_work = scratch_dir();
  m_venv = m_work / "venvs" / "venv";
  m_cache = m_work / "cache";
}

void ApplyTest::TearDown() {
  if (!m_work.empty() && !HasFailure()) {
    std::error_code ignored;
    fs::remove_all(m_work, ignored);
  }
  NginxTest::TearDown();
}

Wheelhouse ApplyTest::wheelhouse(const std::string& area) const {
  return Wheelhouse(serve_dir(area));
}

void ApplyTest::add_generated(Wheelhouse& house) const {
  for (const GeneratedWheel& wheel :
       {alpha_wheel(), beta_wheel("1.0"), beta_wheel("2.0"), gamma_wheel(), delta_wheel()})
    house.add(wheel.filename, wheel.bytes);
}

void ApplyTest::add_debian(Wheelhouse& house) const {
  for (const fs::directory_entry& entry : fs::directory_iterator(k_debian_wheels)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("pip-") || name.starts_with("setuptools-"))
      house.add_copy(entry.path());
  }
}

std::string ApplyTest::index_url(const Wheelhouse& house) const {
  return url_for(house.root() / "simple");
}

void ApplyTest::write_profile(const ProfileSpec& spec) {
  m_profile = spec.name;
  std::string text = "schema-version = 1\n[profile]\nname = " + toml_string(spec.name) +
                     "\n[hardware]\nvendor = \"cpu\"\n[python]\nversion = \"3.11\"\n[[index]]\n"
                     "name = \"wheels\"\nurl = " +
                     toml_string(spec.index_url) + "\n[requirements]\npackages = [";
  for (const std::string& package : spec.packages)
    text += toml_string(package) + ", ";
  text += "]\n";
  if (!spec.environment.empty()) {
    text += "[environment]\n";
    for (const auto& [name, value] : spec.environment)
      text += name + " = " + toml_string(value) + "\n";
  }
  if (!spec.smoke.empty()) {
    text += "[smoke]\ncommand = [";
    for (const std::string& word : spec.smoke)
      text += toml_string(word) + ", ";
    text += "]\ntimeout = 60\n";
  }
  write_bytes(m_work / "profiles" / (spec.name + ".toml"), text);
}

ChildOptions ApplyTest::command(std::vector<std::string> args, const std::string& name) const {
  ChildOptions options;
  options.argv = std::move(args);
  options.argv.insert(options.argv.begin(), GATOR_PROVISION_BINARY);
  options.environment = clean_environment();
  options.working_directory = m_work;
  options.output_stem = m_work / ("run-" + name);
  return options;
}

std::vector<std::string> ApplyTest::apply_args(const fs::path& cache,
                                               std::vector<std::string> extra) const {
  std::vector<std::string> args = {"apply",       "profiles/" + m_profile + ".toml",
                                   "--venv",      m_venv.string(),
                                   "--cache-dir", cache.string(),
                                   "--python",    k_python};
  if (!m_run_doctor)
    args.push_back("--skip-doctor");
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

ChildResult ApplyTest::apply(std::vector<std::string> extra) {
  return apply_with_cache(m_cache, std::move(extra));
}

ChildResult ApplyTest::apply_with_cache(const fs::path& cache, std::vector<std::string> extra) {
  return run_child(command(apply_args(cache, std::move(extra)), label("apply")),
                   std::chrono::seconds(90));
}

ChildResult ApplyTest::gator(std::vector<std::string> args) {
  return run_child(command(std::move(args), label("gator")), std::chrono::seconds(90));
}

ChildResult ApplyTest::venv_python(std::vector<std::string> args) {
  ChildOptions options;
  options.argv = std::move(args);
  options.argv.insert(options.argv.begin(), (m_venv / "bin" / "python").string());
  options.environment = clean_environment();
  options.working_directory = m_work;
  options.output_stem = m_work / ("run-" + label("python"));
  return run_child(options);
}

lock::Lockfile ApplyTest::lockfile() const {
  return lock::load_lockfile(lock_path()).lockfile;
}

std::size_t ApplyTest::requests_so_far() const {
  return logged_requests("/" + test_name() + "/").size();
}

Tree ApplyTest::baseline() {
  Wheelhouse house = wheelhouse("wheels");
  add_generated(house);
  house.write_pages();
  write_profile({"x", index_url(house), {"alpha", "beta<2"}, {}});
  const ChildResult applied = apply();
  EXPECT_TRUE(applied.exited && applied.exit_code == 0) << applied.describe();
  return snapshot(m_venv);
}

void ApplyTest::lock_profile_y(const std::string& index, const std::string& extra) {
  write_profile({"y", index, {"alpha", "beta<2", extra}, {}});
  const ChildResult locked = gator({"lock", "profiles/y.toml", "--cache-dir",
                                    (m_work / "lock-cache").string(), "--python", k_python});
  ASSERT_TRUE(locked.exited && locked.exit_code == 0) << locked.describe();
}

void ApplyTest::expect_intact(const Tree& before, const std::string& profile) {
  EXPECT_EQ(tree_changes(before, snapshot(m_venv)), "") << "the previous venv changed";
  EXPECT_EQ(leftovers_beside(m_venv), std::vector<std::string>{});
  const ChildResult verify = gator(
      {"verify", "profiles/" + profile + ".toml", "--venv", m_venv.string(), "--python", k_python});
  EXPECT_TRUE(verify.exited && verify.exit_code == 0) << verify.describe();
}

}  // namespace gator::apply_test

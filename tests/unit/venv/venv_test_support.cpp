#include "venv_test_support.hpp"

#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "python/discovery.hpp"

namespace gator::venv::test {
namespace fs = std::filesystem;

const python::InterpreterInfo& base_python() {
  static const python::InterpreterInfo info = python::query_interpreter("/usr/bin/python3.11", {});
  return info;
}

namespace {

// One root per process, so that ctest -j running tests of this executable side by side never
// share a directory; removed when the run ends.
class ScratchRoot : public ::testing::Environment {
 public:
  void TearDown() override { fs::remove_all(root()); }
};
[[maybe_unused]] ::testing::Environment* const k_scratch_root =
    ::testing::AddGlobalTestEnvironment(new ScratchRoot);

}  // namespace

fs::path root() {
  static const fs::path path =
      fs::path(::testing::TempDir()) / ("gator-venv-test-" + std::to_string(::getpid()));
  return path;
}

fs::path scratch_dir(const std::string& suffix) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "suite";
  if (test != nullptr)
    name = std::string(test->test_suite_name()) + "-" + test->name();
  for (char& c : name) {
    if (c == '/')
      c = '_';
  }
  const fs::path dir = root() / (name + suffix);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::optional<fs::path> find_shell(const std::string& name) {
  for (const char* dir : {"/usr/bin", "/bin", "/usr/local/bin"}) {
    const fs::path candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return std::nullopt;
}

util::ProcessResult run_shell(const fs::path& shell, const std::string& script,
                              const std::map<std::string, std::string>& extra) {
  const fs::path dir = scratch_dir("-shell-" + shell.filename().string());
  const fs::path file = dir / "script";
  std::ofstream(file, std::ios::binary) << script;
  std::map<std::string, std::string> environment = {
      {"PATH", "/usr/bin:/bin"}, {"HOME", dir.string()}, {"LC_ALL", "C.UTF-8"}};
  for (const auto& [name, value] : extra)
    environment[name] = value;
  std::vector<std::string> args;
  const std::string name = shell.filename().string();
  if (name == "bash")
    args = {"--norc", "--noprofile"};
  else if (name == "fish")
    args = {"--no-config"};
  else if (name == "tcsh" || name == "csh")
    args = {"-f"};
  args.push_back(file.string());
  return util::run_process({shell, args, environment, dir, std::chrono::seconds(60)});
}

std::map<std::string, std::string> parse_env0(const std::string& text) {
  std::map<std::string, std::string> result;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\0', start);
    if (end == std::string::npos)
      end = text.size();
    const std::string entry = text.substr(start, end - start);
    const std::size_t equals = entry.find('=');
    if (equals != std::string::npos)
      result[entry.substr(0, equals)] = entry.substr(equals + 1);
    start = end + 1;
  }
  return result;
}

std::string run_ok(const fs::path& program, const std::vector<std::string>& args) {
  const auto result =
      util::run_process({program, args, std::nullopt, {}, std::chrono::seconds(60)});
  EXPECT_EQ(result.exit_code, 0) << program << " failed: " << result.err;
  std::string out = result.out;
  while (!out.empty() && out.back() == '\n')
    out.pop_back();
  return out;
}

}  // namespace gator::venv::test

#include "provision/smoke.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include <unistd.h>

#include "metadata/record.hpp"
#include "pep508/name.hpp"
#include "provision/atomic_write.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"
#include "venv/scheme.hpp"

namespace gator::provision {
namespace {
namespace fs = std::filesystem;

constexpr std::size_t k_output_limit = 4096;

[[nodiscard]] std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

[[nodiscard]] bool is_identifier(std::string_view name) {
  if (name.empty() || util::is_ascii_digit(name.front()))
    return false;
  for (char c : name) {
    if (!util::is_ascii_alnum(c) && c != '_')
      return false;
  }
  return true;
}

// The importable name a RECORD path makes at the top of site-packages, if any.
[[nodiscard]] std::optional<std::string> top_level_name(std::string_view path) {
  const std::size_t slash = path.find('/');
  std::string_view first = path.substr(0, slash);
  if (slash != std::string_view::npos) {
    if (first.ends_with(".dist-info") || first.ends_with(".data") || first == "__pycache__" ||
        first == "..")
      return std::nullopt;
    if (!path.substr(slash + 1).ends_with(".py") && !path.substr(slash + 1).ends_with(".so"))
      return std::nullopt;  // a directory of data only is not a package
  } else if (first.ends_with(".py")) {
    first.remove_suffix(3);
  } else if (first.ends_with(".so")) {
    first = first.substr(0, first.find('.'));  // name.cpython-311-x86_64-linux-gnu.so
  } else {
    return std::nullopt;
  }
  if (!is_identifier(first))
    return std::nullopt;
  return std::string(first);
}

void collect_modules(const fs::path& site_packages, const std::set<std::string>& requested,
                     std::set<std::string>& modules) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(site_packages, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".dist-info"))
      continue;
    const std::string project = pep508::canonicalize_name(name.substr(0, name.find('-')));
    if (!requested.contains(project))
      continue;
    const auto text = read_text(entry.path() / "RECORD");
    if (!text)
      continue;
    const auto rows = metadata::parse_record(*text);
    if (!rows)
      continue;
    std::set<std::string> names;
    for (const metadata::RecordEntry& row : *rows) {
      if (auto top = top_level_name(row.path))
        names.insert(std::move(*top));
    }
    std::string own = project;
    for (char& c : own)
      c = c == '-' ? '_' : c;
    if (names.contains(own))
      modules.insert(own);
    else
      modules.insert(names.begin(), names.end());
  }
}

}  // namespace

std::vector<std::string> top_level_modules(const fs::path& venv,
                                           const python::InterpreterInfo& base,
                                           const std::set<std::string>& requested) {
  const venv::Scheme scheme = venv::scheme(venv, base);
  std::set<std::string> modules;
  collect_modules(scheme.purelib, requested, modules);
  if (scheme.platlib != scheme.purelib)
    collect_modules(scheme.platlib, requested, modules);
  return {modules.begin(), modules.end()};
}

std::optional<SmokeCheck> default_smoke_check(const fs::path& venv,
                                              const python::InterpreterInfo& base,
                                              const std::set<std::string>& requested) {
  const std::vector<std::string> modules = top_level_modules(venv, base, requested);
  if (modules.empty())
    return std::nullopt;
  // Each module in an interpreter of its own: some projects refuse to share one (setuptools'
  // distutils hack asserts when pip's vendored code imported distutils first).
  std::string names;
  for (const std::string& module : modules)
    names += "'" + module + "', ";
  const std::string code =
      "import subprocess, sys\n"
      "failed = [m for m in (" +
      names +
      ") if subprocess.run([sys.executable, '-c', 'import ' + m]).returncode]\n"
      "sys.exit('cannot import: ' + ', '.join(failed) if failed else 0)\n";
  return SmokeCheck{{"python", "-c", code}, std::chrono::seconds(300)};
}

std::map<std::string, std::string> venv_environment(
    const fs::path& venv, std::map<std::string, std::string> inherited,
    const std::map<std::string, std::string>& profile_environment) {
  const std::string bin = (venv / "bin").string();
  const auto path = inherited.find("PATH");
  inherited["PATH"] =
      path == inherited.end() || path->second.empty() ? bin : bin + ":" + path->second;
  inherited["VIRTUAL_ENV"] = venv.string();
  inherited.erase("PYTHONHOME");
  for (const auto& [name, value] : profile_environment)
    inherited[name] = value;
  return inherited;
}

std::optional<fs::path> resolve_program(const fs::path& venv, const std::string& program,
                                        const std::string& path) {
  std::error_code ec;
  if (program.find('/') != std::string::npos)
    return fs::absolute(program, ec);
  const fs::path own = venv / "bin" / program;
  if (fs::exists(own, ec))
    return own;
  for (std::string_view directory : util::split(path, ':')) {
    if (directory.empty())
      continue;
    const fs::path candidate = fs::path(directory) / program;
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate, ec))
      return candidate;
  }
  return std::nullopt;
}

SmokeResult run_smoke_check(const fs::path& venv, const SmokeCheck& check,
                            const std::map<std::string, std::string>& environment) {
  SmokeResult result;
  result.command = check.command;
  const auto path = environment.find("PATH");
  const auto program =
      check.command.empty()
          ? std::nullopt
          : resolve_program(venv, check.command.front(),
                            path == environment.end() ? std::string() : path->second);
  if (!program) {
    result.problem = check.command.empty() ? "the smoke command is empty"
                                           : "cannot find the program " + check.command.front();
  } else {
    util::ProcessRequest request;
    request.executable = *program;
    request.args.assign(check.command.begin() + 1, check.command.end());
    request.environment = environment;
    request.timeout = check.timeout;
    try {
      const util::ProcessResult ran = util::run_process(request);
      result.exit_code = ran.exit_code;
      result.passed = ran.exit_code == 0;
      result.output = ran.out + ran.err;
      if (result.output.size() > k_output_limit)
        result.output = "..." + result.output.substr(result.output.size() - k_output_limit);
    } catch (const Error& error) {
      result.problem = error.what();
    }
  }
  std::string record = result.passed ? "passed\n"
                       : result.problem.empty()
                           ? "failed: exit " + std::to_string(result.exit_code) + "\n"
                           : "failed: " + result.problem + "\n";
  record += "command: " + util::join(result.command, " ") + "\n" + result.output;
  try {
    write_file_atomically(venv / k_smoke_record, record);
  } catch (const Error&) {
    // The venv is in place either way; the caller reports the result.
  }
  return result;
}

std::optional<std::string> last_smoke_result(const fs::path& venv) {
  const auto text = read_text(venv / k_smoke_record);
  if (!text)
    return std::nullopt;
  return text->substr(0, text->find('\n'));
}

}  // namespace gator::provision

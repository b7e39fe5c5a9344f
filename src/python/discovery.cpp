#include "python/discovery.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "pep440/specifier.hpp"
#include "pep440/version.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace gator::python {
namespace fs = std::filesystem;
namespace {

constexpr auto k_query_timeout = std::chrono::seconds(60);

bool is_version_text(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return util::is_ascii_digit(c) || c == '.'; });
}

// "3.11" means any 3.11.x; "3.11.4" exactly that; anything else is a specifier set.
pep440::SpecifierSet wanted_specifier(const std::string& wanted) {
  const std::string text =
      wanted.empty() ? std::string()
      : is_version_text(wanted)
          ? (std::count(wanted.begin(), wanted.end(), '.') >= 2 ? "==" + wanted
                                                                : "==" + wanted + ".*")
          : wanted;
  auto parsed = pep440::SpecifierSet::parse(text);
  if (!parsed) {
    throw Error(ErrorKind::invalid_input, "invalid Python version request \"" + wanted + "\"")
        .caused_by(parsed.error().render())
        .hint("use a version such as \"3.11\" or a specifier such as \">=3.10,<3.13\"");
  }
  return *parsed;
}

// The minor version a file name promises (python3.11 → "3.11"), if any.
std::string minor_in_name(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.starts_with("python") && is_version_text(name.substr(6)) ? name.substr(6) : "";
}

// Only a real ELF binary is cached: a wrapper script (pyenv shim) may switch interpreters
// without its own mtime changing.
bool is_elf(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in && magic[0] == '\x7f' && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
}

fs::path cache_entry(const fs::path& cache_dir, const fs::path& python) {
  const std::size_t key = std::hash<std::string>{}(python.string());
  std::ostringstream name;
  name << std::hex << key << ".json";
  return cache_dir / "interpreters-v1" / name.str();
}

std::string stamp(const fs::path& python) {
  std::error_code ec;
  const auto size = fs::file_size(python, ec);
  const auto mtime = fs::last_write_time(python, ec).time_since_epoch().count();
  return python.string() + "|" + std::to_string(size) + "|" + std::to_string(mtime);
}

std::optional<InterpreterInfo> read_cache(const fs::path& entry, const std::string& expected) {
  std::ifstream in(entry);
  if (!in)
    return std::nullopt;
  const nlohmann::json cached = nlohmann::json::parse(in, nullptr, false);
  if (!cached.is_object() || cached.value("stamp", "") != expected)
    return std::nullopt;
  auto info = parse_query_output(cached.value("info", ""));
  return info ? std::optional(std::move(*info)) : std::nullopt;
}

void write_cache(const fs::path& entry, const std::string& stamp_text,
                 const InterpreterInfo& info) {
  std::error_code ec;
  fs::create_directories(entry.parent_path(), ec);
  const fs::path temporary = entry.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary);
    out << nlohmann::json{{"stamp", stamp_text}, {"info", to_json(info)}}.dump();
    if (!out)
      return;  // a cache that cannot be written only costs time
  }
  fs::rename(temporary, entry, ec);
}

bool executable_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

InterpreterInfo query_interpreter(const fs::path& python, const fs::path& cache_dir) {
  const bool cacheable = !cache_dir.empty() && is_elf(python);
  const std::string stamp_text = cacheable ? stamp(python) : std::string();
  if (cacheable) {
    if (auto cached = read_cache(cache_entry(cache_dir, python), stamp_text))
      return *cached;
  }
  const util::ProcessResult result = util::run_process(
      {python, {"-I", "-c", std::string(query_script())}, std::nullopt, {}, k_query_timeout});
  if (result.exit_code != 0) {
    Error error(ErrorKind::io, "cannot query the Python interpreter " + python.string());
    const std::string_view err = util::trim_ascii(result.err);
    error.caused_by("exit code " + std::to_string(result.exit_code) +
                    (err.empty() ? "" : ": " + std::string(err.substr(err.rfind('\n') + 1))));
    throw error;
  }
  auto info = parse_query_output(result.out);
  if (!info) {
    throw Error(ErrorKind::io, "cannot query the Python interpreter " + python.string())
        .caused_by(info.error());
  }
  if (cacheable)
    write_cache(cache_entry(cache_dir, python), stamp_text, *info);
  return *info;
}

Discovery discover_interpreter(const DiscoveryRequest& request) {
  std::string wanted = request.wanted;
  std::vector<std::pair<fs::path, std::string>> candidates;
  const std::string& option = request.python_option;
  if (is_version_text(option)) {
    wanted = option;  // `--python 3.12` overrides the profile's version
  } else if (option.find('/') != std::string::npos) {
    candidates.emplace_back(fs::absolute(option), "--python");
  } else if (!option.empty()) {
    for (std::string_view dir : util::split(request.path_env, ':')) {
      if (!dir.empty())
        candidates.emplace_back(fs::path(dir) / option, "--python");
    }
  }
  const pep440::SpecifierSet specifier = wanted_specifier(wanted);
  // The "X.Y" a file name must carry to be worth trying (from "3.11" or "3.11.4").
  std::string minor;
  if (is_version_text(wanted)) {
    const auto parts = util::split(wanted, '.');
    if (parts.size() >= 2)
      minor = std::string(parts[0]) + "." + std::string(parts[1]);
  }

  if (option.empty() || is_version_text(option)) {
    std::vector<std::string> names;
    if (!minor.empty())
      names.push_back("python" + minor);
    names.insert(names.end(), {"python3", "python"});
    for (std::string_view dir : util::split(request.path_env, ':')) {
      if (dir.empty())
        continue;
      for (const std::string& name : names)
        candidates.emplace_back(fs::path(dir) / name, "PATH");
    }
    for (const char* dir : {"/usr/bin", "/usr/local/bin"}) {
      for (const std::string& name : names)
        candidates.emplace_back(fs::path(dir) / name, "system");
    }
    const fs::path pyenv =
        !request.pyenv_root.empty() ? fs::path(request.pyenv_root) : request.home / ".pyenv";
    std::vector<fs::path> versions;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(pyenv / "versions", ec))
      versions.push_back(entry.path());
    std::sort(versions.begin(), versions.end(), [](const fs::path& a, const fs::path& b) {
      const auto va = pep440::Version::parse(a.filename().string());
      const auto vb = pep440::Version::parse(b.filename().string());
      if (va && vb)
        return *vb < *va;  // newest first
      return va.has_value() > vb.has_value() || (!va && !vb && a > b);
    });
    for (const fs::path& version : versions) {
      candidates.emplace_back(version / "bin" / (minor.empty() ? "python3" : "python" + minor),
                              "pyenv");
    }
  }

  Discovery discovery;
  std::set<fs::path> seen_interpreters;
  std::set<fs::path> seen_paths;
  for (const auto& [path, origin] : candidates) {
    if (!seen_paths.insert(path).second)
      continue;
    if (!executable_file(path)) {
      if (origin == "--python" && option.find('/') != std::string::npos) {
        discovery.probes.push_back({path, origin, "not an executable file"});
      }
      continue;
    }
    Probe probe{path, origin, ""};
    const std::string name_minor = minor_in_name(path);
    if (!minor.empty() && !name_minor.empty() && name_minor != minor) {
      probe.rejected = "python " + name_minor + " does not match " + wanted;
      discovery.probes.push_back(probe);
      continue;
    }
    try {
      InterpreterInfo info = query_interpreter(path, request.cache_dir);
      const auto full = pep440::Version::parse(info.markers.python_full_version.value_or(""));
      if (info.is_virtualenv()) {
        probe.rejected = "a virtualenv's interpreter (prefix " + info.prefix.string() +
                         "); a base interpreter is needed";
      } else if (!full || !specifier.contains(*full, true)) {
        probe.rejected = "python " + info.markers.python_full_version.value_or("?") +
                         " does not match " + wanted;
      } else if (!seen_interpreters.insert(info.executable).second) {
        continue;  // the same interpreter through another link or shim
      } else {
        discovery.probes.push_back(probe);
        discovery.found = std::move(info);
        return discovery;
      }
    } catch (const Error& error) {
      probe.rejected = error.causes().empty() ? error.what() : error.causes().front();
    }
    discovery.probes.push_back(probe);
  }
  return discovery;
}

}  // namespace gator::python

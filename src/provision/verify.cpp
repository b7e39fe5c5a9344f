#include "provision/verify.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>

#include "metadata/record_hash.hpp"
#include "pep508/name.hpp"
#include "provision/report_common.hpp"
#include "provision/venv_files.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace gator::provision {
namespace fs = std::filesystem;
namespace {

// Without a trailing separator, so that component-wise comparisons work.
fs::path normal_directory(const fs::path& path) {
  std::string text = path.lexically_normal().string();
  while (text.size() > 1 && text.ends_with('/'))
    text.pop_back();
  return text;
}

// `path` is `root` or below it, component by component (both lexically normal).
bool within(const fs::path& path, const fs::path& root) {
  auto part = path.begin();
  for (const fs::path& component : root) {
    if (part == path.end() || *part != component)
      return false;
    ++part;
  }
  return true;
}

bool strictly_within(const fs::path& path, const fs::path& root) {
  return path != root && within(path, root);
}

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// The files CPython's venv (and venv::create_venv) puts in bin/: interpreter links and the
// activate scripts.
bool is_venv_own_script(const std::string& name) {
  if (name == "activate" || name == "activate.fish" || name == "activate.csh" ||
      name == "Activate.ps1" || name == "python")
    return true;
  // python3, python3.11, python3.13t
  std::string_view rest = name;
  if (!rest.starts_with("python"))
    return false;
  rest.remove_prefix(6);
  if (rest.ends_with('t'))
    rest.remove_suffix(1);
  const auto parts = util::split(rest, '.');
  if (parts.size() > 2)
    return false;
  for (const std::string_view part : parts) {
    if (part.empty() || !std::all_of(part.begin(), part.end(), util::is_ascii_digit))
      return false;
  }
  return true;
}

class Verifier {
 public:
  Verifier(const venv::Scheme& scheme, const InstalledScan& installed, VerifyReport& report)
      : m_scheme(scheme), m_installed(installed), m_report(report) {
    m_prefix = normal_directory(scheme.data);
    std::error_code error;
    m_canonical_prefix = fs::canonical(m_prefix, error);
  }

  void check_packages(const lock::InstallPlan& plan);
  void check_records();
  void find_extraneous();
  void finish();

 private:
  void check_row(const InstalledDistribution& distribution, const std::string& label,
                 const metadata::RecordEntry& row);
  void walk(const fs::path& root, bool report_unreadable_root);
  [[nodiscard]] bool is_allowed_extra(const fs::path& canonical_directory,
                                      const std::string& name) const;
  [[nodiscard]] const std::optional<fs::path>& canonical_directory(const fs::path& directory);
  [[nodiscard]] std::string relative(const fs::path& path) const {
    return path.lexically_relative(m_prefix).generic_string();
  }
  void problem(std::string package, std::string message) {
    m_report.problems.push_back(VerifyProblem{std::move(package), std::move(message)});
  }

  const venv::Scheme& m_scheme;
  const InstalledScan& m_installed;
  VerifyReport& m_report;
  fs::path m_prefix;
  fs::path m_canonical_prefix;  // empty when the venv cannot be resolved
  std::map<fs::path, std::optional<fs::path>> m_canonical;
  std::set<std::string> m_claimed;  // canonical paths of the files RECORDs list
  // .dist-info directories without a usable RECORD: their files are known to be theirs.
  std::set<std::string> m_unrecorded;
  std::map<std::string, std::pair<std::size_t, std::set<std::string>>> m_other_algorithms;
  std::optional<fs::path> m_canonical_scripts;
};

const std::optional<fs::path>& Verifier::canonical_directory(const fs::path& directory) {
  const auto found = m_canonical.find(directory);
  if (found != m_canonical.end())
    return found->second;
  std::error_code error;
  fs::path resolved = fs::canonical(directory, error);
  std::optional<fs::path> value;
  if (!error)
    value = std::move(resolved);
  return m_canonical.emplace(directory, std::move(value)).first->second;
}

void Verifier::check_packages(const lock::InstallPlan& plan) {
  std::map<std::string, const lock::PlannedWheel*> locked;
  for (const lock::PlannedWheel& planned : plan.wheels)
    locked.emplace(pep508::canonicalize_name(planned.name), &planned);
  std::set<std::string> names;
  for (const auto& [name, planned] : locked)
    names.insert(name);
  for (const InstalledDistribution& distribution : m_installed.distributions)
    names.insert(distribution.name);
  m_report.packages_checked = names.size();

  for (const std::string& name : names) {
    const auto installed = m_installed.find(name);
    const auto lock_entry = locked.find(name);
    const bool is_locked = lock_entry != locked.end();
    const std::optional<pep440::Version> locked_version =
        is_locked ? detail::planned_version(*lock_entry->second) : std::nullopt;
    PackageFinding finding;
    finding.name = name;
    if (is_locked)
      finding.locked = detail::version_text(locked_version);
    for (const InstalledDistribution* distribution : installed)
      finding.installed += (finding.installed.empty() ? "" : ", ") + distribution->version;

    auto add = [&](PackageIssue issue) {
      finding.issue = issue;
      m_report.packages.push_back(finding);
    };
    if (is_locked && installed.empty())
      add(PackageIssue::missing);
    if (!is_locked && !installed.empty())
      add(PackageIssue::extraneous);
    if (installed.size() > 1)
      add(PackageIssue::duplicate);
    else if (is_locked && installed.size() == 1 &&
             !detail::same_version(*installed.front(), locked_version))
      add(PackageIssue::wrong_version);
  }
}

void Verifier::check_records() {
  for (const std::string& message : m_installed.problems)
    problem("", message);
  for (const InstalledDistribution& distribution : m_installed.distributions) {
    const std::string label = detail::distribution_label(distribution);
    for (const std::string& message : distribution.problems)
      problem(label, message);
    if (!distribution.has_record) {
      if (const auto& canonical = canonical_directory(distribution.dist_info))
        m_unrecorded.insert(canonical->string());
    }
    for (const metadata::RecordEntry& row : distribution.record)
      check_row(distribution, label, row);
  }
}

void Verifier::check_row(const InstalledDistribution& distribution, const std::string& label,
                         const metadata::RecordEntry& row) {
  if (row.path.find('\0') != std::string::npos) {
    problem(label, "RECORD lists a path with a NUL character; it was not checked");
    return;
  }
  const fs::path recorded(row.path);
  const fs::path full =
      normal_directory(recorded.is_absolute() ? recorded : distribution.base() / recorded);
  if (!strictly_within(full, m_prefix)) {
    problem(label, "RECORD lists " + in_quotes(row.path) + ", which is outside the venv; it was " +
                       "not checked");
    return;
  }
  const std::string shown = relative(full);
  const std::optional<fs::path>& parent = canonical_directory(full.parent_path());
  if (parent && !m_canonical_prefix.empty() && !within(*parent, m_canonical_prefix)) {
    problem(label, "RECORD lists " + in_quotes(row.path) + ", whose directory is a symbolic link " +
                       "out of the venv (to " + parent->string() + "); it was not checked");
    return;
  }
  const fs::path place = parent ? *parent / full.filename() : full;
  m_claimed.insert(place.string());

  const detail::EntryStatus status = detail::entry_status(place);
  if (status.error != 0) {
    problem(label, "cannot inspect " + shown + ": " + std::strerror(status.error));
    return;
  }
  if (status.type == detail::EntryType::missing) {
    // Bytecode is recorded without a hash and is rebuilt on import: its absence is no drift.
    if (row.hash.empty() && row.path.ends_with(".pyc"))
      return;
    ++m_report.files_checked;
    m_report.files.push_back(
        FileFinding{FileIssue::missing, shown, label, Difference::none, "", ""});
    return;
  }
  ++m_report.files_checked;
  if (status.type != detail::EntryType::file) {
    m_report.files.push_back(FileFinding{FileIssue::modified, shown, label, Difference::type,
                                         "file", detail::to_string(status.type)});
    return;
  }
  if (row.size && *row.size != status.size) {
    m_report.files.push_back(FileFinding{FileIssue::modified, shown, label, Difference::size,
                                         std::to_string(*row.size), std::to_string(status.size)});
    return;
  }
  if (row.hash.empty())
    return;
  const auto hash = metadata::parse_record_hash(row.hash);
  if (!hash) {
    problem(label, "RECORD has a malformed hash for " + shown + ": " + hash.error().message);
    return;
  }
  if (hash->algorithm != metadata::HashAlgorithm::sha256) {
    auto& [count, algorithms] = m_other_algorithms[label];
    ++count;
    algorithms.insert(hash->algorithm_name);
    return;
  }
  const auto digest = detail::hash_regular_file(place);
  if (!digest) {
    problem(label, "cannot read " + shown + ": " + digest.error());
    return;
  }
  if (!std::equal(digest->bytes.begin(), digest->bytes.end(), hash->digest.begin(),
                  hash->digest.end()))
    m_report.files.push_back(FileFinding{FileIssue::modified, shown, label, Difference::sha256,
                                         util::to_hex(hash->digest), util::to_hex(digest->bytes)});
}

bool Verifier::is_allowed_extra(const fs::path& canonical_directory,
                                const std::string& name) const {
  if (m_canonical_scripts && canonical_directory == *m_canonical_scripts &&
      is_venv_own_script(name))
    return true;
  // compileall's output for a listed module: __pycache__/<module>.<tag>[.opt-N].pyc
  if (canonical_directory.filename() != "__pycache__" || !name.ends_with(".pyc"))
    return false;
  const std::string module = name.substr(0, name.find('.'));
  return !module.empty() &&
         m_claimed.contains((canonical_directory.parent_path() / (module + ".py")).string());
}

void Verifier::walk(const fs::path& root, bool report_unreadable_root) {
  const std::optional<fs::path>& canonical_root = canonical_directory(root);
  if (!canonical_root) {
    if (report_unreadable_root)
      problem("", "cannot open " + root.string() + ": it does not exist or cannot be read");
    return;
  }
  // Iterative: the depth of a hostile tree must not become the depth of the stack.
  std::vector<std::pair<fs::path, fs::path>> pending{{normal_directory(root), *canonical_root}};
  while (!pending.empty()) {
    const auto [directory, canonical] = std::move(pending.back());
    pending.pop_back();
    std::error_code error;
    fs::directory_iterator entries(directory, error);
    while (!error && entries != fs::directory_iterator()) {
      const std::string name = entries->path().filename().string();
      const fs::path path = directory / name;
      if (detail::entry_status(path).type == detail::EntryType::directory) {
        if (!m_unrecorded.contains((canonical / name).string()))
          pending.emplace_back(path, canonical / name);
      } else if (!m_claimed.contains((canonical / name).string()) &&
                 !is_allowed_extra(canonical, name))
        m_report.files.push_back(
            FileFinding{FileIssue::extraneous, relative(path), "", Difference::none, "", ""});
      entries.increment(error);
    }
    if (error && (directory != normal_directory(root) || report_unreadable_root))
      problem("", "cannot list " + relative(directory) + ": " + error.message());
  }
}

void Verifier::find_extraneous() {
  m_canonical_scripts = canonical_directory(m_scheme.scripts);
  std::set<fs::path> walked;
  // The scan reported site-packages directories it could not list already.
  for (const fs::path& site : m_installed.site_directories) {
    const std::optional<fs::path>& canonical = canonical_directory(site);
    if (!canonical || walked.insert(*canonical).second)
      walk(site, false);
  }
  if (!m_canonical_scripts || walked.insert(*m_canonical_scripts).second)
    walk(m_scheme.scripts, true);
}

void Verifier::finish() {
  for (const auto& [label, other] : m_other_algorithms) {
    std::string names;
    for (const std::string& name : other.second)
      names += (names.empty() ? "" : ", ") + name;
    problem(label, std::to_string(other.first) + (other.first == 1 ? " file has" : " files have") +
                       " a " + names + " hash in RECORD, which is not checked (only sha256 is)");
  }
  for (const fs::path& site : m_installed.site_directories)
    m_report.site_directories.push_back(relative(normal_directory(site)));

  auto& packages = m_report.packages;
  std::sort(packages.begin(), packages.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.issue) < std::tie(b.name, b.issue);
  });
  auto& files = m_report.files;
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return std::tie(a.path, a.issue, a.package, a.difference) <
           std::tie(b.path, b.issue, b.package, b.difference);
  });
  files.erase(std::unique(files.begin(), files.end()), files.end());
  auto& problems = m_report.problems;
  std::sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
    return std::tie(a.package, a.message) < std::tie(b.package, b.message);
  });
  problems.erase(std::unique(problems.begin(), problems.end()), problems.end());
}

}  // namespace

const char* to_string(PackageIssue issue) {
  switch (issue) {
    case PackageIssue::missing:
      return "missing";
    case PackageIssue::extraneous:
      return "extraneous";
    case PackageIssue::wrong_version:
      return "wrong-version";
    case PackageIssue::duplicate:
      return "duplicate";
  }
  return "?";
}

const char* to_string(FileIssue issue) {
  switch (issue) {
    case FileIssue::missing:
      return "missing";
    case FileIssue::modified:
      return "modified";
    case FileIssue::extraneous:
      return "extraneous";
  }
  return "?";
}

const char* to_string(Difference difference) {
  switch (difference) {
    case Difference::none:
      return "none";
    case Difference::type:
      return "type";
    case Difference::size:
      return "size";
    case Difference::sha256:
      return "sha256";
  }
  return "?";
}

VerifyReport verify_venv(const venv::Scheme& scheme, const InstalledScan& installed,
                         const lock::InstallPlan& plan) {
  VerifyReport report;
  report.prefix = normal_directory(scheme.data);
  Verifier verifier(scheme, installed, report);
  verifier.check_packages(plan);
  verifier.check_records();
  verifier.find_extraneous();
  verifier.finish();
  return report;
}

}  // namespace gator::provision

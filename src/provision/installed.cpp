#include "provision/installed.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>

#include <sys/stat.h>

#include "metadata/installer_file.hpp"
#include "metadata/raw_metadata.hpp"
#include "pep508/name.hpp"
#include "provision/venv_files.hpp"

namespace gator::provision {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t k_metadata_limit = std::size_t{64} << 20;
// torch's RECORD is a few MiB; anything near this is not a RECORD an installer wrote.
constexpr std::size_t k_record_limit = std::size_t{256} << 20;
constexpr std::size_t k_installer_limit = std::size_t{1} << 20;
constexpr std::string_view k_suffix = ".dist-info";

// "line 3" of an error at `offset` in `text`.
std::string line_of(const util::ParseError& error) {
  const std::size_t end = std::min(error.offset, error.input.size());
  const auto lines =
      std::count(error.input.begin(), error.input.begin() + static_cast<std::ptrdiff_t>(end), '\n');
  return "line " + std::to_string(lines + 1);
}

// "<name>-<version>.dist-info": project names in directory names have '-' escaped to '_', so the
// first '-' separates them.
std::pair<std::string, std::string> split_directory_name(std::string_view file_name) {
  std::string_view stem = file_name.substr(0, file_name.size() - k_suffix.size());
  const std::size_t dash = stem.find('-');
  if (dash == std::string_view::npos)
    return {std::string(stem), ""};
  return {std::string(stem.substr(0, dash)), std::string(stem.substr(dash + 1))};
}

void set_version(InstalledDistribution& distribution, const std::string& text) {
  if (auto parsed = pep440::Version::parse(text)) {
    distribution.version = parsed->to_string();
    distribution.parsed_version = std::move(*parsed);
    return;
  }
  distribution.version = text;
  distribution.problems.push_back("version \"" + text + "\" is not a PEP 440 version");
}

void read_metadata(InstalledDistribution& distribution) {
  const std::string file_name = distribution.dist_info.filename().string();
  const auto [directory_name, directory_version] = split_directory_name(file_name);
  const auto text =
      detail::read_regular_file(distribution.dist_info / "METADATA", k_metadata_limit);
  std::string problem;
  if (!text) {
    problem = text.error().missing ? "METADATA is missing"
                                   : "cannot read METADATA: " + text.error().message;
  } else if (const auto raw = metadata::parse_raw_metadata(*text); !raw) {
    problem = "METADATA is malformed (" + line_of(raw.error()) + "): " + raw.error().message;
  } else {
    distribution.name = pep508::canonicalize_name(raw->name);
    if (!pep508::is_valid_name(raw->name))
      distribution.problems.push_back("METADATA's Name \"" + raw->name +
                                      "\" is not a valid project name");
    else if (pep508::canonicalize_name(directory_name) != distribution.name)
      distribution.problems.push_back("METADATA names the project \"" + raw->name +
                                      "\", the directory \"" + directory_name + "\"");
    set_version(distribution, raw->version);
    return;
  }
  distribution.problems.push_back(problem + "; name and version are taken from the directory name");
  distribution.name = pep508::canonicalize_name(directory_name);
  set_version(distribution, directory_version);
}

void read_record(InstalledDistribution& distribution) {
  const auto text = detail::read_regular_file(distribution.dist_info / "RECORD", k_record_limit);
  if (!text) {
    distribution.problems.push_back((text.error().missing
                                         ? std::string("RECORD is missing")
                                         : "cannot read RECORD: " + text.error().message) +
                                    "; its files cannot be checked");
    return;
  }
  auto rows = metadata::parse_record(*text);
  if (!rows) {
    distribution.problems.push_back("RECORD is malformed (" + line_of(rows.error()) +
                                    "): " + rows.error().message + "; its files cannot be checked");
    return;
  }
  distribution.record = std::move(*rows);
  distribution.has_record = true;
}

void read_installer(InstalledDistribution& distribution) {
  const auto text =
      detail::read_regular_file(distribution.dist_info / "INSTALLER", k_installer_limit);
  if (text)
    distribution.installer = metadata::read_installer_file(*text);
  else if (!text.error().missing)
    distribution.problems.push_back("cannot read INSTALLER: " + text.error().message);
}

bool same_directory(const fs::path& a, const fs::path& b) {
  if (a.lexically_normal() == b.lexically_normal())
    return true;
  struct stat first {};
  struct stat second {};
  return ::stat(a.c_str(), &first) == 0 && ::stat(b.c_str(), &second) == 0 &&
         first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

// The .dist-info directories directly in `directory` (symbolic links to directories are not
// followed: they are no installer's work, and verify reports them as extraneous files).
void list_dist_infos(const fs::path& directory, std::vector<fs::path>& found,
                     std::vector<std::string>& problems) {
  std::error_code error;
  fs::directory_iterator entries(directory, error);
  if (error) {
    problems.push_back("cannot list " + directory.string() + ": " + error.message());
    return;
  }
  while (entries != fs::directory_iterator()) {
    const fs::path& path = entries->path();
    const std::string name = path.filename().string();
    if (name.size() > k_suffix.size() && name.ends_with(k_suffix) &&
        detail::entry_status(path).type == detail::EntryType::directory)
      found.push_back(path);
    entries.increment(error);
    if (error) {
      problems.push_back("cannot list " + directory.string() + ": " + error.message());
      return;
    }
  }
}

}  // namespace

std::vector<const InstalledDistribution*> InstalledScan::find(const std::string& name) const {
  std::vector<const InstalledDistribution*> result;
  auto it = std::lower_bound(
      distributions.begin(), distributions.end(), name,
      [](const InstalledDistribution& item, const std::string& key) { return item.name < key; });
  for (; it != distributions.end() && it->name == name; ++it)
    result.push_back(&*it);
  return result;
}

InstalledDistribution read_distribution(const fs::path& dist_info) {
  InstalledDistribution distribution;
  distribution.dist_info = dist_info;
  read_metadata(distribution);
  read_installer(distribution);
  distribution.requested =
      detail::entry_status(dist_info / "REQUESTED").type != detail::EntryType::missing;
  read_record(distribution);
  return distribution;
}

InstalledScan scan_installed(const venv::Scheme& scheme) {
  InstalledScan scan;
  scan.site_directories.push_back(scheme.purelib);
  if (!same_directory(scheme.purelib, scheme.platlib))
    scan.site_directories.push_back(scheme.platlib);
  std::vector<fs::path> found;
  for (const fs::path& directory : scan.site_directories)
    list_dist_infos(directory, found, scan.problems);
  for (const fs::path& dist_info : found)
    scan.distributions.push_back(read_distribution(dist_info));
  std::sort(scan.distributions.begin(), scan.distributions.end(),
            [](const InstalledDistribution& a, const InstalledDistribution& b) {
              return std::tie(a.name, a.dist_info) < std::tie(b.name, b.dist_info);
            });
  return scan;
}

}  // namespace gator::provision

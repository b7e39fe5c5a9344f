#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "provision/verify.hpp"

namespace gator::provision {
namespace {

// Site-packages paths relative to the first site-packages directory (purelib), as RECORD
// writes them; everything else relative to the venv ("bin/tool").
std::string shown_path(const VerifyReport& report, const std::string& path) {
  if (!report.site_directories.empty()) {
    const std::string& site = report.site_directories.front();
    if (path.size() > site.size() + 1 && path.starts_with(site) && path[site.size()] == '/')
      return path.substr(site.size() + 1);
  }
  return path;
}

std::string file_line(const VerifyReport& report, const FileFinding& finding) {
  std::string line = std::string(to_string(finding.issue)) + " " + shown_path(report, finding.path);
  if (!finding.package.empty())
    line += " of " + finding.package;
  switch (finding.difference) {
    case Difference::none:
      break;
    case Difference::type:
      line += " (" + finding.actual + " where RECORD has a " + finding.expected + ")";
      break;
    case Difference::size:
      line += " (size " + finding.actual + " on disk != " + finding.expected + " in RECORD)";
      break;
    case Difference::sha256:
      line += " (sha256 " + finding.actual + " on disk != " + finding.expected + " in RECORD)";
      break;
  }
  return line;
}

std::string package_line(const PackageFinding& finding) {
  switch (finding.issue) {
    case PackageIssue::missing:
      return "missing package " + finding.name + " (locked " + finding.locked + ")";
    case PackageIssue::extraneous:
      return "extraneous package " + finding.name + " " + finding.installed + " (not in the lock)";
    case PackageIssue::wrong_version:
      return "wrong version of " + finding.name + ": " + finding.installed + " installed, " +
             finding.locked + " locked";
    case PackageIssue::duplicate:
      return "package " + finding.name + " is installed more than once (" + finding.installed + ")";
  }
  return finding.name;
}

std::string counted(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

std::string render_verify_text(const VerifyReport& report, Symbols symbols) {
  const std::string fail = std::string(mark_text(Mark::fail, symbols)) + " ";
  std::string out;
  for (const PackageFinding& finding : report.packages)
    out += fail + package_line(finding) + "\n";
  for (const FileFinding& finding : report.files)
    out += fail + file_line(report, finding) + "\n";
  for (const VerifyProblem& problem : report.problems)
    out += fail + (problem.package.empty() ? "" : problem.package + ": ") + problem.message + "\n";

  const std::string checked = counted(report.packages_checked, "package", "packages") + " and " +
                              counted(report.files_checked, "file", "files") + " checked";
  const std::string head = "verify " + report.prefix.string() + ": ";
  if (report.clean())
    return out + std::string(mark_text(Mark::ok, symbols)) + " " + head + "no drift (" + checked +
           ")\n";

  std::size_t by_package[4] = {0, 0, 0, 0};
  for (const PackageFinding& finding : report.packages)
    ++by_package[static_cast<int>(finding.issue)];
  std::size_t by_file[3] = {0, 0, 0};
  for (const FileFinding& finding : report.files)
    ++by_file[static_cast<int>(finding.issue)];
  std::string parts;
  auto part = [&](std::size_t count, std::string_view one, std::string_view many) {
    if (count != 0)
      parts += (parts.empty() ? "" : ", ") + counted(count, one, many);
  };
  part(by_package[0], "missing package", "missing packages");
  part(by_package[1], "extraneous package", "extraneous packages");
  part(by_package[2], "package with another version", "packages with another version");
  part(by_package[3], "package installed twice", "packages installed twice");
  part(by_file[0], "missing file", "missing files");
  part(by_file[1], "modified file", "modified files");
  part(by_file[2], "extraneous file", "extraneous files");
  part(report.problems.size(), "problem", "problems");
  return out + fail + head + parts + " (" + checked + ")\n";
}

std::string render_verify_json(const VerifyReport& report) {
  nlohmann::json packages = nlohmann::json::array();
  for (const PackageFinding& finding : report.packages)
    packages.push_back({{"name", finding.name},
                        {"issue", to_string(finding.issue)},
                        {"locked", text_or_null(finding.locked)},
                        {"installed", text_or_null(finding.installed)}});
  nlohmann::json files = nlohmann::json::array();
  for (const FileFinding& finding : report.files) {
    const bool modified = finding.difference != Difference::none;
    files.push_back({{"path", finding.path},
                     {"issue", to_string(finding.issue)},
                     {"package", text_or_null(finding.package)},
                     {"difference", modified ? nlohmann::json(to_string(finding.difference))
                                             : nlohmann::json(nullptr)},
                     {"expected", text_or_null(finding.expected)},
                     {"actual", text_or_null(finding.actual)}});
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const VerifyProblem& problem : report.problems)
    problems.push_back({{"package", text_or_null(problem.package)}, {"message", problem.message}});
  const nlohmann::json document{{"venv", report.prefix.string()},
                                {"clean", report.clean()},
                                {"packages_checked", report.packages_checked},
                                {"files_checked", report.files_checked},
                                {"packages", packages},
                                {"files", files},
                                {"problems", problems}};
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace gator::provision

#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "lock/select.hpp"
#include "provision/installed.hpp"
#include "provision/marks.hpp"
#include "venv/scheme.hpp"

// `verify`: drift of a venv from its lock (which packages) and from its RECORD files (which
// bytes). Reads the venv, never changes it, never throws: whatever it cannot check is a problem
// in the report.
namespace gator::provision {

enum class PackageIssue {
  missing,        // locked, not installed
  extraneous,     // installed, not locked
  wrong_version,  // installed with another version than the lock's
  duplicate,      // installed twice (two .dist-info directories of one project)
};
[[nodiscard]] const char* to_string(PackageIssue issue);  // "missing", "wrong-version", ...

struct PackageFinding {
  PackageIssue issue = PackageIssue::missing;
  std::string name;       // canonical
  std::string locked;     // the locked version; "" when not locked
  std::string installed;  // the installed version(s), ", " separated; "" when not installed
  friend bool operator==(const PackageFinding&, const PackageFinding&) = default;
};

enum class FileIssue {
  missing,     // in a RECORD, not on disk
  modified,    // not the file RECORD describes (type, size or sha256)
  extraneous,  // under purelib, platlib or scripts and in no RECORD
};
[[nodiscard]] const char* to_string(FileIssue issue);

// What differs about a modified file; `none` for the other issues.
enum class Difference { none, type, size, sha256 };
[[nodiscard]] const char* to_string(Difference difference);

struct FileFinding {
  FileIssue issue = FileIssue::missing;
  std::string path;     // relative to the venv, '/' separated: "lib/python3.11/site-packages/x.py"
  std::string package;  // "numpy 1.26.4", whose RECORD lists the file; "" for extraneous files
  Difference difference = Difference::none;
  // For a modified file, what RECORD says and what is on disk: "file" and "symlink", two sizes,
  // or two sha256 digests in hex.
  std::string expected;
  std::string actual;
  friend bool operator==(const FileFinding&, const FileFinding&) = default;
};

// Something that could not be checked: an unreadable or malformed METADATA or RECORD, a RECORD
// path leaving the venv, a file that cannot be read, a hash in another algorithm than sha256.
struct VerifyProblem {
  std::string package;  // "numpy 1.26.4"; "" when it concerns the venv itself
  std::string message;
  friend bool operator==(const VerifyProblem&, const VerifyProblem&) = default;
};

struct VerifyReport {
  std::filesystem::path prefix;               // the venv
  std::vector<std::string> site_directories;  // relative to prefix, for shorter paths in text
  std::size_t packages_checked = 0;           // locked or installed projects
  std::size_t files_checked = 0;              // RECORD rows compared with the disk
  std::vector<PackageFinding> packages;       // sorted by name, then issue
  std::vector<FileFinding> files;             // sorted by path, then issue, then package
  std::vector<VerifyProblem> problems;        // sorted by package, then message

  [[nodiscard]] bool clean() const { return packages.empty() && files.empty() && problems.empty(); }
};

// Compares the venv at scheme.data (its scan, from scan_installed(scheme)) with `plan`
// (lock::select_wheels for the venv's interpreter) and every RECORD with the disk:
//  - packages: missing, extraneous, wrong version (PEP 440 equality, local label included),
//    installed twice;
//  - files: every RECORD row, resolved lexically against the .dist-info's parent, is checked
//    for existence, type (a symbolic link is never followed: where RECORD has a file it is
//    "modified"), size and sha256. Rows without a hash (RECORD itself, .pyc) are checked for
//    existence only, and a missing .pyc is not reported. A row leaving the venv (also through
//    a symbolic link to a directory outside it) is a problem and is not read;
//  - extraneous files: every non-directory under purelib, platlib and scripts that no RECORD
//    lists, except the venv's own (bin/python, python3, python3.X, activate, activate.fish,
//    activate.csh, Activate.ps1) and __pycache__/<module>.*.pyc of a listed <module>.py.
[[nodiscard]] VerifyReport verify_venv(const venv::Scheme& scheme, const InstalledScan& installed,
                                       const lock::InstallPlan& plan);

// One line per finding ("✗ modified numpy/core/x.py of numpy 1.26.4 (sha256 <hex> on disk !=
// <hex> in RECORD)"; site-packages paths relative to purelib, others to the venv), then a
// summary line ("✓ verify /opt/venv: no drift (...)" or "✗ verify /opt/venv: 1 modified file").
[[nodiscard]] std::string render_verify_text(const VerifyReport& report, Symbols symbols);

// {"venv", "clean", "packages_checked", "files_checked", "packages": [{"name", "issue",
// "locked", "installed"}], "files": [{"path", "issue", "package", "difference", "expected",
// "actual"}], "problems": [{"package", "message"}]}; absent values are null. Bytes that are not
// UTF-8 (file names can be anything) are replaced by U+FFFD.
[[nodiscard]] std::string render_verify_json(const VerifyReport& report);

}  // namespace gator::provision

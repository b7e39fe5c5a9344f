#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "wheel/unpack.hpp"

namespace gator::wheel {

// How files get from the unpacked tree in the cache into the target. A hard link shares the
// cache's inode (the target must not be edited in place); a reflink shares data blocks copy-
// on-write (btrfs, XFS); a copy shares nothing.
enum class LinkMode {
  automatic,  // reflink, else hard link, else copy, file by file
  reflink,    // reflink, else copy
  hardlink,   // hard link, else copy (another filesystem, too many links)
  copy,
};

enum class Requested { no, yes };  // a direct requirement of the user (REQUESTED is written)

enum class Overwrite {
  refuse,   // a file that exists already is an error (pypa/installer's default)
  replace,  // it is replaced atomically, as pip does when two projects ship the same file
};

// Absolute target directories, as sysconfig names them. `headers` is this project's own header
// directory (pip: <venv>/include/site/pythonX.Y/<project>); `data` is the prefix (the venv).
struct Scheme {
  std::filesystem::path purelib;
  std::filesystem::path platlib;
  std::filesystem::path scripts;
  std::filesystem::path headers;
  std::filesystem::path data;
};

struct InstallOptions {
  Scheme scheme;
  std::filesystem::path python;  // the venv's interpreter, written into script shebangs
  LinkMode link_mode = LinkMode::automatic;
  Requested requested = Requested::no;
  Overwrite overwrite = Overwrite::refuse;
  std::string installer = "gator-provision";  // the INSTALLER file
};

struct InstallResult {
  std::filesystem::path dist_info;  // the installed .dist-info directory
  std::size_t reflinked = 0;
  std::size_t hardlinked = 0;
  std::size_t copied = 0;
  std::size_t written = 0;  // generated or rewritten: scripts, INSTALLER, REQUESTED, RECORD
  std::vector<std::string> warnings;
};

// Installs an unpacked wheel per the binary distribution format and recording installed
// projects specifications: the root goes to purelib (Root-Is-Purelib: true) or platlib,
// <name>.data/<key>/ to the scheme's key directory; scripts in .data/scripts starting with
// "#!python" get the interpreter's shebang; console and GUI entry points become executable
// launchers (pip's text); files under __pycache__ are skipped with a warning; .data/scripts
// files named like an entry point are skipped (setuptools' wrappers, as pip does); INSTALLER,
// REQUESTED (when requested) and a new RECORD (paths relative to the .dist-info's directory,
// sorted) are written. Files the installer writes are always new inodes, never links to the
// cache. On failure everything created so far is removed again (replaced files stay replaced).
// Throws gator::Error: invalid_input for a file that exists with Overwrite::refuse, io otherwise.
[[nodiscard]] InstallResult install_wheel(const UnpackedWheel& wheel,
                                          const InstallOptions& options);

// install_wheel in two steps: RECORD and entry_points.txt are read first, so that the files
// the installation will create are known before any is, and installations that share none can
// run on different threads at once. `wheel` must outlive the object; install() runs once.
class PreparedInstall {
 public:
  PreparedInstall(const UnpackedWheel& wheel, InstallOptions options);
  ~PreparedInstall();
  PreparedInstall(const PreparedInstall&) = delete;
  PreparedInstall& operator=(const PreparedInstall&) = delete;

  // Every file install() creates (absolute paths; directories are not listed).
  [[nodiscard]] const std::vector<std::filesystem::path>& destinations() const;

  [[nodiscard]] InstallResult install();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace gator::wheel

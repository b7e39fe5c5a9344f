#include "wheel/install.hpp"

#include <algorithm>
#include <cerrno>
#include <set>

#include <fcntl.h>
#include <unistd.h>

#include "cache/sha256_hasher.hpp"
#include "metadata/entry_points.hpp"
#include "metadata/installer_file.hpp"
#include "metadata/record.hpp"
#include "metadata/record_hash.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "wheel/layout.hpp"
#include "wheel/member_name.hpp"
#include "wheel/placer.hpp"
#include "wheel/scripts.hpp"
#include "wheel/tree_io.hpp"

namespace gator::wheel {

namespace fs = std::filesystem;

namespace {

// An absolute, normalized directory without a trailing '/'.
[[nodiscard]] fs::path directory(const fs::path& path, std::string_view what) {
  if (!path.is_absolute()) {
    throw Error(ErrorKind::internal,
                "install scheme path " + std::string(what) + " is not absolute: " + path.string());
  }
  fs::path normal = path.lexically_normal();
  if (!normal.has_filename() && normal.has_parent_path() && normal != normal.root_path())
    normal = normal.parent_path();
  return normal;
}

[[nodiscard]] Scheme normalized(const Scheme& scheme) {
  return Scheme{directory(scheme.purelib, "purelib"), directory(scheme.platlib, "platlib"),
                directory(scheme.scripts, "scripts"), directory(scheme.headers, "headers"),
                directory(scheme.data, "data")};
}

[[nodiscard]] const fs::path& scheme_directory(const Scheme& scheme, detail::SchemeKey key) {
  switch (key) {
    case detail::SchemeKey::purelib:
      return scheme.purelib;
    case detail::SchemeKey::platlib:
      return scheme.platlib;
    case detail::SchemeKey::headers:
      return scheme.headers;
    case detail::SchemeKey::scripts:
      return scheme.scripts;
    case detail::SchemeKey::data:
      return scheme.data;
  }
  return scheme.data;
}

// setuptools wrote its own wrappers for entry points into .data/scripts ("tool", "tool.exe",
// "tool-script.py"); pip does not install them, since it generates the launchers itself.
[[nodiscard]] bool is_entry_point_wrapper(std::string_view name,
                                          const std::set<std::string, std::less<>>& entry_points) {
  std::string_view stem = name;
  const std::string lower = util::ascii_lower(name);
  if (lower.ends_with(".exe") || lower.ends_with(".pya"))
    stem = name.substr(0, name.size() - 4);
  else if (lower.ends_with("-script.py"))
    stem = name.substr(0, name.size() - 10);
  return entry_points.contains(stem);
}

[[nodiscard]] bool starts_with_python_shebang(const fs::path& path) {
  const cache::detail::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd)
    throw Error(ErrorKind::io, cache::detail::describe_errno("cannot open", path, errno));
  char head[8] = {};
  const ssize_t got = ::read(fd.get(), head, sizeof head);
  return got == static_cast<ssize_t>(sizeof head) &&
         std::string_view(head, sizeof head) == "#!python";
}

class Installation {
 public:
  Installation(const UnpackedWheel& wheel, const InstallOptions& options)
      : m_wheel(wheel),
        m_options(options),
        m_scheme(normalized(options.scheme)),
        m_site_packages(wheel.root_is_purelib ? m_scheme.purelib : m_scheme.platlib),
        m_placer(options.link_mode, options.overwrite, wheel.filename) {
    if (!options.python.is_absolute()) {
      throw Error(ErrorKind::internal, "the interpreter for script shebangs is not absolute: " +
                                           options.python.string());
    }
    const fs::path dist_info = m_wheel.tree / m_wheel.dist_info;
    auto rows = metadata::parse_record(read(dist_info / "RECORD"));
    if (!rows)
      throw damaged(m_wheel.dist_info + "/RECORD: " + rows.error().message);
    m_rows = std::move(*rows);
    if (fs::exists(dist_info / "entry_points.txt")) {
      auto parsed = metadata::parse_scripts(read(dist_info / "entry_points.txt"));
      if (!parsed)
        throw damaged(m_wheel.dist_info + "/entry_points.txt: " + parsed.error().message);
      m_scripts = std::move(*parsed);
    }
    for (const metadata::Script& script : m_scripts)
      m_entry_points.insert(script.name);
  }

  // Every file run() creates.
  [[nodiscard]] std::vector<fs::path> destinations() const {
    std::vector<fs::path> paths;
    for (const metadata::RecordEntry& row : m_rows) {
      const Target target = target_of(row.path);
      if (target.skip == Skip::no)
        paths.push_back(target.path);
    }
    for (const metadata::Script& script : m_scripts)
      paths.push_back(m_scheme.scripts / script.name);
    const fs::path installed = m_site_packages / m_wheel.dist_info;
    paths.push_back(installed / "INSTALLER");
    if (m_options.requested == Requested::yes)
      paths.push_back(installed / "REQUESTED");
    paths.push_back(installed / "RECORD");
    return paths;
  }

  InstallResult run() {
    m_result.warnings = m_wheel.warnings;
    for (const metadata::RecordEntry& row : m_rows)
      install_member(row);
    for (const metadata::Script& script : m_scripts)
      write(m_scheme.scripts / script.name, script_text(script, m_options.python.string()), 0755);

    const fs::path installed = m_site_packages / m_wheel.dist_info;
    write(installed / "INSTALLER", metadata::write_installer_file(m_options.installer), 0644);
    if (m_options.requested == Requested::yes)
      write(installed / "REQUESTED", "", 0644);
    write_record(installed / "RECORD");
    m_placer.commit();
    m_result.dist_info = installed;
    return std::move(m_result);
  }

 private:
  [[nodiscard]] Error damaged(const std::string& why) const {
    return Error(ErrorKind::io,
                 "the unpacked wheel " + m_wheel.tree.string() + " is damaged: " + why)
        .hint("remove it with `gator-provision cache clean`");
  }

  [[nodiscard]] std::string read(const fs::path& path) const {
    try {
      return detail::read_file(path);
    } catch (const Error& error) {
      throw damaged(error.what());
    }
  }

  enum class Skip { no, installer_file, pycache, entry_point_wrapper };
  struct Target {
    Skip skip = Skip::no;
    fs::path path;
    bool is_script = false;  // a file of .data/scripts
  };

  // Where a member goes, or why it is not installed.
  [[nodiscard]] Target target_of(const std::string& path) const {
    const std::string prefix = m_wheel.dist_info + "/";
    // The installer writes these itself.
    if (path == prefix + "RECORD" || path == prefix + "INSTALLER" || path == prefix + "REQUESTED")
      return Target{Skip::installer_file, {}, false};
    if (check_member_name(path))  // verified when unpacked; a second look costs nothing
      throw damaged("unsafe member " + quoted_name(path));
    if (is_in_pycache(path))
      return Target{Skip::pycache, {}, false};
    const auto split = detail::split_data_path(path, m_wheel.data_dir);
    if (!split)
      return Target{Skip::no, m_site_packages / path, false};
    const auto key = detail::scheme_key_from_name(split->first);
    if (!key || split->second.empty())
      throw damaged("unexpected member " + quoted_name(path));
    Target target{Skip::no, scheme_directory(m_scheme, *key) / split->second,
                  *key == detail::SchemeKey::scripts};
    if (target.is_script && is_entry_point_wrapper(target.path.filename().string(), m_entry_points))
      target.skip = Skip::entry_point_wrapper;
    return target;
  }

  void install_member(const metadata::RecordEntry& row) {
    const std::string& path = row.path;
    const Target destination = target_of(path);
    if (destination.skip == Skip::pycache) {
      m_result.warnings.push_back(m_wheel.filename + ": not installing " + path +
                                  " (files under __pycache__ are generated on the target)");
    }
    if (destination.skip != Skip::no)
      return;
    const fs::path& target = destination.path;
    const fs::path source = m_wheel.tree / path;
    if (destination.is_script && starts_with_python_shebang(source)) {
      const auto content = rewrite_shebang(detail::read_file(source, std::uint64_t{1} << 30),
                                           m_options.python.string());
      write(target, *content, 0755);
      return;
    }
    switch (m_placer.place(source, target)) {
      case detail::Placement::reflinked:
        ++m_result.reflinked;
        break;
      case detail::Placement::hardlinked:
        ++m_result.hardlinked;
        break;
      case detail::Placement::copied:
        ++m_result.copied;
        break;
      case detail::Placement::written:
        ++m_result.written;
        break;
    }
    metadata::RecordEntry installed{relative(target), row.hash, row.size};
    if (installed.hash.empty() || !installed.size) {  // .pyc files may come without them
      const cache::FileDigest digest = cache::hash_file(target);
      installed.hash = metadata::format_sha256(digest.sha256.bytes());
      installed.size = digest.size;
    }
    m_record.push_back(std::move(installed));
  }

  void write(const fs::path& target, std::string_view content, mode_t mode) {
    m_placer.write(target, content, mode);
    ++m_result.written;
    m_record.push_back(metadata::RecordEntry{
        relative(target), metadata::format_sha256(cache::sha256_of(content).bytes()),
        content.size()});
  }

  void write_record(const fs::path& target) {
    std::sort(m_record.begin(), m_record.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    m_record.push_back(metadata::RecordEntry{relative(target), "", std::nullopt});
    m_placer.write(target, metadata::write_record(m_record), 0644);
    ++m_result.written;
  }

  // RECORD paths are relative to the directory holding the .dist-info ("../../../bin/tool").
  [[nodiscard]] std::string relative(const fs::path& target) const {
    return target.lexically_relative(m_site_packages).generic_string();
  }

  const UnpackedWheel& m_wheel;
  const InstallOptions& m_options;
  Scheme m_scheme;
  fs::path m_site_packages;
  detail::Placer m_placer;
  std::vector<metadata::RecordEntry> m_rows;
  std::vector<metadata::Script> m_scripts;
  std::set<std::string, std::less<>> m_entry_points;
  InstallResult m_result;
  std::vector<metadata::RecordEntry> m_record;
};

}  // namespace

InstallResult install_wheel(const UnpackedWheel& wheel, const InstallOptions& options) {
  return Installation(wheel, options).run();
}

struct PreparedInstall::State {
  InstallOptions options;
  Installation installation;
  std::vector<fs::path> destinations;

  State(const UnpackedWheel& wheel, InstallOptions install_options)
      : options(std::move(install_options)),
        installation(wheel, options),
        destinations(installation.destinations()) {}
};

PreparedInstall::PreparedInstall(const UnpackedWheel& wheel, InstallOptions options)
    : m_state(std::make_unique<State>(wheel, std::move(options))) {}

PreparedInstall::~PreparedInstall() = default;

const std::vector<fs::path>& PreparedInstall::destinations() const {
  return m_state->destinations;
}

InstallResult PreparedInstall::install() {
  return m_state->installation.run();
}

}  // namespace gator::wheel

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
  }

  InstallResult run() {
    const fs::path dist_info = m_wheel.tree / m_wheel.dist_info;
    const auto rows = metadata::parse_record(read(dist_info / "RECORD"));
    if (!rows)
      throw damaged(m_wheel.dist_info + "/RECORD: " + rows.error().message);
    std::vector<metadata::Script> scripts;
    if (fs::exists(dist_info / "entry_points.txt")) {
      auto parsed = metadata::parse_scripts(read(dist_info / "entry_points.txt"));
      if (!parsed)
        throw damaged(m_wheel.dist_info + "/entry_points.txt: " + parsed.error().message);
      scripts = std::move(*parsed);
    }
    std::set<std::string, std::less<>> entry_points;
    for (const metadata::Script& script : scripts)
      entry_points.insert(script.name);

    m_result.warnings = m_wheel.warnings;
    for (const metadata::RecordEntry& row : *rows)
      install_member(row, entry_points);
    for (const metadata::Script& script : scripts)
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

  // Where a member goes, and whether it is a script of .data/scripts.
  [[nodiscard]] std::pair<fs::path, bool> destination(const std::string& path) const {
    const auto split = detail::split_data_path(path, m_wheel.data_dir);
    if (!split)
      return {m_site_packages / path, false};
    const auto key = detail::scheme_key_from_name(split->first);
    if (!key || split->second.empty())
      throw damaged("unexpected member " + quoted_name(path));
    return {scheme_directory(m_scheme, *key) / split->second, *key == detail::SchemeKey::scripts};
  }

  void install_member(const metadata::RecordEntry& row,
                      const std::set<std::string, std::less<>>& entry_points) {
    const std::string& path = row.path;
    const std::string prefix = m_wheel.dist_info + "/";
    // The installer writes these itself.
    if (path == prefix + "RECORD" || path == prefix + "INSTALLER" || path == prefix + "REQUESTED")
      return;
    if (check_member_name(path))  // verified when unpacked; a second look costs nothing
      throw damaged("unsafe member " + quoted_name(path));
    if (is_in_pycache(path)) {
      m_result.warnings.push_back(m_wheel.filename + ": not installing " + path +
                                  " (files under __pycache__ are generated on the target)");
      return;
    }
    const auto [target, is_script] = destination(path);
    const fs::path source = m_wheel.tree / path;
    if (is_script) {
      if (is_entry_point_wrapper(target.filename().string(), entry_points))
        return;
      if (starts_with_python_shebang(source)) {
        const auto content = rewrite_shebang(detail::read_file(source, std::uint64_t{1} << 30),
                                             m_options.python.string());
        write(target, *content, 0755);
        return;
      }
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
  InstallResult m_result;
  std::vector<metadata::RecordEntry> m_record;
};

}  // namespace

InstallResult install_wheel(const UnpackedWheel& wheel, const InstallOptions& options) {
  return Installation(wheel, options).run();
}

}  // namespace gator::wheel

// One [[packages]] entry: its keys, its source (wheels and/or sdist, or one direct source) and
// the file names that must agree with the package.
#include <algorithm>

#include "dist/sdist_filename.hpp"
#include "dist/wheel_filename.hpp"
#include "lock/reader.hpp"
#include "lock/url.hpp"
#include "pep508/name.hpp"
#include "util/strings.hpp"

namespace gator::lock::detail {

namespace {

const std::vector<std::string_view> k_package_keys = {
    "name",    "version", "marker", "requires-python",        "dependencies", "vcs", "directory",
    "archive", "index",   "sdist",  "attestation-identities", "wheels",       "tool"};
const std::vector<std::string_view> k_wheel_keys = {"name", "upload-time", "url",
                                                    "path", "size",        "hashes"};
const std::vector<std::string_view> k_archive_keys = {"url",         "path",   "size",
                                                      "upload-time", "hashes", "subdirectory"};
const std::vector<std::string_view> k_vcs_keys = {
    "type", "url", "path", "requested-revision", "commit-id", "subdirectory"};
const std::vector<std::string_view> k_directory_keys = {"path", "editable", "subdirectory"};

constexpr std::string_view k_hashes_example = "hashes = {sha256 = \"<64 hex digits>\"}";

[[nodiscard]] bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return util::is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// The file fields shared by wheels, sdists and archives.
struct FileFields {
  std::optional<std::string> name;
  const toml::node* name_node = nullptr;
  std::optional<UploadTime> upload_time;
  std::optional<std::string> url;
  const toml::node* url_node = nullptr;
  std::optional<std::string> path;
  const toml::node* path_node = nullptr;
  std::optional<std::uint64_t> size;
  std::optional<Hashes> hashes;
  std::optional<std::string> subdirectory;
};

[[nodiscard]] FileFields read_file_fields(Reader& reader, const toml::table& table,
                                          std::string_view path, std::string_view where,
                                          const std::vector<std::string_view>& keys) {
  FileFields out;
  for (const Reader::Entry& entry : reader.entries(table, where, keys)) {
    const std::string key_path = std::string(path) + "." + std::string(entry.key);
    const toml::node& node = *entry.node;
    if (entry.key == "name") {
      out.name =
          reader.string(node, key_path, "name = \"numpy-1.26.4-cp311-cp311-linux_x86_64.whl\"");
      out.name_node = &node;
    } else if (entry.key == "upload-time") {
      out.upload_time = reader.upload_time(node, key_path);
    } else if (entry.key == "url") {
      out.url = reader.url(node, key_path);
      out.url_node = &node;
    } else if (entry.key == "path") {
      out.path = reader.string(node, key_path, "path = \"wheels/numpy-1.26.4-py3-none-any.whl\"");
      out.path_node = &node;
      if (out.path->empty())
        reader.fail(reader.place(node), "`" + key_path + "` is empty",
                    "write the path of the file, relative to the lock file");
    } else if (entry.key == "size") {
      out.size = reader.size(node, key_path);
    } else if (entry.key == "hashes") {
      out.hashes = read_hashes(reader, node, key_path);
    } else if (entry.key == "subdirectory") {
      out.subdirectory = reader.subdirectory(node, key_path);
    }
  }
  if (!out.url && !out.path)
    reader.fail(reader.place(table.source()), std::string(where) + " needs a `url` or a `path`",
                "give the location of the file, e.g. url = \"https://files.example.org/...\"");
  if (!out.hashes)
    reader.fail(reader.place(table.source()), "missing `hashes` in " + std::string(where),
                "every file is verified by its hash; add " + std::string(k_hashes_example));
  return out;
}

// The file name of a wheel or sdist: `name`, else the last component of `path` or `url`.
[[nodiscard]] std::pair<std::string, const toml::node*> file_name(const Reader& reader,
                                                                  const FileFields& fields,
                                                                  const toml::table& table,
                                                                  std::string_view where) {
  if (fields.name)
    return {*fields.name, fields.name_node};
  if (fields.path) {
    if (std::string name = path_file_name(*fields.path); !name.empty())
      return {name, fields.path_node};
  }
  if (fields.url) {
    if (std::string name = url_file_name(*fields.url); !name.empty())
      return {name, fields.url_node};
  }
  reader.fail(reader.place(table.source()), "cannot tell the file name of " + std::string(where),
              "add `name` with the file name");
}

void check_project(const Reader& reader, const toml::node& at, std::string_view file,
                   const dist::ProjectSpelling& project, const pep440::Version& version,
                   const Package& package, std::string_view what) {
  if (project.canonical() != package.name)
    reader.fail(
        reader.place(at),
        std::string(what) + " " + shown(file) + " is not a file of package " + shown(package.name),
        "a package entry lists only its own files");
  if (package.version && version != *package.version)
    reader.fail(reader.place(at),
                std::string(what) + " " + shown(file) + " is version " + version.to_string() +
                    ", but the package is version " + package.version->to_string(),
                "a package entry lists only the files of its version");
}

[[nodiscard]] Wheel read_wheel(Reader& reader, const toml::table& table, const Package& package) {
  const FileFields fields =
      read_file_fields(reader, table, "packages.wheels", "[[packages.wheels]]", k_wheel_keys);
  const auto [name, name_node] = file_name(reader, fields, table, "[[packages.wheels]]");
  const auto filename = dist::WheelFilename::parse(name);
  if (!filename)
    reader.fail_inside(*name_node, name, "invalid wheel file name", filename.error(),
                       "a wheel file name is {name}-{version}(-{build})?-{python}-{abi}-"
                       "{platform}.whl");
  check_project(reader, *name_node, name, filename->name(), filename->version(), package, "wheel");
  Wheel wheel;
  wheel.name = name;
  wheel.upload_time = fields.upload_time;
  wheel.url = fields.url;
  wheel.path = fields.path;
  wheel.size = fields.size;
  wheel.hashes = *fields.hashes;
  wheel.position = reader.position(table);
  return wheel;
}

[[nodiscard]] Sdist read_sdist(Reader& reader, const toml::table& table, const Package& package) {
  const FileFields fields =
      read_file_fields(reader, table, "packages.sdist", "[packages.sdist]", k_wheel_keys);
  const auto [name, name_node] = file_name(reader, fields, table, "[packages.sdist]");
  const auto filename = dist::SdistFilename::parse(name);
  if (!filename)
    reader.fail_inside(*name_node, name, "invalid sdist file name", filename.error(),
                       "an sdist file name is {name}-{version}.tar.gz");
  check_project(reader, *name_node, name, filename->name(), filename->version(), package, "sdist");
  Sdist sdist;
  sdist.name = name;
  sdist.upload_time = fields.upload_time;
  sdist.url = fields.url;
  sdist.path = fields.path;
  sdist.size = fields.size;
  sdist.hashes = *fields.hashes;
  sdist.position = reader.position(table);
  return sdist;
}

[[nodiscard]] Archive read_archive(Reader& reader, const toml::table& table) {
  const FileFields fields =
      read_file_fields(reader, table, "packages.archive", "[packages.archive]", k_archive_keys);
  Archive archive;
  archive.url = fields.url;
  archive.path = fields.path;
  archive.size = fields.size;
  archive.upload_time = fields.upload_time;
  archive.hashes = *fields.hashes;
  archive.subdirectory = fields.subdirectory;
  archive.position = reader.position(table);
  return archive;
}

[[nodiscard]] Vcs read_vcs(Reader& reader, const toml::table& table) {
  Vcs vcs;
  vcs.position = reader.position(table);
  const toml::node* type_node = nullptr;
  const toml::node* commit_node = nullptr;
  for (const Reader::Entry& entry : reader.entries(table, "[packages.vcs]", k_vcs_keys)) {
    const std::string path = "packages.vcs." + std::string(entry.key);
    const toml::node& node = *entry.node;
    if (entry.key == "type") {
      vcs.type = reader.string(node, path, "type = \"git\"");
      type_node = &node;
    } else if (entry.key == "url") {
      vcs.url = reader.url(node, path);
    } else if (entry.key == "path") {
      vcs.path = reader.string(node, path, "path = \"../project\"");
    } else if (entry.key == "requested-revision") {
      vcs.requested_revision = reader.string(node, path, "requested-revision = \"main\"");
    } else if (entry.key == "commit-id") {
      vcs.commit_id = reader.string(node, path, "commit-id = \"<40 hex digits>\"");
      commit_node = &node;
    } else if (entry.key == "subdirectory") {
      vcs.subdirectory = reader.subdirectory(node, path);
    }
  }
  if (type_node == nullptr)
    (void)reader.required(table, "type", "[packages.vcs]", "add type = \"git\" (or hg, bzr, svn)");
  if (commit_node == nullptr)
    (void)reader.required(table, "commit-id", "[packages.vcs]",
                          "add the exact commit to install, e.g. commit-id = \"<40 hex digits>\"");
  if (vcs.type != "git" && vcs.type != "hg" && vcs.type != "bzr" && vcs.type != "svn")
    reader.fail(reader.place(*type_node), "unknown VCS type " + shown(vcs.type),
                "the registered VCS types are git, hg, bzr and svn");
  // Where the VCS has commit hashes, the commit id must be one (an immutable reference).
  if ((vcs.type == "git" || vcs.type == "hg") &&
      !((vcs.commit_id.size() == 40 || vcs.commit_id.size() == 64) && is_hex(vcs.commit_id)))
    reader.fail(reader.place(*commit_node),
                "`packages.vcs.commit-id` must be a full commit hash for " + vcs.type + ": " +
                    shown(vcs.commit_id),
                "write the 40 (or 64) hex digits of the commit, not a branch or tag name; "
                "requested-revision may keep the name");
  if (!vcs.url && !vcs.path)
    reader.fail(reader.place(table.source()), "[packages.vcs] needs a `url` or a `path`",
                "give the repository, e.g. url = \"https://github.com/owner/project\"");
  return vcs;
}

[[nodiscard]] Directory read_directory(Reader& reader, const toml::table& table) {
  Directory directory;
  directory.position = reader.position(table);
  bool has_path = false;
  for (const Reader::Entry& entry :
       reader.entries(table, "[packages.directory]", k_directory_keys)) {
    const std::string path = "packages.directory." + std::string(entry.key);
    if (entry.key == "path") {
      directory.path = reader.string(*entry.node, path, "path = \"../project\"");
      has_path = true;
    } else if (entry.key == "editable") {
      directory.editable = reader.boolean(*entry.node, path, "editable = false");
    } else if (entry.key == "subdirectory") {
      directory.subdirectory = reader.subdirectory(*entry.node, path);
    }
  }
  if (!has_path)
    (void)reader.required(table, "path", "[packages.directory]",
                          "add the directory of the source tree, e.g. path = \"../project\"");
  return directory;
}

[[nodiscard]] Dependency read_dependency(Reader& reader, const toml::table& table) {
  const toml::node& name_node =
      reader.required(table, "name", "an entry of `packages.dependencies`",
                      "each dependency names a package of this lock file, e.g. {name = \"numpy\"}");
  const std::string name =
      reader.string(name_node, "packages.dependencies.name", "{name = \"numpy\"}");
  (void)reader.checked(name_node, name, "invalid package name in `packages.dependencies`",
                       pep508::PackageName::parse(name), "write a project name such as \"numpy\"");
  Dependency dependency;
  dependency.name = pep508::canonicalize_name(name);
  dependency.keys = reader.value(table, "packages.dependencies");
  dependency.keys.erase("name");
  return dependency;
}

}  // namespace

Hashes read_hashes(Reader& reader, const toml::node& node, std::string_view path) {
  const toml::table& table = reader.table(node, path, k_hashes_example);
  if (table.empty())
    reader.fail(reader.place(node), "`" + std::string(path) + "` must list at least one hash",
                "add " + std::string(k_hashes_example));
  Hashes hashes;
  for (auto&& [key, value] : table) {
    const std::string algorithm(key.str());
    const std::string text =
        reader.string(value, std::string(path) + "." + algorithm, std::string(k_hashes_example));
    if (algorithm != "sha256") {
      hashes.others.emplace(algorithm, text);
      continue;
    }
    const auto digest = dist::Sha256::parse(text);
    if (!digest)
      reader.fail_inside(value, text, "invalid sha256 hash", digest.error(),
                         "a sha256 hash is 64 hex digits");
    hashes.sha256 = *digest;
  }
  if (!hashes.sha256)
    reader.fail(reader.place(node), "no sha256 hash in `" + std::string(path) + "`",
                "gator-provision verifies every file by its sha256; add "
                "sha256 = \"<64 hex digits>\"");
  return hashes;
}

ReadPackage read_package(Reader& reader, const toml::table& table) {
  ReadPackage out;
  out.table = &table;
  Package& package = out.package;
  package.position = reader.position(table);
  const auto entries = reader.entries(table, "[[packages]]", k_package_keys);

  // The name and version first: the file names are checked against them.
  const toml::node& name_node = reader.required(table, "name", "[[packages]]",
                                                "add the package's name, e.g. name = \"numpy\"");
  const std::string name = reader.string(name_node, "packages.name", "name = \"numpy\"");
  (void)reader.checked(name_node, name, "invalid package name", pep508::PackageName::parse(name),
                       "write a project name such as \"numpy\"");
  if (!pep508::is_normalized_name(name))
    reader.fail(reader.place(name_node), "package name " + shown(name) + " is not normalized",
                "write name = \"" + pep508::canonicalize_name(name) +
                    "\" (lower case, runs of '-', '_' and '.' as one '-')");
  package.name = name;
  if (const toml::node* node = table.get("version")) {
    const std::string text = reader.string(*node, "packages.version", "version = \"1.26.4\"");
    package.version =
        reader.checked(*node, text, "invalid `packages.version`", pep440::Version::parse(text),
                       "write a PEP 440 version such as \"1.26.4\"");
  }

  const toml::node* direct_node = nullptr;
  std::string_view direct_key;
  const toml::node* distribution_node = nullptr;
  std::string_view distribution_key;
  for (const Reader::Entry& entry : entries) {
    const toml::node& node = *entry.node;
    const std::string path = "packages." + std::string(entry.key);
    if (entry.key == "vcs" || entry.key == "directory" || entry.key == "archive") {
      if (direct_node != nullptr)
        reader.fail(reader.place(entry.key_node->source()),
                    "package " + shown(name) + " has both `" + std::string(direct_key) + "` and `" +
                        std::string(entry.key) + "`",
                    "a package comes from one direct source (vcs, directory or archive)");
      direct_node = &node;
      direct_key = entry.key;
    }
    if (entry.key == "sdist" ||
        (entry.key == "wheels" && node.is_array() && !node.as_array()->empty())) {
      distribution_node = &node;
      distribution_key = entry.key;
    }
    if (entry.key == "marker") {
      const std::string text = reader.string(node, path, "marker = \"sys_platform == 'linux'\"");
      package.marker =
          reader.checked(node, text, "invalid `packages.marker`", pep508::Marker::parse(text),
                         "write a PEP 508 marker such as \"sys_platform == 'linux'\"");
    } else if (entry.key == "requires-python") {
      const std::string text = reader.string(node, path, "requires-python = \">=3.9\"");
      package.requires_python = reader.checked(node, text, "invalid `packages.requires-python`",
                                               pep440::SpecifierSet::parse(text),
                                               "write version specifiers such as \">=3.9\"");
    } else if (entry.key == "dependencies") {
      for (const toml::table* dependency :
           reader.tables(node, path, "dependencies = [{name = \"numpy\"}]"))
        package.dependencies.push_back(read_dependency(reader, *dependency));
    } else if (entry.key == "vcs") {
      package.vcs = read_vcs(reader, reader.table(node, path, "[packages.vcs]"));
    } else if (entry.key == "directory") {
      package.directory = read_directory(reader, reader.table(node, path, "[packages.directory]"));
    } else if (entry.key == "archive") {
      package.archive = read_archive(reader, reader.table(node, path, "[packages.archive]"));
    } else if (entry.key == "index") {
      package.index = reader.url(node, path);
    } else if (entry.key == "sdist") {
      package.sdist = read_sdist(reader, reader.table(node, path, "[packages.sdist]"), package);
    } else if (entry.key == "wheels") {
      for (const toml::table* wheel : reader.tables(node, path, "[[packages.wheels]]")) {
        Wheel read = read_wheel(reader, *wheel, package);
        for (const Wheel& other : package.wheels)
          if (other.name == read.name)
            reader.fail(reader.place(*wheel),
                        "wheel " + shown(read.name) + " is listed twice (first at line " +
                            std::to_string(other.position.line) + ")",
                        "list each file of a package once");
        package.wheels.push_back(std::move(read));
      }
    } else if (entry.key == "attestation-identities") {
      for (const toml::table* identity :
           reader.tables(node, path, "[[packages.attestation-identities]]")) {
        const toml::node& kind =
            reader.required(*identity, "kind", "[[packages.attestation-identities]]",
                            "add the Trusted Publisher, e.g. kind = \"GitHub\"");
        (void)reader.string(kind, path + ".kind", "kind = \"GitHub\"");
        package.attestation_identities.push_back(reader.value(*identity, path));
      }
    } else if (entry.key == "tool") {
      package.tool = reader.tool_tables(node, path);
    }
  }

  if (direct_node != nullptr && distribution_node != nullptr) {
    const toml::node& later =
        reader.position(*direct_node).line > reader.position(*distribution_node).line
            ? *direct_node
            : *distribution_node;
    reader.fail(reader.place(later),
                "package " + shown(name) + " has both `" + std::string(distribution_key) +
                    "` and `" + std::string(direct_key) + "`",
                "a package comes from wheels and/or an sdist, or from one direct source (vcs, "
                "directory or archive)");
  }
  if (direct_node == nullptr && distribution_node == nullptr)
    reader.fail(reader.place(table.source()), "package " + shown(name) + " has no source",
                "add [[packages.wheels]], [packages.sdist], [packages.vcs], [packages.directory] "
                "or [packages.archive]");
  if (package.directory && package.version)
    reader.fail(reader.place(*table.get("version")),
                "package " + shown(name) + " from a directory must not have a `version`",
                "a local directory can change after locking, so its version is not recorded");
  return out;
}

}  // namespace gator::lock::detail

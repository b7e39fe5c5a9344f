#include "lock/write.hpp"

#include <algorithm>

#include "lock/read.hpp"
#include "lock/toml_text.hpp"
#include "lock/url.hpp"

namespace gator::lock {

namespace {

using detail::toml_inline;
using detail::toml_key;
using detail::toml_string;

constexpr std::string_view k_indent = "    ";
constexpr std::size_t k_columns = 100;

// Text is appended line by line; `m_prefix` indents the lines of package sub-tables.
class Writer {
 public:
  void line(std::string_view text = {}) {
    if (!text.empty())
      m_out += m_prefix;
    m_out += text;
    m_out += '\n';
  }
  void key(std::string_view name, const std::string& value) {
    line(toml_key(name) + " = " + value);
  }
  void string(std::string_view name, std::string_view value) { key(name, toml_string(value)); }
  void optional_string(std::string_view name, const std::optional<std::string>& value) {
    if (value)
      string(name, *value);
  }
  // An array of strings: on one line when it has one element or fits in 100 columns, else one
  // element per line.
  void strings(std::string_view name, const std::vector<std::string>& values) {
    std::string inline_text;
    for (const std::string& value : values)
      inline_text += (inline_text.empty() ? "" : ", ") + toml_string(value);
    inline_text = toml_key(name) + " = [" + inline_text + "]";
    if (values.size() <= 1 || inline_text.size() <= k_columns) {
      line(inline_text);
      return;
    }
    line(toml_key(name) + " = [");
    for (const std::string& value : values)
      line(std::string(k_indent) + toml_string(value) + ",");
    line("]");
  }
  void indent(bool on) { m_prefix = on ? std::string(k_indent) : std::string(); }
  [[nodiscard]] std::string take() { return std::move(m_out); }

 private:
  std::string m_out;
  std::string m_prefix;
};

[[nodiscard]] std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

[[nodiscard]] std::string hashes_text(const Hashes& hashes) {
  TomlValue table = TomlValue::make_table();
  for (const auto& [algorithm, value] : hashes.others)
    table.set(algorithm, TomlValue::make_string(value));
  if (hashes.sha256)
    table.set("sha256", TomlValue::make_string(hashes.sha256->to_string()));
  return toml_inline(table);
}

void write_file(Writer& out, const std::optional<std::string>& name,
                const std::optional<UploadTime>& upload_time, const std::optional<std::string>& url,
                const std::optional<std::string>& path, const std::optional<std::uint64_t>& size,
                const Hashes& hashes) {
  out.optional_string("name", name);
  if (upload_time)
    out.key("upload-time", upload_time->to_string());
  out.optional_string("url", url);
  out.optional_string("path", path);
  if (size)
    out.key("size", std::to_string(*size));
  out.key("hashes", hashes_text(hashes));
}

// A table's keys as `key = value` lines, `first` (if present) before the others.
void write_table_keys(Writer& out, const TomlValue& table, std::string_view first = {}) {
  if (const TomlValue* value = first.empty() ? nullptr : table.find(first))
    out.key(first, toml_inline(*value));
  for (std::size_t i = 0; i < table.keys.size(); ++i)
    if (table.keys[i] != first)
      out.key(table.keys[i], toml_inline(table.items[i]));
}

void write_tools(Writer& out, const TomlValue& tools, std::string_view prefix) {
  for (std::size_t i = 0; i < tools.keys.size(); ++i) {
    out.line();
    out.line("[" + std::string(prefix) + "." + toml_key(tools.keys[i]) + "]");
    write_table_keys(out, tools.items[i]);
  }
}

void write_package(Writer& out, const Package& package) {
  out.line();
  out.line("[[packages]]");
  out.string("name", package.name);
  if (package.version)
    out.string("version", package.version->to_string());
  if (package.marker)
    out.string("marker", package.marker->to_string());
  if (package.requires_python)
    out.string("requires-python", package.requires_python->to_string());
  if (!package.dependencies.empty()) {
    std::vector<std::string> entries;
    for (const Dependency& dependency : package.dependencies) {
      // `name` first reads best; the other keys follow in order.
      std::string text = "{ name = " + toml_string(dependency.name);
      for (std::size_t i = 0; i < dependency.keys.keys.size(); ++i)
        if (dependency.keys.keys[i] != "name")
          text += ", " + toml_key(dependency.keys.keys[i]) + " = " +
                  toml_inline(dependency.keys.items[i]);
      entries.push_back(text + " }");
    }
    std::sort(entries.begin(), entries.end());
    out.line("dependencies = [");
    for (const std::string& entry : entries)
      out.line(std::string(k_indent) + entry + ",");
    out.line("]");
  }
  out.optional_string("index", package.index);

  out.indent(true);
  if (package.vcs) {
    const Vcs& vcs = *package.vcs;
    out.line();
    out.line("[packages.vcs]");
    out.string("type", vcs.type);
    out.optional_string("url", vcs.url);
    out.optional_string("path", vcs.path);
    out.optional_string("requested-revision", vcs.requested_revision);
    out.string("commit-id", vcs.commit_id);
    out.optional_string("subdirectory", vcs.subdirectory);
  }
  if (package.directory) {
    const Directory& directory = *package.directory;
    out.line();
    out.line("[packages.directory]");
    out.string("path", directory.path);
    if (directory.editable)
      out.key("editable", *directory.editable ? "true" : "false");
    out.optional_string("subdirectory", directory.subdirectory);
  }
  if (package.archive) {
    const Archive& archive = *package.archive;
    out.line();
    out.line("[packages.archive]");
    out.optional_string("url", archive.url);
    out.optional_string("path", archive.path);
    if (archive.size)
      out.key("size", std::to_string(*archive.size));
    if (archive.upload_time)
      out.key("upload-time", archive.upload_time->to_string());
    out.key("hashes", hashes_text(archive.hashes));
    out.optional_string("subdirectory", archive.subdirectory);
  }
  if (package.sdist) {
    const Sdist& sdist = *package.sdist;
    out.line();
    out.line("[packages.sdist]");
    write_file(out, sdist.name, sdist.upload_time, sdist.url, sdist.path, sdist.size, sdist.hashes);
  }
  std::vector<const Wheel*> wheels;
  for (const Wheel& wheel : package.wheels)
    wheels.push_back(&wheel);
  std::sort(wheels.begin(), wheels.end(),
            [](const Wheel* a, const Wheel* b) { return a->name < b->name; });
  for (const Wheel* wheel : wheels) {
    out.line();
    out.line("[[packages.wheels]]");
    write_file(out, wheel->name, wheel->upload_time, wheel->url, wheel->path, wheel->size,
               wheel->hashes);
  }
  std::vector<const TomlValue*> identities;
  for (const TomlValue& identity : package.attestation_identities)
    identities.push_back(&identity);
  std::stable_sort(
      identities.begin(), identities.end(),
      [](const TomlValue* a, const TomlValue* b) { return toml_inline(*a) < toml_inline(*b); });
  for (const TomlValue* identity : identities) {
    out.line();
    out.line("[[packages.attestation-identities]]");
    write_table_keys(out, *identity, "kind");
  }
  write_tools(out, package.tool, "packages.tool");
  out.indent(false);
}

void write_gator(Writer& out, const GatorFacts& facts) {
  out.line();
  out.line("[tool.gator-provision]");
  out.string("profile", facts.profile);
  if (facts.profile_digest)
    out.string("profile-digest", facts.profile_digest->to_string());
  if (!facts.indexes.empty()) {
    out.line("indexes = [");
    for (const IndexFact& index : facts.indexes)
      out.line(std::string(k_indent) + "{ name = " + toml_string(index.name) + ", url = " +
               toml_string(index.url) + (index.explicit_only ? ", explicit = true" : "") + " },");
    out.line("]");
  }
  out.line();
  out.line("[tool.gator-provision.target]");
  out.string("python", facts.target.python);
  out.string("platform", facts.target.platform);
  out.string("arch", facts.target.arch);
  out.optional_string("glibc", facts.target.glibc);
  if (!facts.sources.empty()) {
    out.line();
    out.line("[tool.gator-provision.sources]");
    for (const auto& [package, index] : facts.sources)
      out.string(package, index);
  }
}

// URLs are checked before anything else: a credential must never reach the output, not even in
// the text of a later error.
[[nodiscard]] std::optional<Error> credentials_problem(const Lockfile& lockfile) {
  std::optional<Error> problem;
  const auto check = [&](const std::optional<std::string>& url, const std::string& what) {
    if (problem || !url || !userinfo(*url))
      return;
    problem = Error(ErrorKind::invalid_input,
                    "refusing to write credentials into the lock file: " + what + " " +
                        without_userinfo(*url) + " has a user:password@ part (not shown)");
    problem->hint(
        "lock files are shared; give the URL without credentials and keep them in ~/.netrc");
  };
  for (const Package& package : lockfile.packages) {
    const std::string of = " of " + package.name;
    check(package.index, "the index" + of);
    for (const Wheel& wheel : package.wheels)
      check(wheel.url, "the URL of wheel " + wheel.name);
    if (package.sdist)
      check(package.sdist->url, "the URL of sdist " + package.sdist->name);
    if (package.archive)
      check(package.archive->url, "the archive URL" + of);
    if (package.vcs)
      check(package.vcs->url, "the repository URL" + of);
  }
  if (lockfile.gator)
    for (const IndexFact& index : lockfile.gator->indexes)
      check(index.url, "the URL of index " + index.name);
  return problem;
}

[[nodiscard]] std::optional<Error> depth_problem(const Lockfile& lockfile) {
  const auto too_deep = [](const TomlValue& value) { return value.depth() > k_max_toml_depth; };
  bool deep = too_deep(lockfile.tool);
  for (const Package& package : lockfile.packages) {
    deep = deep || too_deep(package.tool);
    for (const TomlValue& identity : package.attestation_identities)
      deep = deep || too_deep(identity);
    for (const Dependency& dependency : package.dependencies)
      deep = deep || too_deep(dependency.keys);
  }
  if (!deep)
    return std::nullopt;
  return Error(ErrorKind::invalid_input, "cannot write a [tool] value nested more than " +
                                             std::to_string(k_max_toml_depth) + " levels deep");
}

}  // namespace

std::expected<std::string, Error> write_lockfile(const Lockfile& lockfile) {
  if (auto problem = credentials_problem(lockfile))
    return std::unexpected(std::move(*problem));
  if (auto problem = depth_problem(lockfile))
    return std::unexpected(std::move(*problem));

  Writer out;
  out.string("lock-version", lockfile.lock_version);
  if (lockfile.environments) {
    std::vector<std::string> texts;
    for (const pep508::Marker& marker : *lockfile.environments)
      texts.push_back(marker.to_string());
    out.strings("environments", sorted(std::move(texts)));
  }
  if (lockfile.requires_python)
    out.string("requires-python", lockfile.requires_python->to_string());
  if (lockfile.extras)
    out.strings("extras", sorted(*lockfile.extras));
  if (lockfile.dependency_groups)
    out.strings("dependency-groups", sorted(*lockfile.dependency_groups));
  if (lockfile.default_groups)
    out.strings("default-groups", sorted(*lockfile.default_groups));
  out.string("created-by", lockfile.created_by);

  std::vector<const Package*> packages;
  for (const Package& package : lockfile.packages)
    packages.push_back(&package);
  std::stable_sort(packages.begin(), packages.end(),
                   [](const Package* a, const Package* b) { return package_less(*a, *b); });
  if (packages.empty())
    out.line("packages = []");
  for (const Package* package : packages)
    write_package(out, *package);

  if (lockfile.gator)
    write_gator(out, *lockfile.gator);
  write_tools(out, lockfile.tool, "tool");
  std::string text = out.take();

  // Whatever the reader refuses is not written: a lock file is only ever replaced by a valid one.
  const auto check = parse_lockfile(text, "<lock file being written>");
  if (!check) {
    const Error& inner = check.error();
    Error error(ErrorKind::invalid_input,
                std::string("cannot write the lock file: ") + inner.what());
    if (const auto& location = inner.location())
      error.caused_by("at line " + std::to_string(location->line) +
                      " of the text to write: " + location->line_text);
    for (const std::string& cause : inner.causes())
      error.caused_by(cause);
    for (const std::string& hint : inner.hints())
      error.hint(hint);
    return std::unexpected(std::move(error));
  }
  return text;
}

}  // namespace gator::lock

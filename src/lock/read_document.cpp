// The top level of a lock file: TOML syntax, lock-version, the keys of the document, then the
// checks across package entries.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "lock/reader.hpp"
#include "pep508/name.hpp"

namespace gator::lock {

namespace detail {
namespace {

const std::vector<std::string_view> k_top_keys = {
    "lock-version",   "environments", "requires-python", "extras", "dependency-groups",
    "default-groups", "created-by",   "packages",        "tool"};

constexpr std::size_t k_most_dots = 64;

// toml++ says "Error while parsing key-value pair: cannot redefine existing integer 'a'"; the
// "while parsing" part goes last, as context.
[[nodiscard]] std::string syntax_message(std::string_view description) {
  constexpr std::string_view k_prefix = "Error while parsing ";
  const std::size_t colon = description.find(": ");
  if (!description.starts_with(k_prefix) || colon == std::string_view::npos)
    return "invalid TOML: " + std::string(description);
  const std::string_view context = description.substr(k_prefix.size(), colon - k_prefix.size());
  return "invalid TOML: " + std::string(description.substr(colon + 2)) + " (in " +
         std::string(context) + ")";
}

void read_lock_version(Reader& reader, const toml::table& root, Lockfile& lockfile) {
  const toml::node& node = reader.required(root, "lock-version", "the top level",
                                           "start the file with lock-version = \"1.0\"");
  const std::string text = reader.string(node, "lock-version", "lock-version = \"1.0\"");
  const auto version =
      reader.checked(node, text, "invalid `lock-version`", pep440::Version::parse(text),
                     "this gator-provision reads lock-version \"1.0\"");
  const auto one = *pep440::Version::parse("1");
  const auto two = *pep440::Version::parse("2");
  if (version < one || version >= two)
    reader.fail(reader.place(node), "unsupported lock-version " + shown(text),
                "this gator-provision reads lock-version 1.x; a newer format needs a newer "
                "gator-provision");
  if (version > one) {
    reader.warn(reader.place(node), "lock-version " + shown(text) +
                                        " is newer than 1.0; keys this gator-provision does not "
                                        "know are ignored");
    reader.set_strict_keys(false);
  }
  lockfile.lock_version = text;
}

[[nodiscard]] std::vector<std::string> read_names(Reader& reader, const toml::node& node,
                                                  std::string_view path, bool normalized) {
  std::vector<std::string> names = reader.strings(node, path, std::string(path) + " = [\"dev\"]");
  const toml::array& array = *node.as_array();
  for (std::size_t i = 0; i < names.size(); ++i) {
    const toml::node& element = *array.get(i);
    (void)reader.checked(element, names[i], "invalid name in `" + std::string(path) + "`",
                         pep508::PackageName::parse(names[i]),
                         "names are letters, digits and '-', '_', '.' inside, such as \"dev\"");
    if (normalized && !pep508::is_normalized_name(names[i]))
      reader.fail(reader.place(element),
                  "name " + shown(names[i]) + " in `" + std::string(path) + "` is not normalized",
                  "write \"" + pep508::canonicalize_name(names[i]) + "\"");
  }
  return names;
}

[[nodiscard]] Lockfile read_document(Reader& reader, const toml::table& root) {
  Lockfile lockfile;
  lockfile.source.file = reader.source().file();
  reader.set_root(root);
  read_lock_version(reader, root, lockfile);
  std::vector<ReadPackage> packages;
  for (const Reader::Entry& entry : reader.entries(root, "the top level", k_top_keys)) {
    const toml::node& node = *entry.node;
    const std::string path(entry.key);
    if (entry.key == "environments") {
      std::vector<pep508::Marker> markers;
      const auto texts = reader.strings(node, path, "environments = [\"sys_platform == 'linux'\"]");
      for (std::size_t i = 0; i < texts.size(); ++i)
        markers.push_back(reader.checked(*node.as_array()->get(i), texts[i],
                                         "invalid marker in `environments`",
                                         pep508::Marker::parse(texts[i]),
                                         "write a PEP 508 marker such as \"sys_platform == "
                                         "'linux'\""));
      lockfile.environments = std::move(markers);
    } else if (entry.key == "requires-python") {
      const std::string text = reader.string(node, path, "requires-python = \">=3.9\"");
      lockfile.requires_python =
          reader.checked(node, text, "invalid `requires-python`", pep440::SpecifierSet::parse(text),
                         "write version specifiers such as \">=3.9\"");
    } else if (entry.key == "extras") {
      lockfile.extras = read_names(reader, node, path, true);
    } else if (entry.key == "dependency-groups") {
      lockfile.dependency_groups = read_names(reader, node, path, false);
    } else if (entry.key == "default-groups") {
      lockfile.default_groups = read_names(reader, node, path, false);
    } else if (entry.key == "created-by") {
      lockfile.created_by = reader.string(node, path, "created-by = \"gator-provision\"");
      if (lockfile.created_by.empty())
        reader.fail(reader.place(node), "`created-by` is empty",
                    "name the tool that wrote the file, e.g. created-by = \"gator-provision\"");
    } else if (entry.key == "packages") {
      for (const toml::table* table : reader.tables(node, path, "[[packages]]"))
        packages.push_back(read_package(reader, *table));
    } else if (entry.key == "tool") {
      read_tool(reader, node, lockfile);
    }
  }
  (void)reader.required(root, "created-by", "the top level",
                        "name the tool that wrote the file, e.g. created-by = \"gator-provision\"");
  (void)reader.required(root, "packages", "the top level",
                        "list the packages as [[packages]] tables");
  if (lockfile.default_groups && lockfile.dependency_groups) {
    for (const std::string& group : *lockfile.default_groups)
      for (const std::string& listed : *lockfile.dependency_groups)
        if (pep508::canonicalize_name(group) == pep508::canonicalize_name(listed))
          reader.warn(reader.place(*root.get("default-groups")),
                      "default group " + shown(group) +
                          " is also listed in `dependency-groups` (it should not be)");
  }
  check_packages(reader, packages);
  for (ReadPackage& entry : packages)
    lockfile.packages.push_back(std::move(entry.package));
  return lockfile;
}

}  // namespace
}  // namespace detail

std::string Warning::render(const std::string& program) const {
  if (!location)
    return program + ": warning: " + message + "\n";
  std::string out = location->file + ":" + std::to_string(location->line) + ":" +
                    std::to_string(location->column) + ": warning: " + message + "\n";
  if (!location->line_text.empty()) {
    const std::string number = std::to_string(location->line);
    out += "  " + number + " | " + location->line_text + "\n";
    out += "  " + std::string(number.size(), ' ') + " | " +
           std::string(location->column > 0 ? location->column - 1 : 0, ' ') + "^" +
           std::string(std::max<std::size_t>(location->span, 1) - 1, '~') + "\n";
  }
  return out;
}

std::expected<ReadResult, Error> parse_lockfile(std::string_view text, std::string_view file) {
  const detail::SourceText source{std::string(file), text};
  ReadResult result;
  detail::Reader reader(source, result.warnings);
  try {
    if (const auto at = source.too_many_dots(detail::k_most_dots))
      reader.fail(*at,
                  "too many nested keys on one line (more than " +
                      std::to_string(detail::k_most_dots) + " '.' outside strings)",
                  "lock file keys are a few levels deep at most, such as "
                  "tool.gator-provision.target");
    toml::table root;
    try {
      root = toml::parse(std::string_view(source.text()), std::string_view(source.file()));
    } catch (const toml::parse_error& error) {
      const toml::source_position begin = error.source().begin;
      reader.fail(detail::Place{std::max<std::size_t>(begin.line, 1),
                                std::max<std::size_t>(begin.column, 1), 1},
                  detail::syntax_message(error.description()),
                  "a lock file is a TOML 1.0 document (https://toml.io/en/v1.0.0)");
    }
    result.lockfile = detail::read_document(reader, root);
  } catch (Error& error) {
    return std::unexpected(std::move(error));
  }
  return result;
}

ReadResult read_lockfile(std::string_view text, std::string_view file) {
  auto result = parse_lockfile(text, file);
  if (!result)
    throw std::move(result.error());
  return std::move(*result);
}

ReadResult load_lockfile(const std::filesystem::path& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int code = errno;
    Error error(ErrorKind::io, "cannot read lock file " + path.string());
    if (code != 0)
      error.caused_by(std::strerror(code));
    if (code == ENOENT)
      error.hint("create it with `gator-provision lock PROFILE`");
    throw error;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw Error(ErrorKind::io, "cannot read lock file " + path.string());
  ReadResult result = read_lockfile(text.str(), path.string());
  if (!is_valid_lock_file_name(path.filename().string()))
    result.warnings.push_back(
        Warning{"the file name " + path.filename().string() +
                    " is not pylock.toml or pylock.<name>.toml, as the specification requires",
                std::nullopt});
  return result;
}

}  // namespace gator::lock

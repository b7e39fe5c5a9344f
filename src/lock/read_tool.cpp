// [tool]: other tools' tables are kept as data; [tool.gator-provision] is read strictly.
#include <algorithm>

#include "lock/reader.hpp"
#include "pep508/name.hpp"

namespace gator::lock::detail {

namespace {

const std::vector<std::string_view> k_gator_keys = {"profile", "profile-digest", "target",
                                                    "indexes", "sources"};
const std::vector<std::string_view> k_target_keys = {"python", "platform", "arch", "glibc"};
const std::vector<std::string_view> k_index_keys = {"name", "url", "explicit"};
constexpr std::string_view k_where = "[tool.gator-provision]";

[[nodiscard]] std::string non_empty(const Reader& reader, const toml::node& node,
                                    std::string_view path, std::string_view example) {
  std::string text = reader.string(node, path, example);
  if (text.empty())
    reader.fail(reader.place(node), "`" + std::string(path) + "` is empty",
                "for example: " + std::string(example));
  return text;
}

[[nodiscard]] TargetFacts read_target(Reader& reader, const toml::table& table) {
  constexpr std::string_view where = "[tool.gator-provision.target]";
  TargetFacts target;
  for (const Reader::Entry& entry : reader.entries(table, where, k_target_keys)) {
    const std::string path = "tool.gator-provision.target." + std::string(entry.key);
    if (entry.key == "python")
      target.python = non_empty(reader, *entry.node, path, "python = \"3.11\"");
    else if (entry.key == "platform")
      target.platform = non_empty(reader, *entry.node, path, "platform = \"linux\"");
    else if (entry.key == "arch")
      target.arch = non_empty(reader, *entry.node, path, "arch = \"x86_64\"");
    else if (entry.key == "glibc")
      target.glibc = non_empty(reader, *entry.node, path, "glibc = \"2.31\"");
  }
  (void)reader.required(table, "python", where, "add the target's Python, e.g. python = \"3.11\"");
  (void)reader.required(table, "platform", where, "add the target's OS, e.g. platform = \"linux\"");
  (void)reader.required(table, "arch", where, "add the target's machine, e.g. arch = \"x86_64\"");
  return target;
}

[[nodiscard]] std::vector<IndexFact> read_indexes(Reader& reader, const toml::node& node) {
  constexpr std::string_view path = "tool.gator-provision.indexes";
  constexpr std::string_view where = "an entry of `tool.gator-provision.indexes`";
  std::vector<IndexFact> out;
  for (const toml::table* table : reader.tables(
           node, path, "indexes = [{name = \"pypi\", url = \"https://pypi.org/simple\"}]")) {
    IndexFact index;
    for (const Reader::Entry& entry : reader.entries(*table, where, k_index_keys)) {
      const std::string key_path = std::string(path) + "." + std::string(entry.key);
      if (entry.key == "name")
        index.name = non_empty(reader, *entry.node, key_path, "name = \"pypi\"");
      else if (entry.key == "url")
        index.url = reader.url(*entry.node, key_path);
      else if (entry.key == "explicit")
        index.explicit_only = reader.boolean(*entry.node, key_path, "explicit = true");
    }
    const toml::node& name = reader.required(*table, "name", where, "add name = \"pypi\"");
    (void)reader.required(*table, "url", where, "add url = \"https://pypi.org/simple\"");
    for (const IndexFact& other : out)
      if (other.name == index.name)
        reader.fail(reader.place(name), "index " + shown(index.name) + " is listed twice",
                    "give each index a name of its own");
    out.push_back(std::move(index));
  }
  return out;
}

[[nodiscard]] std::map<std::string, std::string> read_sources(
    Reader& reader, const toml::node& node, const std::vector<IndexFact>& indexes) {
  constexpr std::string_view path = "tool.gator-provision.sources";
  const toml::table& table = reader.table(node, path, "sources = {torch = \"pytorch\"}");
  std::map<std::string, std::string> out;
  for (auto&& [key, value] : table) {
    const std::string package(key.str());
    if (!pep508::is_valid_name(package) || !pep508::is_normalized_name(package))
      reader.fail(reader.place(key.source()),
                  "`" + std::string(path) +
                      "` names a package that is not a normalized name: " + shown(package),
                  "write the package's PEP 503 name, e.g. pytorch-triton-rocm");
    const std::string index =
        reader.string(value, std::string(path) + "." + package, "torch = \"pytorch\"");
    const bool known = std::any_of(indexes.begin(), indexes.end(),
                                   [&](const IndexFact& fact) { return fact.name == index; });
    if (!known)
      reader.fail(reader.place(value),
                  "package " + shown(package) + " is pinned to index " + shown(index) +
                      ", which `tool.gator-provision.indexes` does not list",
                  "list every index a package is pinned to in `tool.gator-provision.indexes`");
    out.emplace(package, index);
  }
  return out;
}

[[nodiscard]] GatorFacts read_gator(Reader& reader, const toml::table& table) {
  GatorFacts facts;
  const toml::node* sources = nullptr;
  for (const Reader::Entry& entry : reader.entries(table, std::string(k_where), k_gator_keys)) {
    const std::string path = "tool.gator-provision." + std::string(entry.key);
    const toml::node& node = *entry.node;
    if (entry.key == "profile") {
      facts.profile = non_empty(reader, node, path, "profile = \"mi25\"");
    } else if (entry.key == "profile-digest") {
      const std::string text = reader.string(node, path, "profile-digest = \"<64 hex digits>\"");
      facts.profile_digest =
          reader.checked(node, text, "invalid `" + path + "`", dist::Sha256::parse(text),
                         "the profile digest is a sha256: 64 hex digits");
    } else if (entry.key == "target") {
      facts.target = read_target(reader, reader.table(node, path, "[tool.gator-provision.target]"));
    } else if (entry.key == "indexes") {
      facts.indexes = read_indexes(reader, node);
    } else if (entry.key == "sources") {
      sources = &node;  // after the indexes, whatever the order in the file
    }
  }
  if (sources != nullptr)
    facts.sources = read_sources(reader, *sources, facts.indexes);
  (void)reader.required(table, "profile", k_where,
                        "add the profile's name, e.g. profile = \"mi25\"");
  (void)reader.required(table, "target", k_where,
                        "add [tool.gator-provision.target] with python, platform and arch");
  return facts;
}

}  // namespace

void read_tool(Reader& reader, const toml::node& node, Lockfile& lockfile) {
  const toml::table& tools = reader.table(node, "tool", "[tool.<tool name>]");
  for (auto&& [key, element] : tools) {
    if (key.str() != k_tool_name)
      continue;
    lockfile.gator =
        read_gator(reader, reader.table(element, "tool.gator-provision", "[tool.gator-provision]"));
  }
  lockfile.tool = reader.tool_tables(node, "tool");
  lockfile.tool.erase(k_tool_name);
}

}  // namespace gator::lock::detail

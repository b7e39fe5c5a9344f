// The tables of a profile file, each key checked as it is read (profiles/README.md).
#include <array>
#include <filesystem>
#include <string>

#include "profile/toml_reader.hpp"
#include "profile/values.hpp"

namespace gator::profile::detail {

namespace {

constexpr std::array<std::string_view, 2> k_profile_keys = {"name", "description"};
constexpr std::array<std::string_view, 6> k_hardware_keys = {"vendor", "gpu-arch", "rocm",
                                                             "cuda",   "pci-ids",  "driver"};
constexpr std::array<std::string_view, 1> k_python_keys = {"version"};
constexpr std::array<std::string_view, 3> k_target_keys = {"platform", "arch", "glibc"};
constexpr std::array<std::string_view, 3> k_index_keys = {"name", "url", "explicit"};
constexpr std::array<std::string_view, 2> k_requirements_keys = {"packages", "sources"};
constexpr std::array<std::string_view, 1> k_venv_keys = {"path"};
constexpr std::array<std::string_view, 2> k_smoke_keys = {"command", "timeout"};

constexpr std::array<std::string_view, 3> k_vendors = {"amd", "nvidia", "cpu"};
constexpr std::array<std::string_view, 2> k_arches = {"x86_64", "aarch64"};
constexpr std::array<std::string_view, 1> k_platforms = {"linux"};

constexpr std::string_view k_name_hint =
    "a name has letters, digits, '.', '_' and '-' and starts with a letter or digit";

// "\"amd\", \"nvidia\" or \"cpu\""
[[nodiscard]] std::string alternatives(std::span<const std::string_view> words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0)
      out += i + 1 == words.size() ? " or " : ", ";
    out += in_quotes(words[i]);
  }
  return out;
}

// The position of the value in `words`, or an error with a "did you mean".
[[nodiscard]] std::size_t one_of(const TomlReader& reader, const Sourced<std::string>& value,
                                 std::string_view path, std::span<const std::string_view> words) {
  for (std::size_t i = 0; i < words.size(); ++i)
    if (value.value == words[i])
      return i;
  const auto suggestion = closest_match(value.value, words);
  reader.fail(value.origin, "invalid value for `" + std::string(path) + "`: " + shown(value.value),
              (suggestion ? "did you mean " + in_quotes(*suggestion) + "? (expected "
                          : std::string("expected ")) +
                  alternatives(words) + (suggestion ? ")" : ""));
}

[[nodiscard]] Sourced<VersionConstraint> constraint(const TomlReader& reader,
                                                    const toml::node& node, std::string_view path,
                                                    std::string_view example_version,
                                                    std::string_view example_specifier) {
  const std::string key(path.substr(path.rfind('.') + 1));
  const auto text = reader.string(node, path, key + " = " + in_quotes(example_version));
  const auto parsed = parse_version_constraint(text.value);
  return Sourced<VersionConstraint>{
      reader.checked(text, "invalid version constraint for `" + std::string(path) + "`", parsed,
                     "write a version such as " + in_quotes(example_version) +
                         " or a specifier such as " + in_quotes(example_specifier)),
      text.origin};
}

}  // namespace

void read_profile_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  for (const auto& entry : reader.entries(table, "[profile]", k_profile_keys)) {
    const std::string key(entry.key->str());
    if (key == "name") {
      auto name = reader.string(*entry.node, "profile.name", "name = \"mi25\"");
      reader.checked(name, "invalid profile name", check_name(name.value), k_name_hint);
      const std::filesystem::path file(layer.file);
      const std::string stem = file.stem().string();
      if (name.value != stem)
        reader.fail(name.origin,
                    "profile name " + shown(name.value) + " does not match the file name " +
                        shown(file.filename().string()),
                    "a profile is found by its file name: rename the file to " + name.value +
                        ".toml or write name = " + in_quotes(stem));
      layer.name = std::move(name);
    } else {
      layer.description =
          reader.string(*entry.node, "profile.description", "description = \"MI25 servers\"");
    }
  }
}

void read_hardware_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  for (const auto& entry : reader.entries(table, "[hardware]", k_hardware_keys)) {
    const std::string key(entry.key->str());
    const toml::node& node = *entry.node;
    if (key == "vendor") {
      const auto text = reader.string(node, "hardware.vendor", "vendor = \"amd\"");
      const auto vendor = static_cast<Vendor>(one_of(reader, text, "hardware.vendor", k_vendors));
      layer.vendor = Sourced<Vendor>{vendor, text.origin};
    } else if (key == "gpu-arch") {
      layer.gpu_archs = reader.strings(node, "hardware.gpu-arch", "gpu-arch = [\"gfx900\"]");
    } else if (key == "rocm") {
      layer.rocm = constraint(reader, node, "hardware.rocm", "5.7.1", ">=5.7,<5.8");
    } else if (key == "cuda") {
      layer.cuda = constraint(reader, node, "hardware.cuda", "12.1", ">=12.1,<13");
    } else if (key == "driver") {
      layer.driver = constraint(reader, node, "hardware.driver", "535.104.05", ">=535");
    } else {
      auto ids = reader.strings(node, "hardware.pci-ids", "pci-ids = [\"1002:6860\"]");
      for (Sourced<std::string>& id : ids.value)
        id.value =
            reader.checked(id, "invalid PCI id in `hardware.pci-ids`", parse_pci_id(id.value),
                           "write VENDOR:DEVICE in hexadecimal, such as \"1002:6860\" "
                           "(`lspci -nn` shows them)");
      layer.pci_ids = std::move(ids);
    }
  }
}

void read_python_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  for (const auto& entry : reader.entries(table, "[python]", k_python_keys))
    layer.python_version =
        constraint(reader, *entry.node, "python.version", "3.11", ">=3.10,<3.13");
}

void read_target_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  for (const auto& entry : reader.entries(table, "[target]", k_target_keys)) {
    const std::string key(entry.key->str());
    const toml::node& node = *entry.node;
    if (key == "platform") {
      auto text = reader.string(node, "target.platform", "platform = \"linux\"");
      static_cast<void>(one_of(reader, text, "target.platform", k_platforms));
      layer.platform = std::move(text);
    } else if (key == "arch") {
      const auto text = reader.string(node, "target.arch", "arch = \"x86_64\"");
      const auto arch = static_cast<TargetArch>(one_of(reader, text, "target.arch", k_arches));
      layer.arch = Sourced<TargetArch>{arch, text.origin};
    } else {
      const auto text = reader.string(node, "target.glibc", "glibc = \"2.31\"");
      const auto glibc = reader.checked(
          text, "invalid glibc version for `target.glibc`", parse_glibc_version(text.value),
          "write the oldest glibc the machines run as MAJOR.MINOR, such as \"2.31\" (Ubuntu "
          "20.04; `ldd --version` shows it)");
      layer.glibc = Sourced<GlibcVersion>{glibc, text.origin};
    }
  }
}

void read_environment_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  for (const auto& entry : reader.entries(table, "[environment]", {})) {
    const std::string name(entry.key->str());
    const auto checked = check_env_name(name);
    if (!checked)
      reader.fail(reader.origin(entry.key->source()),
                  "invalid environment variable name " + shown(name),
                  "a name has letters, digits and '_' and does not start with a digit, such as "
                  "HSA_OVERRIDE_GFX_VERSION",
                  checked.error().message);
    layer.environment[name] =
        reader.string(*entry.node, "environment." + name, name + " = \"value\"");
  }
}

void read_index_array(const TomlReader& reader, const toml::node& node, Layer& layer) {
  const toml::array* array = node.as_array();
  if (array == nullptr || !(array->empty() || array->is_array_of_tables()))
    reader.fail(reader.origin(node.source()),
                std::string("`index` must be an array of tables, not ") +
                    (node.is_table()   ? "a table"
                     : node.is_array() ? "an array of other values"
                                       : "a single value"),
                "write each index as an [[index]] section with a name and a url");
  for (const toml::node& element : *array) {
    const toml::table& table = *element.as_table();
    Index index;
    index.origin = reader.origin(element.source());
    index.explicit_only = Sourced<bool>{false, Origin{}};
    bool has_name = false;
    bool has_url = false;
    for (const auto& entry : reader.entries(table, "[[index]]", k_index_keys)) {
      const std::string key(entry.key->str());
      if (key == "name") {
        index.name = reader.string(*entry.node, "index.name", "name = \"pypi\"");
        reader.checked(index.name, "invalid index name", check_name(index.name.value), k_name_hint);
        has_name = true;
      } else if (key == "url") {
        index.url = reader.string(*entry.node, "index.url", "url = \"https://pypi.org/simple\"");
        if (const auto credentials = find_url_credentials(index.url.value))
          reader.fail(reader.source().inside_string(index.url.origin, index.url.value,
                                                    credentials->offset, credentials->length),
                      "credentials in `index.url`",
                      "a profile is committed and printed, so it must not hold secrets: put them "
                      "in ~/.netrc (machine HOST login USER password TOKEN)");
        reader.checked(index.url, "invalid URL for `index.url`", check_index_url(index.url.value),
                       "an index URL is https://, http:// or file:///, such as "
                       "\"https://pypi.org/simple\"");
        has_url = true;
      } else {
        index.explicit_only = reader.boolean(*entry.node, "index.explicit", "explicit = true");
      }
    }
    if (!has_name)
      reader.fail(index.origin, "missing `name` in [[index]]", "for example: name = \"pypi\"");
    if (!has_url)
      reader.fail(index.origin, "missing `url` in [[index]] " + shown(index.name.value),
                  "for example: url = \"https://pypi.org/simple\"");
    for (const Index& earlier : layer.indexes)
      if (earlier.name.value == index.name.value)
        reader.fail(index.name.origin, "duplicate index name " + shown(index.name.value),
                    "the first [[index]] with this name is at line " +
                        std::to_string(earlier.name.origin.line) + "; index names must be unique");
    layer.indexes.push_back(std::move(index));
  }
}

void read_requirements_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  for (const auto& entry : reader.entries(table, "[requirements]", k_requirements_keys)) {
    if (entry.key->str() == "packages") {
      const auto texts = reader.strings(*entry.node, "requirements.packages",
                                        "packages = [\"numpy>=1.24.0,<2.0\"]");
      SourcedList<pep508::Requirement> packages{{}, texts.origin};
      for (const Sourced<std::string>& text : texts.value) {
        packages.value.push_back(Sourced<pep508::Requirement>{
            reader.checked(text, "invalid requirement in `requirements.packages`",
                           pep508::Requirement::parse(text.value),
                           "a requirement is a PEP 508 string such as \"torch==2.3.1\" or "
                           "\"numpy>=1.24.0,<2.0\""),
            text.origin});
      }
      layer.packages = std::move(packages);
      continue;
    }
    const toml::table& sources = reader.table(*entry.node, "requirements.sources");
    std::map<pep508::PackageName, std::string> spelled;  // for duplicate spellings
    for (const auto& source : reader.entries(sources, "", {})) {
      const std::string key(source.key->str());
      const Origin key_origin = reader.origin(source.key->source());
      const auto name = pep508::PackageName::parse(key);
      if (!name)
        reader.fail(key_origin, "invalid project name " + shown(key) + " in `requirements.sources`",
                    "a key is a project name such as torch or pytorch-triton-rocm",
                    name.error().message);
      if (const auto earlier = spelled.find(*name); earlier != spelled.end())
        reader.fail(key_origin,
                    "duplicate source for `" + name->str() + "`: " + shown(earlier->second) +
                        " and " + shown(key) + " name the same project",
                    "keep one of them");
      spelled.emplace(*name, key);
      layer.sources.insert_or_assign(
          *name,
          reader.string(*source.node, "requirements.sources." + name->str(), key + " = \"pypi\""));
    }
  }
}

void read_venv_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  for (const auto& entry : reader.entries(table, "[venv]", k_venv_keys)) {
    auto path = reader.string(*entry.node, "venv.path", "path = \"/opt/gator/venv\"");
    if (!path.value.starts_with('/'))
      reader.fail(path.origin, "`venv.path` must be an absolute path: " + shown(path.value),
                  "for example: path = \"/opt/gator/venv\" (or pass --venv DIR)");
    layer.venv_path = std::move(path);
  }
}

void read_smoke_table(const TomlReader& reader, const toml::table& table, Layer& layer) {
  constexpr std::int64_t k_day = 86400;
  for (const auto& entry : reader.entries(table, "[smoke]", k_smoke_keys)) {
    if (entry.key->str() == "command") {
      auto command = reader.strings(*entry.node, "smoke.command",
                                    "command = [\"python\", \"-c\", \"import torch\"]");
      if (command.value.empty() || command.value.front().value.empty())
        reader.fail(command.origin, "`smoke.command` needs a program to run",
                    "for example: command = [\"python\", \"-c\", \"import torch\"]");
      layer.smoke_command = std::move(command);
    } else {
      const auto timeout = reader.integer(*entry.node, "smoke.timeout", "timeout = 300");
      if (timeout.value < 1 || timeout.value > k_day)
        reader.fail(
            timeout.origin,
            "`smoke.timeout` must be from 1 to 86400 seconds, not " + std::to_string(timeout.value),
            "for example: timeout = 300");
      layer.smoke_timeout = timeout;
    }
  }
}

}  // namespace gator::profile::detail

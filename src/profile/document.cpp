// One profile file: TOML syntax, schema-version, then every key in source order.
#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "profile/toml_reader.hpp"
#include "profile/values.hpp"

namespace gator::profile::detail {

namespace {

constexpr std::array<std::string_view, 11> k_top_keys = {
    "schema-version", "extends", "profile",      "hardware", "python", "target",
    "environment",    "index",   "requirements", "venv",     "smoke"};

[[nodiscard]] const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return node.is_array_of_tables() ? "an array of tables" : "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

[[nodiscard]] std::string joined(std::span<const std::string_view> words) {
  std::string out;
  for (const std::string_view word : words)
    out += (out.empty() ? "" : ", ") + std::string(word);
  return out;
}

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

[[nodiscard]] std::string table_hint(std::string_view path) {
  return "write it as a [" + std::string(path) + "] section";
}

// toml++ builds (and destroys) one nested table per '.' of a dotted key recursively, so a key
// with 100,000 parts overflows the stack. Keys cannot span lines, and a valid profile never
// has more than a few '.' outside strings on a line, so more than 64 is refused up front.
[[nodiscard]] std::optional<Origin> too_many_dots(const SourceText& source) {
  constexpr std::size_t k_most_dots = 64;
  return source.too_many_dots(k_most_dots);
}

}  // namespace

Origin TomlReader::origin(const toml::source_region& region) const {
  Origin result{m_source.file(), region.begin.line, region.begin.column, 0};
  if (region.end.line == region.begin.line && region.end.column > region.begin.column) {
    result.span = region.end.column - region.begin.column;
  } else {
    // A value over several lines: underline the rest of its first line.
    const std::size_t width = code_points(m_source.raw_line(result.line));
    result.span = width >= result.column ? width - result.column + 1 : 1;
  }
  return result;
}

void TomlReader::fail(const Origin& at, std::string message, std::string_view hint,
                      std::string_view cause) const {
  Error error = invalid_at(m_source.location(at), std::move(message));
  if (!cause.empty())
    error.caused_by(std::string(cause));
  if (!hint.empty())
    error.hint(std::string(hint));
  throw error;
}

void TomlReader::fail_inside(const Sourced<std::string>& value, std::string_view message,
                             const util::ParseError& error, std::string_view hint) const {
  const Origin at = m_source.inside_string(value.origin, value.value, error.offset, error.length);
  fail(at, std::string(message) + ": " + shown(value.value), hint, error.message);
}

std::vector<TomlReader::Entry> TomlReader::entries(const toml::table& table, std::string_view where,
                                                   std::span<const std::string_view> valid) const {
  std::vector<Entry> out;
  for (auto&& [key, node] : table)
    out.push_back(Entry{&key, &node});
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    const auto& left = a.key->source().begin;
    const auto& right = b.key->source().begin;
    return left.line != right.line ? left.line < right.line : left.column < right.column;
  });
  if (valid.empty())
    return out;  // a table of names ([environment], sources)
  for (const Entry& entry : out) {
    const std::string_view name = entry.key->str();
    if (std::find(valid.begin(), valid.end(), name) != valid.end())
      continue;
    const std::string place = where.empty() ? "" : " in " + std::string(where);
    const auto suggestion = closest_match(name, valid);
    fail(origin(entry.key->source()), "unknown key " + shown(name) + place,
         suggestion
             ? "did you mean `" + std::string(*suggestion) + "`?"
             : "valid keys" + (where.empty() ? " at the top level" : place) + ": " + joined(valid));
  }
  return out;
}

const toml::table& TomlReader::table(const toml::node& node, std::string_view path) const {
  if (const toml::table* result = node.as_table())
    return *result;
  fail(origin(node.source()), "`" + std::string(path) + "` must be a table, not " + type_name(node),
       table_hint(path));
}

Sourced<std::string> TomlReader::string(const toml::node& node, std::string_view path,
                                        std::string_view example) const {
  const toml::value<std::string>* value = node.as_string();
  if (value == nullptr)
    fail(origin(node.source()),
         "`" + std::string(path) + "` must be a string, not " + type_name(node),
         "for example: " + std::string(example));
  Sourced<std::string> result{value->get(), origin(node.source())};
  if (const auto control = find_control_character(result.value)) {
    const util::ParseError error =
        util::ParseError::at(result.value, *control, 1, "control character in the string");
    fail_inside(result, "invalid `" + std::string(path) + "`", error,
                "profile strings are one line of text without control characters");
  }
  return result;
}

Sourced<bool> TomlReader::boolean(const toml::node& node, std::string_view path,
                                  std::string_view example) const {
  const toml::value<bool>* value = node.as_boolean();
  if (value == nullptr)
    fail(origin(node.source()),
         "`" + std::string(path) + "` must be a boolean, not " + type_name(node),
         "for example: " + std::string(example));
  return Sourced<bool>{value->get(), origin(node.source())};
}

Sourced<std::int64_t> TomlReader::integer(const toml::node& node, std::string_view path,
                                          std::string_view example) const {
  const toml::value<std::int64_t>* value = node.as_integer();
  if (value == nullptr)
    fail(origin(node.source()),
         "`" + std::string(path) + "` must be an integer, not " + type_name(node),
         "for example: " + std::string(example));
  return Sourced<std::int64_t>{value->get(), origin(node.source())};
}

SourcedList<std::string> TomlReader::strings(const toml::node& node, std::string_view path,
                                             std::string_view example) const {
  const toml::array* array = node.as_array();
  if (array == nullptr)
    fail(origin(node.source()),
         "`" + std::string(path) + "` must be an array of strings, not " + type_name(node),
         "for example: " + std::string(example));
  SourcedList<std::string> result{{}, origin(node.source())};
  std::size_t position = 0;
  for (const toml::node& element : *array) {
    ++position;
    if (!element.is_string())
      fail(origin(element.source()),
           "`" + std::string(path) + "` must be an array of strings, but element " +
               std::to_string(position) + " is " + type_name(element),
           "for example: " + std::string(example));
    result.value.push_back(string(element, path, example));
  }
  return result;
}

Layer read_layer(const SourceText& source) {
  const TomlReader reader(source);
  if (const auto at = too_many_dots(source))
    reader.fail(*at, "too many nested keys on one line (more than 64 '.' outside strings)",
                "profile keys are a few levels deep at most, such as requirements.sources.torch");
  toml::table root;
  try {
    root = toml::parse(std::string_view(source.text()), std::string_view(source.file()));
  } catch (const toml::parse_error& error) {
    const toml::source_position begin = error.source().begin;
    reader.fail(Origin{source.file(), begin.line, begin.column, 1},
                syntax_message(error.description()),
                "profiles are TOML 1.0 documents (https://toml.io/en/v1.0.0)");
  }

  // The schema version first: a newer schema may have keys this build does not know.
  const toml::node* version = root.get("schema-version");
  if (version == nullptr)
    reader.fail(Origin{source.file(), 1, 1, 0}, "missing `schema-version`",
                "add `schema-version = " + std::to_string(k_schema_version) +
                    "` at the top of the profile");
  const auto schema = reader.integer(*version, "schema-version", "schema-version = 1");
  if (schema.value != k_schema_version)
    reader.fail(schema.origin, "unsupported schema-version " + std::to_string(schema.value),
                "this gator-provision reads schema-version " + std::to_string(k_schema_version) +
                    "; a newer schema needs a newer gator-provision");

  Layer layer;
  layer.file = source.file();
  for (const TomlReader::Entry& entry : reader.entries(root, "", k_top_keys)) {
    const std::string name(entry.key->str());
    const toml::node& node = *entry.node;
    if (name == "schema-version")
      continue;
    if (name == "extends") {
      layer.extends = reader.string(node, "extends", "extends = \"rocm5.7\"");
      continue;
    }
    if (name == "index") {
      read_index_array(reader, node, layer);
      continue;
    }
    const toml::table& table = reader.table(node, name);
    layer.tables[name] = reader.origin(node.source());
    if (name == "profile")
      read_profile_table(reader, table, layer);
    else if (name == "hardware")
      read_hardware_table(reader, table, layer);
    else if (name == "python")
      read_python_table(reader, table, layer);
    else if (name == "target")
      read_target_table(reader, table, layer);
    else if (name == "environment")
      read_environment_table(reader, table, layer);
    else if (name == "requirements")
      read_requirements_table(reader, table, layer);
    else if (name == "venv")
      read_venv_table(reader, table, layer);
    else if (name == "smoke")
      read_smoke_table(reader, table, layer);
  }
  return layer;
}

}  // namespace gator::profile::detail

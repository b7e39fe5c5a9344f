#include "lock/reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "lock/url.hpp"

namespace gator::lock::detail {

namespace {

[[nodiscard]] std::string joined(const std::vector<std::string_view>& words) {
  std::string out;
  for (const std::string_view word : words)
    out += (out.empty() ? "" : ", ") + std::string(word);
  return out;
}

void append_two(std::string& out, unsigned value) {
  out += static_cast<char>('0' + (value / 10) % 10);
  out += static_cast<char>('0' + value % 10);
}

[[nodiscard]] std::string date_text(const toml::date& date) {
  std::string out = std::to_string(date.year);
  while (out.size() < 4)
    out.insert(out.begin(), '0');
  out += '-';
  append_two(out, date.month);
  out += '-';
  append_two(out, date.day);
  return out;
}

[[nodiscard]] std::string time_text(const toml::time& time) {
  std::string out;
  append_two(out, time.hour);
  out += ':';
  append_two(out, time.minute);
  out += ':';
  append_two(out, time.second);
  if (time.nanosecond != 0) {
    std::string fraction = std::to_string(time.nanosecond);
    fraction.insert(0, 9 - std::min<std::size_t>(fraction.size(), 9), '0');
    while (fraction.back() == '0')
      fraction.pop_back();
    out += '.' + fraction;
  }
  return out;
}

[[nodiscard]] std::string offset_text(const toml::time_offset& offset) {
  if (offset.minutes == 0)
    return "Z";
  const int minutes = offset.minutes;
  const auto magnitude = static_cast<unsigned>(minutes < 0 ? -minutes : minutes);
  std::string out = minutes < 0 ? "-" : "+";
  append_two(out, magnitude / 60);
  out += ':';
  append_two(out, magnitude % 60);
  return out;
}

[[nodiscard]] std::string float_text(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value < 0 ? "-inf" : "inf";
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  std::string out(buffer.data(), result.ptr);
  if (out.find_first_of(".eEn") == std::string::npos)
    out += ".0";
  return out;
}

// "at the top level", "in [[packages]]".
[[nodiscard]] std::string in_where(std::string_view where) {
  return (where == "the top level" ? "at " : "in ") + std::string(where);
}

}  // namespace

const char* type_name(const toml::node& node) {
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

Place Reader::place(const toml::source_region& region) const {
  Place out{region.begin.line, region.begin.column, 1};
  if (out.line == 0) {
    out.line = 1;
    out.column = 1;
    out.width = 0;
    return out;
  }
  if (region.end.line == region.begin.line && region.end.column > region.begin.column) {
    out.width = region.end.column - region.begin.column;
  } else {
    // A value over several lines: underline the rest of its first line.
    const std::size_t width = code_points(m_source.raw_line(out.line));
    out.width = width >= out.column ? width - out.column + 1 : 1;
  }
  return out;
}

SourcePosition Reader::position(const toml::node& node) const {
  return SourcePosition{node.source().begin.line, node.source().begin.column};
}

void Reader::fail(const Place& at, std::string message, std::string_view hint,
                  std::string_view cause) const {
  Error error(ErrorKind::invalid_input, std::move(message));
  error.at(m_source.location(at));
  if (!cause.empty())
    error.caused_by(std::string(cause));
  if (!hint.empty())
    error.hint(std::string(hint));
  throw error;
}

void Reader::warn(const Place& at, std::string message) {
  m_warnings.push_back(Warning{std::move(message), m_source.location(at)});
}

std::vector<Reader::Entry> Reader::entries(const toml::table& table, std::string_view where,
                                           const std::vector<std::string_view>& valid) {
  std::vector<Entry> all;
  for (auto&& [key, node] : table)
    all.push_back(Entry{key.str(), &key, &node});
  std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
    const auto& left = a.key_node->source().begin;
    const auto& right = b.key_node->source().begin;
    return left.line != right.line ? left.line < right.line : left.column < right.column;
  });
  std::vector<Entry> out;
  for (const Entry& entry : all) {
    if (std::find(valid.begin(), valid.end(), entry.key) != valid.end()) {
      out.push_back(entry);
      continue;
    }
    const Place at = place(entry.key_node->source());
    std::string message = "unknown key " + shown(entry.key) + " " + in_where(where);
    if (!m_strict_keys) {
      warn(at, message + " (ignored)");
      continue;
    }
    const auto suggestion = closest_match(entry.key, valid);
    fail(at, std::move(message),
         suggestion ? "did you mean `" + std::string(*suggestion) + "`?"
                    : "valid keys " + in_where(where) + ": " + joined(valid) +
                          "; tools keep their own data under [tool.<name>]");
  }
  return out;
}

const toml::node& Reader::required(const toml::table& table, std::string_view key,
                                   std::string_view where, std::string_view hint) const {
  if (const toml::node* node = table.get(key))
    return *node;
  // The document itself has no header to point at.
  const Place at = &table == m_root ? Place{1, 1, 0} : place(table.source());
  fail(at, "missing `" + std::string(key) + "` " + in_where(where), hint);
}

const toml::table& Reader::table(const toml::node& node, std::string_view path,
                                 std::string_view example) const {
  if (const toml::table* result = node.as_table())
    return *result;
  fail(place(node), "`" + std::string(path) + "` must be a table, not " + type_name(node),
       "for example: " + std::string(example));
}

std::vector<const toml::table*> Reader::tables(const toml::node& node, std::string_view path,
                                               std::string_view example) const {
  const toml::array* array = node.as_array();
  if (array == nullptr)
    fail(place(node),
         "`" + std::string(path) + "` must be an array of tables, not " + type_name(node),
         "for example: " + std::string(example));
  std::vector<const toml::table*> out;
  for (const toml::node& element : *array) {
    const toml::table* table = element.as_table();
    if (table == nullptr)
      fail(place(element),
           "`" + std::string(path) + "` must be an array of tables, but element " +
               std::to_string(out.size() + 1) + " is " + type_name(element),
           "for example: " + std::string(example));
    out.push_back(table);
  }
  return out;
}

std::string Reader::string(const toml::node& node, std::string_view path,
                           std::string_view example) const {
  const toml::value<std::string>* value = node.as_string();
  if (value == nullptr)
    fail(place(node), "`" + std::string(path) + "` must be a string, not " + type_name(node),
         "for example: " + std::string(example));
  return value->get();
}

std::vector<std::string> Reader::strings(const toml::node& node, std::string_view path,
                                         std::string_view example) const {
  const toml::array* array = node.as_array();
  if (array == nullptr)
    fail(place(node),
         "`" + std::string(path) + "` must be an array of strings, not " + type_name(node),
         "for example: " + std::string(example));
  std::vector<std::string> out;
  for (const toml::node& element : *array) {
    if (!element.is_string())
      fail(place(element),
           "`" + std::string(path) + "` must be an array of strings, but element " +
               std::to_string(out.size() + 1) + " is " + type_name(element),
           "for example: " + std::string(example));
    out.push_back(element.as_string()->get());
  }
  return out;
}

bool Reader::boolean(const toml::node& node, std::string_view path,
                     std::string_view example) const {
  const toml::value<bool>* value = node.as_boolean();
  if (value == nullptr)
    fail(place(node), "`" + std::string(path) + "` must be a boolean, not " + type_name(node),
         "for example: " + std::string(example));
  return value->get();
}

std::uint64_t Reader::size(const toml::node& node, std::string_view path) const {
  const toml::value<std::int64_t>* value = node.as_integer();
  if (value == nullptr)
    fail(place(node), "`" + std::string(path) + "` must be an integer, not " + type_name(node),
         "the size of the file in bytes, for example: size = 63152");
  if (value->get() < 0)
    fail(place(node), "`" + std::string(path) + "` must not be negative",
         "the size of the file in bytes, for example: size = 63152");
  return static_cast<std::uint64_t>(value->get());
}

std::string Reader::url(const toml::node& node, std::string_view path) const {
  std::string text = string(node, path,
                            std::string(path.substr(path.rfind('.') + 1)) +
                                " = \"https://files.example.org/a-1.0.tar.gz\"");
  if (const auto problem = url_problem(text)) {
    if (userinfo(text))
      fail(place(node), "`" + std::string(path) + "` contains credentials",
           "lock files are shared and must not hold secrets: remove the user:password@ part "
           "and give the credentials in ~/.netrc");
    fail(place(node), "invalid URL in `" + std::string(path) + "`: " + shown(text),
         "write an absolute URL such as \"https://pypi.org/simple\"", *problem);
  }
  return text;
}

std::string Reader::subdirectory(const toml::node& node, std::string_view path) const {
  std::string text = string(node, path, "subdirectory = \"src/project\"");
  const bool absolute =
      text.starts_with('/') || text.starts_with('\\') || (text.size() >= 2 && text[1] == ':');
  bool escapes = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("/\\", start);
    if (end == std::string::npos)
      end = text.size();
    if (std::string_view(text).substr(start, end - start) == "..")
      escapes = true;
    start = end + 1;
  }
  if (absolute || escapes || text.empty())
    fail(place(node),
         "`" + std::string(path) +
             "` must be a relative path inside the source tree: " + shown(text),
         "write the path of the project inside the source tree, such as \"src/project\"");
  return text;
}

UploadTime Reader::upload_time(const toml::node& node, std::string_view path) const {
  constexpr std::string_view k_hint =
      "write a date-time in UTC, such as upload-time = 2025-01-25T11:30:10.164985Z";
  const toml::value<toml::date_time>* value = node.as_date_time();
  if (value == nullptr)
    fail(place(node), "`" + std::string(path) + "` must be a date-time, not " + type_name(node),
         k_hint);
  const toml::date_time& when = value->get();
  if (!when.offset)
    fail(place(node), "`" + std::string(path) + "` has no time zone", k_hint,
         "the specification records upload times in UTC");
  if (when.offset->minutes != 0)
    fail(place(node), "`" + std::string(path) + "` is not in UTC", k_hint,
         "the specification records upload times in UTC");
  UploadTime out;
  out.year = when.date.year;
  out.month = when.date.month;
  out.day = when.date.day;
  out.hour = when.time.hour;
  out.minute = when.time.minute;
  out.second = when.time.second;
  out.nanosecond = when.time.nanosecond;
  if (const std::string problem = out.problem(); !problem.empty())
    fail(place(node), "invalid `" + std::string(path) + "`", k_hint, problem);
  return out;
}

TomlValue Reader::value(const toml::node& node, std::string_view path) const {
  return value_at(node, path, 0);
}

TomlValue Reader::value_at(const toml::node& node, std::string_view path, std::size_t depth) const {
  TomlValue out;
  switch (node.type()) {
    case toml::node_type::string:
      return TomlValue::make_string(node.as_string()->get());
    case toml::node_type::integer:
      return TomlValue::make_integer(node.as_integer()->get());
    case toml::node_type::boolean:
      return TomlValue::make_boolean(node.as_boolean()->get());
    case toml::node_type::floating_point:
      out.type = TomlValue::Type::floating;
      out.text = float_text(node.as_floating_point()->get());
      return out;
    case toml::node_type::date:
      out.type = TomlValue::Type::local_date;
      out.text = date_text(node.as_date()->get());
      return out;
    case toml::node_type::time:
      out.type = TomlValue::Type::local_time;
      out.text = time_text(node.as_time()->get());
      return out;
    case toml::node_type::date_time: {
      const toml::date_time& when = node.as_date_time()->get();
      out.type = when.offset ? TomlValue::Type::offset_date_time : TomlValue::Type::local_date_time;
      out.text = date_text(when.date) + "T" + time_text(when.time) +
                 (when.offset ? offset_text(*when.offset) : "");
      return out;
    }
    case toml::node_type::array:
    case toml::node_type::table:
    case toml::node_type::none:
      break;
  }
  if (depth >= k_max_toml_depth)
    fail(place(node),
         "`" + std::string(path) + "` is nested too deeply (more than " +
             std::to_string(k_max_toml_depth) + " levels of arrays and tables)",
         "tool tables hold plain data a few levels deep");
  if (const toml::array* array = node.as_array()) {
    out = TomlValue::make_array();
    for (const toml::node& element : *array)
      out.items.push_back(value_at(element, path, depth + 1));
    return out;
  }
  out = TomlValue::make_table();
  if (const toml::table* table = node.as_table()) {
    // toml++ iterates a table in key order, which is the order TomlValue keeps.
    for (auto&& [key, element] : *table) {
      out.keys.emplace_back(key.str());
      out.items.push_back(value_at(element, path, depth + 1));
    }
  }
  return out;
}

TomlValue Reader::tool_tables(const toml::node& node, std::string_view path) const {
  const toml::table& tools = table(node, path, "[" + std::string(path) + ".<tool name>]");
  TomlValue out = TomlValue::make_table();
  for (auto&& [key, element] : tools) {
    const std::string name(key.str());
    const std::string inner = std::string(path) + "." + name;
    if (!element.is_table())
      fail(place(element), "`" + inner + "` must be a table, not " + type_name(element),
           "each tool keeps its data in a table of its own, such as [" + std::string(path) +
               ".my-tool]");
    out.set(name, value(element, inner));
  }
  return out;
}

void Reader::fail_inside(const toml::node& node, const std::string& text, std::string_view message,
                         const util::ParseError& error, std::string_view hint) const {
  const Place at = m_source.inside_string(place(node), text, error.offset, error.length);
  fail(at, std::string(message) + ": " + shown(text), hint, error.message);
}

}  // namespace gator::lock::detail

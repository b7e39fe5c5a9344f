#include "metadata/entry_points.hpp"

#include <algorithm>
#include <optional>

#include "metadata/text_lines.hpp"
#include "pep508/name.hpp"
#include "util/strings.hpp"

namespace gator::metadata {
namespace {

using util::ParseError;

struct PlacedEntry {
  EntryPoint entry;
  std::size_t name_offset = 0;
  std::size_t value_offset = 0;
};

struct PlacedGroup {
  std::string name;
  std::vector<PlacedEntry> entries;
};

[[nodiscard]] std::size_t indentation(std::string_view line) {
  std::size_t count = 0;
  while (count < line.size() && util::is_ascii_space(line[count]))
    ++count;
  return count;
}

// Offset of `part` (a view into `line`) within the whole text.
[[nodiscard]] std::size_t offset_in(const detail::Line& line, std::string_view part) {
  return line.offset + static_cast<std::size_t>(part.data() - line.text.data());
}

[[nodiscard]] std::expected<std::vector<PlacedGroup>, ParseError> read_groups(
    std::string_view text) {
  std::vector<PlacedGroup> groups;
  // The indentation of the last entry line, for spotting configparser continuation lines.
  std::optional<std::size_t> entry_indent;
  detail::LineReader reader(text);
  detail::Line line;
  while (reader.next(line)) {
    const std::string_view stripped = util::trim_ascii(line.text);
    if (stripped.empty() || stripped.front() == '#' || stripped.front() == ';')
      continue;
    const std::size_t indent = indentation(line.text);
    if (entry_indent && indent > *entry_indent) {
      return std::unexpected(ParseError::at(
          text, offset_in(line, stripped), stripped.size(),
          "indented line would continue the value above over several lines; an object "
          "reference must fit on one line"));
    }
    if (stripped.front() == '[') {
      if (stripped.back() != ']' ||
          util::trim_ascii(stripped.substr(1, stripped.size() - 2)).empty()) {
        return std::unexpected(ParseError::at(text, offset_in(line, stripped), stripped.size(),
                                              "expected a group header `[group.name]`"));
      }
      const std::string name(util::trim_ascii(stripped.substr(1, stripped.size() - 2)));
      for (const PlacedGroup& group : groups) {
        if (group.name == name) {
          return std::unexpected(ParseError::at(text, offset_in(line, stripped), stripped.size(),
                                                "group [" + name + "] appears twice"));
        }
      }
      groups.push_back(PlacedGroup{name, {}});
      entry_indent.reset();
      continue;
    }
    if (groups.empty()) {
      return std::unexpected(ParseError::at(text, offset_in(line, stripped), stripped.size(),
                                            "entry point before the first `[group]` header"));
    }
    const std::size_t equals = stripped.find('=');
    if (equals == std::string_view::npos) {
      return std::unexpected(ParseError::at(text, offset_in(line, stripped), stripped.size(),
                                            "expected `name = object.reference`"));
    }
    const std::string_view name = util::trim_ascii(stripped.substr(0, equals));
    const std::string_view value = util::trim_ascii(stripped.substr(equals + 1));
    if (name.empty()) {
      return std::unexpected(ParseError::at(text, offset_in(line, stripped), 1,
                                            "entry point without a name before '='"));
    }
    PlacedGroup& group = groups.back();
    for (const PlacedEntry& existing : group.entries) {
      if (existing.entry.name == name) {
        return std::unexpected(ParseError::at(
            text, offset_in(line, name), name.size(),
            "entry point `" + std::string(name) + "` appears twice in [" + group.name + "]"));
      }
    }
    PlacedEntry entry;
    entry.entry = EntryPoint{std::string(name), std::string(value)};
    entry.name_offset = offset_in(line, name);
    // An empty value sits right after the '='.
    entry.value_offset =
        value.empty() ? offset_in(line, stripped) + equals + 1 : offset_in(line, value);
    group.entries.push_back(std::move(entry));
    entry_indent = indent;
  }
  return groups;
}

// A Python identifier, approximately: ASCII letters, digits and '_', plus any non-ASCII byte
// (Unicode identifiers are left to Python to judge); not starting with a digit.
[[nodiscard]] bool is_identifier_char(char c) {
  return util::is_ascii_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Scans dotted identifiers from `pos`; on success `pos` is after them.
[[nodiscard]] std::expected<std::string, ParseError> read_dotted(std::string_view text,
                                                                 std::size_t& pos,
                                                                 std::string_view what) {
  const std::size_t start = pos;
  while (pos < text.size() && (is_identifier_char(text[pos]) || text[pos] == '.'))
    ++pos;
  const std::string_view dotted = text.substr(start, pos - start);
  if (dotted.empty()) {
    return std::unexpected(ParseError::at(text, start, 1, "expected a " + std::string(what)));
  }
  std::size_t part_start = 0;
  for (const std::string_view part : util::split(dotted, '.')) {
    if (part.empty() || util::is_ascii_digit(part.front())) {
      return std::unexpected(
          ParseError::at(text, start + part_start, std::max<std::size_t>(part.size(), 1),
                         "invalid " + std::string(what) + " `" + std::string(dotted) +
                             "`: each dotted part must be a Python identifier"));
    }
    part_start += part.size() + 1;
  }
  return std::string(dotted);
}

void skip_blanks(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && util::is_ascii_space(text[pos]))
    ++pos;
}

// The group's index in a file's script groups, or nullopt for other groups.
[[nodiscard]] std::optional<ScriptKind> script_kind(std::string_view group) {
  if (group == "console_scripts")
    return ScriptKind::console;
  if (group == "gui_scripts")
    return ScriptKind::gui;
  return std::nullopt;
}

[[nodiscard]] bool is_usable_file_name(std::string_view name) {
  if (name == "." || name == "..")
    return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

}  // namespace

const EntryPointGroup* EntryPoints::find(std::string_view group) const {
  for (const EntryPointGroup& candidate : groups) {
    if (candidate.name == group)
      return &candidate;
  }
  return nullptr;
}

std::expected<EntryPoints, ParseError> parse_entry_points(std::string_view text) {
  auto placed = read_groups(text);
  if (!placed)
    return std::unexpected(std::move(placed.error()));
  EntryPoints out;
  for (PlacedGroup& group : *placed) {
    EntryPointGroup plain{std::move(group.name), {}};
    for (PlacedEntry& entry : group.entries)
      plain.entries.push_back(std::move(entry.entry));
    out.groups.push_back(std::move(plain));
  }
  return out;
}

std::string write_entry_points(const EntryPoints& entry_points) {
  std::string out;
  for (const EntryPointGroup& group : entry_points.groups) {
    if (!out.empty())
      out += '\n';
    out += '[';
    out += group.name;
    out += "]\n";
    for (const EntryPoint& entry : group.entries) {
      out += entry.name;
      out += " = ";
      out += entry.value;
      out += '\n';
    }
  }
  return out;
}

std::expected<ObjectReference, ParseError> parse_object_reference(std::string_view text) {
  ObjectReference reference;
  std::size_t pos = 0;
  skip_blanks(text, pos);
  auto module = read_dotted(text, pos, "module name");
  if (!module)
    return std::unexpected(std::move(module.error()));
  reference.module = std::move(*module);
  skip_blanks(text, pos);
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    skip_blanks(text, pos);
    auto attribute = read_dotted(text, pos, "object name after ':'");
    if (!attribute)
      return std::unexpected(std::move(attribute.error()));
    reference.attribute = std::move(*attribute);
    skip_blanks(text, pos);
  }
  if (pos < text.size() && text[pos] == '[') {
    const std::size_t open = pos;
    const std::size_t close = text.find(']', open);
    if (close == std::string_view::npos) {
      return std::unexpected(ParseError::at(text, open, text.size() - open,
                                            "extras list is not closed (missing ']')"));
    }
    std::size_t item_start = open + 1;
    for (const std::string_view item : util::split(text.substr(open + 1, close - open - 1), ',')) {
      const std::string_view extra = util::trim_ascii(item);
      if (!extra.empty()) {
        if (!pep508::is_valid_name(extra)) {
          return std::unexpected(ParseError::at(text, item_start, item.size(),
                                                "invalid extra name `" + std::string(extra) + "`"));
        }
        reference.extras.emplace_back(extra);
      }
      item_start += item.size() + 1;
    }
    pos = close + 1;
    skip_blanks(text, pos);
  }
  if (pos < text.size()) {
    return std::unexpected(ParseError::at(
        text, pos, text.size() - pos,
        "unexpected text in object reference (expected `module.path:object.attr [extras]`)"));
  }
  return reference;
}

const char* to_string(ScriptKind kind) {
  return kind == ScriptKind::gui ? "gui" : "console";
}

std::expected<std::vector<Script>, ParseError> parse_scripts(std::string_view text) {
  auto placed = read_groups(text);
  if (!placed)
    return std::unexpected(std::move(placed.error()));
  std::vector<Script> scripts;
  for (const PlacedGroup& group : *placed) {
    const auto kind = script_kind(group.name);
    if (!kind)
      continue;
    for (const PlacedEntry& placed_entry : group.entries) {
      const EntryPoint& entry = placed_entry.entry;
      if (!is_usable_file_name(entry.name)) {
        return std::unexpected(ParseError::at(
            text, placed_entry.name_offset, entry.name.size(),
            "script name `" + entry.name +
                "` cannot be a file name (no '/', '\\', control characters, '.' or '..')"));
      }
      for (const Script& earlier : scripts) {
        if (earlier.name == entry.name) {
          return std::unexpected(
              ParseError::at(text, placed_entry.name_offset, entry.name.size(),
                             "script `" + entry.name +
                                 "` is defined in both [console_scripts] and [gui_scripts]"));
        }
      }
      auto reference = parse_object_reference(entry.value);
      if (!reference) {
        const util::ParseError& inner = reference.error();
        return std::unexpected(ParseError::at(
            text, placed_entry.value_offset + inner.offset, std::max<std::size_t>(inner.length, 1),
            "[" + group.name + "] " + entry.name + ": " + inner.message));
      }
      if (reference->attribute.empty()) {
        return std::unexpected(ParseError::at(
            text, placed_entry.value_offset, std::max<std::size_t>(entry.value.size(), 1),
            "[" + group.name + "] " + entry.name +
                ": a script must name a function, as `module:function`"));
      }
      scripts.push_back(
          Script{entry.name, std::move(reference->module), std::move(reference->attribute), *kind});
    }
  }
  return scripts;
}

}  // namespace gator::metadata

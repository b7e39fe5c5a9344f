#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

// entry_points.txt (entry points specification): an INI file read like Python's configparser
// with '=' as the only delimiter and case-sensitive names. Each [section] is a group; each
// `name = value` line an entry point whose value is an object reference
// `module.path:object.attr [extra1, extra2]`.
namespace gator::metadata {

struct EntryPoint {
  std::string name;   // trimmed; never contains '='
  std::string value;  // trimmed, as written; see parse_object_reference

  friend bool operator==(const EntryPoint&, const EntryPoint&) = default;
};

struct EntryPointGroup {
  std::string name;
  std::vector<EntryPoint> entries;  // file order

  friend bool operator==(const EntryPointGroup&, const EntryPointGroup&) = default;
};

struct EntryPoints {
  std::vector<EntryPointGroup> groups;  // file order

  [[nodiscard]] const EntryPointGroup* find(std::string_view group) const;
  friend bool operator==(const EntryPoints&, const EntryPoints&) = default;
};

struct ObjectReference {
  std::string module;     // dotted Python identifiers
  std::string attribute;  // dotted identifiers after ':'; empty when the reference is a module
  std::vector<std::string> extras;  // deprecated by the spec, still accepted

  friend bool operator==(const ObjectReference&, const ObjectReference&) = default;
};

// Comments are whole lines starting with '#' or ';'. Rejected: entries before the first
// section, lines without '=', empty names, repeated groups or names within a group (as
// configparser does), and indented lines that would continue a value over several lines.
// Errors carry the whole text and an absolute offset (see source_location).
[[nodiscard]] std::expected<EntryPoints, util::ParseError> parse_entry_points(
    std::string_view text);

// "[group]\nname = value\n" per group, groups separated by an empty line, in the given order.
[[nodiscard]] std::string write_entry_points(const EntryPoints& entry_points);

[[nodiscard]] std::expected<ObjectReference, util::ParseError> parse_object_reference(
    std::string_view text);

enum class ScriptKind { console, gui };

[[nodiscard]] const char* to_string(ScriptKind kind);

// A command the installer writes into the environment's bin directory.
struct Script {
  std::string name;
  std::string module;
  std::string attribute;
  ScriptKind kind = ScriptKind::console;

  friend bool operator==(const Script&, const Script&) = default;
};

// The [console_scripts] and [gui_scripts] entries of an entry_points.txt in file order (as
// pypa/installer lists them), validated: each value
// must be `module:function` (the attribute is required) and each name must be usable as a file
// name (no '/', '\', NUL or control characters, not "." or ".."), and unique across both groups.
// Errors point into `text`.
[[nodiscard]] std::expected<std::vector<Script>, util::ParseError> parse_scripts(
    std::string_view text);

}  // namespace gator::metadata

#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

// pyvenv.cfg, read the way CPython's site.py and getpath read it: every line holding '=' is
// `key = value`, the key trimmed and lower-cased, the value trimmed; other lines are ignored.
namespace gator::venv {

struct PyvenvEntry {
  std::string key;
  std::string value;

  friend bool operator==(const PyvenvEntry&, const PyvenvEntry&) = default;
};

struct PyvenvCfg {
  std::vector<PyvenvEntry> entries;  // in file order

  // The value of the last entry with `key` (later lines win in site.py), or nullptr.
  [[nodiscard]] const std::string* find(std::string_view key) const;
  // Replaces the value of every entry with `key`, or appends one.
  void set(std::string_view key, std::string value);

  friend bool operator==(const PyvenvCfg&, const PyvenvCfg&) = default;
};

// Fails on a NUL byte (not a text file) and on a line whose key is empty ("= value").
[[nodiscard]] std::expected<PyvenvCfg, util::ParseError> parse_pyvenv_cfg(std::string_view text);

// "key = value\n" per entry. Keys must be non-empty, trimmed, lower-case and free of '=' and
// line breaks, values trimmed and free of line breaks (what parse_pyvenv_cfg returns).
[[nodiscard]] std::string render_pyvenv_cfg(const PyvenvCfg& config);

}  // namespace gator::venv

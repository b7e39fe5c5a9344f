#pragma once

#include <string>
#include <string_view>

#include "lock/toml_value.hpp"

// Internal: how the writer spells TOML, also used to quote values in error messages.
namespace gator::lock::detail {

// A string value: "basic" with escapes, or 'literal' when the text has a double quote, no
// single quote and no control characters (markers read better that way).
[[nodiscard]] std::string toml_string(std::string_view text);

// A key: bare when it is only A-Z a-z 0-9 - _, otherwise a quoted string.
[[nodiscard]] std::string toml_key(std::string_view key);

// A value on one line: arrays as [a, b], tables as { key = value, ... } (keys sorted).
[[nodiscard]] std::string toml_inline(const TomlValue& value);

}  // namespace gator::lock::detail

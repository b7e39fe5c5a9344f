#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// A TOML value kept as plain data, for the parts of a lock file whose content PEP 751 leaves
// open: [tool] tables, the identifying keys of packages.dependencies, attestation identities.
// toml++ stays private to the module; this is what the public model holds instead.
namespace gator::lock {

// Values nested deeper than this are refused by the reader (and never built by the writer), so
// that copying, comparing and destroying a TomlValue cannot exhaust the stack.
inline constexpr std::size_t k_max_toml_depth = 32;

struct TomlValue {
  enum class Type : std::uint8_t {
    string,
    integer,
    floating,
    boolean,
    offset_date_time,
    local_date_time,
    local_date,
    local_time,
    array,
    table,
  };

  Type type = Type::table;
  // The string; for floats, dates and times their TOML spelling (as the writer prints it).
  std::string text;
  // The integer; 1 or 0 for a boolean.
  std::int64_t integer = 0;
  // Array elements, or table values parallel to `keys`.
  std::vector<TomlValue> items;
  // Table keys, sorted (byte order) and distinct.
  std::vector<std::string> keys;

  [[nodiscard]] static TomlValue make_string(std::string value);
  [[nodiscard]] static TomlValue make_integer(std::int64_t value);
  [[nodiscard]] static TomlValue make_boolean(bool value);
  [[nodiscard]] static TomlValue make_array(std::vector<TomlValue> elements = {});
  [[nodiscard]] static TomlValue make_table();

  [[nodiscard]] bool is_table() const { return type == Type::table; }
  [[nodiscard]] bool empty() const { return items.empty(); }
  // The value under `key` of a table; nullptr when absent or not a table.
  [[nodiscard]] const TomlValue* find(std::string_view key) const;
  // Sets `key` of a table, keeping the keys sorted.
  void set(std::string key, TomlValue value);
  // Removes `key` from a table; false when it was not there.
  bool erase(std::string_view key);
  // Levels of arrays and tables (a scalar is 0, `{a = [1]}` is 2).
  [[nodiscard]] std::size_t depth() const;

  friend bool operator==(const TomlValue&, const TomlValue&) = default;
};

}  // namespace gator::lock

#include "lock/toml_value.hpp"

#include <algorithm>
#include <utility>

namespace gator::lock {

TomlValue TomlValue::make_string(std::string value) {
  TomlValue out;
  out.type = Type::string;
  out.text = std::move(value);
  return out;
}

TomlValue TomlValue::make_integer(std::int64_t value) {
  TomlValue out;
  out.type = Type::integer;
  out.integer = value;
  return out;
}

TomlValue TomlValue::make_boolean(bool value) {
  TomlValue out;
  out.type = Type::boolean;
  out.integer = value ? 1 : 0;
  return out;
}

TomlValue TomlValue::make_array(std::vector<TomlValue> elements) {
  TomlValue out;
  out.type = Type::array;
  out.items = std::move(elements);
  return out;
}

TomlValue TomlValue::make_table() {
  return TomlValue{};
}

const TomlValue* TomlValue::find(std::string_view key) const {
  if (type != Type::table)
    return nullptr;
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it == keys.end() || *it != key)
    return nullptr;
  return &items[static_cast<std::size_t>(it - keys.begin())];
}

void TomlValue::set(std::string key, TomlValue value) {
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  const auto index = it - keys.begin();
  if (it != keys.end() && *it == key) {
    items[static_cast<std::size_t>(index)] = std::move(value);
    return;
  }
  keys.insert(it, std::move(key));
  items.insert(items.begin() + index, std::move(value));
}

bool TomlValue::erase(std::string_view key) {
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it == keys.end() || *it != key)
    return false;
  const auto index = it - keys.begin();
  keys.erase(it);
  items.erase(items.begin() + index);
  return true;
}

std::size_t TomlValue::depth() const {
  // Iterative, so that a value built deeper than the reader allows cannot overflow the stack.
  std::size_t deepest = 0;
  std::vector<std::pair<const TomlValue*, std::size_t>> pending{{this, 0}};
  while (!pending.empty()) {
    const auto [value, level] = pending.back();
    pending.pop_back();
    if (value->type != Type::array && value->type != Type::table)
      continue;
    deepest = std::max(deepest, level + 1);
    for (const TomlValue& item : value->items)
      pending.emplace_back(&item, level + 1);
  }
  return deepest;
}

}  // namespace gator::lock

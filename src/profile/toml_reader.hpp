#pragma once

// Internal to the profile module: the only header that includes toml++, included only by the
// module's .cpp files (toml++ is a private dependency and stays out of the public headers).

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "profile/layer.hpp"
#include "profile/source_text.hpp"

namespace gator::profile::detail {

// Typed access to a parsed document, turning every wrong type or unknown key into a
// compiler-style error at the offending key or value.
class TomlReader {
 public:
  explicit TomlReader(const SourceText& source) : m_source(source) {}

  [[nodiscard]] const SourceText& source() const { return m_source; }
  [[nodiscard]] Origin origin(const toml::source_region& region) const;

  // Throws gator::Error(invalid_input) at `at`, with an optional cause and hint.
  [[noreturn]] void fail(const Origin& at, std::string message, std::string_view hint = {},
                         std::string_view cause = {}) const;

  struct Entry {
    const toml::key* key;
    const toml::node* node;
  };
  // The entries of `table` in source order. A key outside `valid` is an error, with a "did you
  // mean" hint; `where` names the table in the message ("[hardware]", "" for the top level).
  [[nodiscard]] std::vector<Entry> entries(const toml::table& table, std::string_view where,
                                           std::span<const std::string_view> valid) const;

  // Values of the expected type; `path` names the key in messages ("hardware.vendor") and
  // `example` is shown in the hint ("vendor = \"amd\"").
  [[nodiscard]] const toml::table& table(const toml::node& node, std::string_view path) const;
  [[nodiscard]] Sourced<std::string> string(const toml::node& node, std::string_view path,
                                            std::string_view example) const;
  [[nodiscard]] Sourced<bool> boolean(const toml::node& node, std::string_view path,
                                      std::string_view example) const;
  [[nodiscard]] Sourced<std::int64_t> integer(const toml::node& node, std::string_view path,
                                              std::string_view example) const;
  [[nodiscard]] SourcedList<std::string> strings(const toml::node& node, std::string_view path,
                                                 std::string_view example) const;

  // A value checked by a pure validator: the error's span is mapped into the string token.
  template <typename T>
  [[nodiscard]] T checked(const Sourced<std::string>& value, std::string_view message,
                          const std::expected<T, util::ParseError>& result,
                          std::string_view hint) const {
    if (!result)
      fail_inside(value, message, result.error(), hint);
    if constexpr (!std::is_void_v<T>)
      return *result;
  }

  [[noreturn]] void fail_inside(const Sourced<std::string>& value, std::string_view message,
                                const util::ParseError& error, std::string_view hint) const;

 private:
  const SourceText& m_source;
};

// The [profile] ... [smoke] tables of one file (sections.cpp).
void read_profile_table(const TomlReader& reader, const toml::table& table, Layer& layer);
void read_hardware_table(const TomlReader& reader, const toml::table& table, Layer& layer);
void read_python_table(const TomlReader& reader, const toml::table& table, Layer& layer);
void read_target_table(const TomlReader& reader, const toml::table& table, Layer& layer);
void read_environment_table(const TomlReader& reader, const toml::table& table, Layer& layer);
void read_index_array(const TomlReader& reader, const toml::node& node, Layer& layer);
void read_requirements_table(const TomlReader& reader, const toml::table& table, Layer& layer);
void read_venv_table(const TomlReader& reader, const toml::table& table, Layer& layer);
void read_smoke_table(const TomlReader& reader, const toml::table& table, Layer& layer);

}  // namespace gator::profile::detail

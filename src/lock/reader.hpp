#pragma once

// Internal to the lock module: the only header that includes toml++ (a private dependency that
// stays out of the public headers), included only by the reader's .cpp files.

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "lock/lockfile.hpp"
#include "lock/read.hpp"
#include "lock/source_text.hpp"

namespace gator::lock::detail {

// Typed access to a parsed document. Every problem becomes an Error(invalid_input) at the
// offending key or value, thrown and caught again by parse_lockfile (nothing escapes it).
class Reader {
 public:
  Reader(const SourceText& source, std::vector<Warning>& warnings)
      : m_source(source), m_warnings(warnings) {}

  // Unknown keys: errors in a "1.0" file, warnings in a newer minor version.
  void set_strict_keys(bool strict) { m_strict_keys = strict; }
  // The document's root table (missing top-level keys are reported without a line).
  void set_root(const toml::table& root) { m_root = &root; }

  [[nodiscard]] const SourceText& source() const { return m_source; }
  [[nodiscard]] Place place(const toml::source_region& region) const;
  [[nodiscard]] Place place(const toml::node& node) const { return place(node.source()); }
  [[nodiscard]] SourcePosition position(const toml::node& node) const;

  [[noreturn]] void fail(const Place& at, std::string message, std::string_view hint = {},
                         std::string_view cause = {}) const;
  void warn(const Place& at, std::string message);

  struct Entry {
    std::string_view key;
    const toml::key* key_node = nullptr;
    const toml::node* node = nullptr;
  };
  // The entries of `table` in source order. A key outside `valid` is an error (with a "did you
  // mean" hint) or, with lenient keys, a warning and left out. `where` names the table in
  // messages: "[[packages]]", "the top level".
  [[nodiscard]] std::vector<Entry> entries(const toml::table& table, std::string_view where,
                                           const std::vector<std::string_view>& valid);
  // Fails with "missing `key` in <where>" at the table when `key` is absent.
  [[nodiscard]] const toml::node& required(const toml::table& table, std::string_view key,
                                           std::string_view where, std::string_view hint) const;

  // Values of one type; `path` names the key in messages ("packages.wheels.size"), `example`
  // is shown in the hint.
  [[nodiscard]] const toml::table& table(const toml::node& node, std::string_view path,
                                         std::string_view example) const;
  [[nodiscard]] std::vector<const toml::table*> tables(const toml::node& node,
                                                       std::string_view path,
                                                       std::string_view example) const;
  [[nodiscard]] std::string string(const toml::node& node, std::string_view path,
                                   std::string_view example) const;
  [[nodiscard]] std::vector<std::string> strings(const toml::node& node, std::string_view path,
                                                 std::string_view example) const;
  [[nodiscard]] bool boolean(const toml::node& node, std::string_view path,
                             std::string_view example) const;
  [[nodiscard]] std::uint64_t size(const toml::node& node, std::string_view path) const;
  // A URL without credentials (see url.hpp).
  [[nodiscard]] std::string url(const toml::node& node, std::string_view path) const;
  // A relative path inside a source tree (no leading '/', no drive, no "..").
  [[nodiscard]] std::string subdirectory(const toml::node& node, std::string_view path) const;
  [[nodiscard]] UploadTime upload_time(const toml::node& node, std::string_view path) const;
  // Any value, as data; nesting deeper than k_max_toml_depth is an error.
  [[nodiscard]] TomlValue value(const toml::node& node, std::string_view path) const;
  // A table whose values are tables ([tool], [packages.tool]).
  [[nodiscard]] TomlValue tool_tables(const toml::node& node, std::string_view path) const;

  // A string checked by a pure parser: the error's span is mapped into the string token.
  template <typename T>
  [[nodiscard]] T checked(const toml::node& node, const std::string& text, std::string_view message,
                          const std::expected<T, util::ParseError>& result,
                          std::string_view hint) const {
    if (!result)
      fail_inside(node, text, message, result.error(), hint);
    return *result;
  }
  [[noreturn]] void fail_inside(const toml::node& node, const std::string& text,
                                std::string_view message, const util::ParseError& error,
                                std::string_view hint) const;

 private:
  [[nodiscard]] TomlValue value_at(const toml::node& node, std::string_view path,
                                   std::size_t depth) const;

  const SourceText& m_source;
  std::vector<Warning>& m_warnings;
  bool m_strict_keys = true;
  const toml::table* m_root = nullptr;
};

// The name of a TOML type for messages: "a string", "an array of tables", ...
[[nodiscard]] const char* type_name(const toml::node& node);

// The package entries of one document, with their tables (for the cross-entry checks).
struct ReadPackage {
  Package package;
  const toml::table* table = nullptr;
};

// [[packages]] entries (read_package.cpp).
[[nodiscard]] ReadPackage read_package(Reader& reader, const toml::table& table);
// The duplicate and dependency checks over all entries (check_packages.cpp).
void check_packages(const Reader& reader, const std::vector<ReadPackage>& packages);
// [tool] with its gator-provision table (read_tool.cpp).
void read_tool(Reader& reader, const toml::node& node, Lockfile& lockfile);
// The hashes table of a wheel, sdist or archive (read_package.cpp).
[[nodiscard]] Hashes read_hashes(Reader& reader, const toml::node& node, std::string_view path);

}  // namespace gator::lock::detail

#pragma once

#include <compare>
#include <cstddef>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

namespace gator::tags {

// One PEP 425 tag triple. All three parts are lower-cased (ASCII) at construction, as packaging
// does, so that "PY3-None-ANY" and "py3-none-any" are the same tag everywhere.
class Tag {
 public:
  Tag(std::string_view interpreter, std::string_view abi, std::string_view platform);

  [[nodiscard]] const std::string& interpreter() const { return m_interpreter; }
  [[nodiscard]] const std::string& abi() const { return m_abi; }
  [[nodiscard]] const std::string& platform() const { return m_platform; }

  // "interpreter-abi-platform"
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const Tag&, const Tag&) = default;
  friend std::strong_ordering operator<=>(const Tag&, const Tag&) = default;

 private:
  std::string m_interpreter;
  std::string m_abi;
  std::string m_platform;
};

struct TagHash {
  [[nodiscard]] std::size_t operator()(const Tag& tag) const noexcept;
};

// A compressed tag set expanding to more tags than this is refused even without a limit, so that
// a hostile filename ("a.a.a...-b.b.b...-c.c.c...") on an index page cannot exhaust memory.
// packaging has no such cap; real wheels expand to a few dozen tags.
inline constexpr std::size_t k_max_expanded_tags = 4096;

struct ParseTagOptions {
  // PEP 425: the members of a compressed set ("py2.py3") must be sorted.
  bool validate_order = false;
  // The most tags the compressed set may expand to (counted before de-duplication, as
  // packaging counts); a negative limit, which packaging rejects, cannot be expressed.
  std::optional<std::size_t> limit = std::nullopt;
};

// Parses a tag or compressed tag set ("py2.py3-none-any") into its distinct tags, sorted.
// Validation and the order of checks follow packaging's parse_tag: no empty component or set
// member, sorted members when asked, the limit, exactly three components, and interpreters that
// are Python identifiers. The error span points at the offending part.
[[nodiscard]] std::expected<std::vector<Tag>, util::ParseError> parse_tag(
    std::string_view text, const ParseTagOptions& options = {});

// The compressed form of a tag set, each component's distinct values sorted and joined with
// '.' (packaging's compose_wheel_filename): {py2-none-any, py3-none-any} -> "py2.py3-none-any".
// Exact only for sets that are a cartesian product, as every parsed set is.
[[nodiscard]] std::string compress_tag_set(std::span<const Tag> tags);

}  // namespace gator::tags

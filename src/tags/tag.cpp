#include "tags/tag.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "tags/identifier.hpp"
#include "util/strings.hpp"

namespace gator::tags {
namespace {

struct Part {
  std::string_view text;
  std::size_t offset;
};

std::vector<Part> split_parts(std::string_view text, std::size_t base, char separator) {
  std::vector<Part> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back({text.substr(start), base + start});
      return parts;
    }
    parts.push_back({text.substr(start, end - start), base + start});
    start = end + 1;
  }
}

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

std::size_t saturating_multiply(std::size_t a, std::size_t b) {
  if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a)
    return std::numeric_limits<std::size_t>::max();
  return a * b;
}

}  // namespace

Tag::Tag(std::string_view interpreter, std::string_view abi, std::string_view platform)
    : m_interpreter(util::ascii_lower(interpreter)),
      m_abi(util::ascii_lower(abi)),
      m_platform(util::ascii_lower(platform)) {}

std::string Tag::to_string() const {
  return m_interpreter + "-" + m_abi + "-" + m_platform;
}

std::size_t TagHash::operator()(const Tag& tag) const noexcept {
  const std::hash<std::string> hash;
  std::size_t seed = hash(tag.interpreter());
  seed ^= hash(tag.abi()) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  seed ^= hash(tag.platform()) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  return seed;
}

std::expected<std::vector<Tag>, util::ParseError> parse_tag(std::string_view text,
                                                            const ParseTagOptions& options) {
  std::vector<std::vector<Part>> components;
  for (const Part& component : split_parts(text, 0, '-'))
    components.push_back(split_parts(component.text, component.offset, '.'));

  for (const std::vector<Part>& members : components) {
    const std::size_t begin = members.front().offset;
    const std::size_t end = members.back().offset + members.back().text.size();
    const std::string_view component = text.substr(begin, end - begin);
    for (const Part& member : members) {
      if (member.text.empty())
        return std::unexpected(util::ParseError::at(
            text, member.offset, 0,
            "invalid tag " + quoted(text) + ": empty component in " + quoted(component)));
    }
    if (options.validate_order &&
        !std::is_sorted(members.begin(), members.end(),
                        [](const Part& a, const Part& b) { return a.text < b.text; }))
      return std::unexpected(util::ParseError::at(
          text, begin, component.size(),
          "tag component " + quoted(component) + " is not in sorted order (PEP 425)"));
  }

  std::size_t count = 1;
  for (const std::vector<Part>& members : components)
    count = saturating_multiply(count, members.size());
  const std::size_t limit =
      std::min(options.limit.value_or(k_max_expanded_tags), k_max_expanded_tags);
  if (count > limit) {
    const bool at_hard_limit = !options.limit || *options.limit > k_max_expanded_tags;
    return std::unexpected(util::ParseError::at(
        text, 0, text.size(),
        "compressed tag set would generate " + std::to_string(count) + " tags, exceeding " +
            (at_hard_limit ? "the supported maximum of " : "the limit of ") +
            std::to_string(limit)));
  }

  if (components.size() != 3)
    return std::unexpected(util::ParseError::at(
        text, 0, text.size(),
        "invalid tag " + quoted(text) +
            ": a tag must have exactly three components (interpreter-abi-platform), found " +
            std::to_string(components.size())));

  for (const Part& interpreter : components[0]) {
    if (!is_identifier(interpreter.text))
      return std::unexpected(util::ParseError::at(
          text, interpreter.offset, interpreter.text.size(),
          "invalid interpreter " + quoted(interpreter.text) + " in tag " + quoted(text) +
              ": it must be a Python identifier such as 'py3' or 'cp311'"));
  }

  std::vector<Tag> tags;
  tags.reserve(count);
  for (const Part& interpreter : components[0]) {
    for (const Part& abi : components[1]) {
      for (const Part& platform : components[2])
        tags.emplace_back(interpreter.text, abi.text, platform.text);
    }
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

std::string compress_tag_set(std::span<const Tag> tags) {
  const auto join = [&](const std::string& (Tag::*field)() const) {
    std::vector<std::string> values;
    for (const Tag& tag : tags)
      values.push_back((tag.*field)());
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::string out;
    for (const std::string& value : values) {
      if (!out.empty())
        out += '.';
      out += value;
    }
    return out;
  };
  return join(&Tag::interpreter) + "-" + join(&Tag::abi) + "-" + join(&Tag::platform);
}

}  // namespace gator::tags

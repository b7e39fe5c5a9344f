#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tags/generators.hpp"
#include "tags/tag.hpp"

// Small conversions shared by the tags tests.
namespace gator::tags::test_helpers {

inline std::vector<std::string> strings(const std::vector<Tag>& tags) {
  std::vector<std::string> out;
  for (const Tag& tag : tags)
    out.push_back(tag.to_string());
  return out;
}

// A JSON version array ([3, 11]) in the dotted form parse_python_version reads.
inline std::string dotted(const nlohmann::json& parts) {
  std::string out;
  for (const nlohmann::json& part : parts) {
    if (!out.empty())
      out += '.';
    out += std::to_string(part.get<unsigned>());
  }
  return out;
}

inline PythonVersion python_version(const nlohmann::json& parts) {
  const auto version = parse_python_version(dotted(parts));
  return version ? *version : PythonVersion{};
}

}  // namespace gator::tags::test_helpers

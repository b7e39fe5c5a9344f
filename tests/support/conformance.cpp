#include "conformance.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include <gtest/gtest.h>

namespace gator::test {
namespace {

using Exclusions = std::map<std::pair<std::string, std::string>, std::string>;

const Exclusions& exclusions() {
  static const Exclusions table = [] {
    Exclusions out;
    std::ifstream in(data_path("conformance/exclusions.txt"));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#')
        continue;
      // "<file> <record id> <reason...>"
      std::istringstream fields(line);
      std::string file, id, reason;
      fields >> file >> id;
      std::getline(fields >> std::ws, reason);
      if (!file.empty() && !id.empty())
        out[{file, id}] = reason;
    }
    return out;
  }();
  return table;
}

}  // namespace

std::string data_path(std::string_view relative) {
  return std::string(GATOR_TEST_DATA_DIR) + "/" + std::string(relative);
}

const nlohmann::json& conformance_file(const std::string& file) {
  static std::map<std::string, nlohmann::json> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    std::ifstream in(data_path("conformance/" + file));
    if (!in)
      throw std::runtime_error("cannot open conformance file " + file);
    it = cache.emplace(file, nlohmann::json::parse(in)).first;
  }
  return it->second;
}

std::string exclusion_reason(const std::string& file, const std::string& id) {
  auto it = exclusions().find({file, id});
  return it == exclusions().end() ? std::string() : it->second;
}

void for_each_record(const std::string& file, const std::string& section,
                     const std::function<void(const nlohmann::json& record)>& check) {
  const nlohmann::json& root = conformance_file(file);
  const nlohmann::json::json_pointer pointer(section.starts_with('/') ? section : "/" + section);
  ASSERT_TRUE(root.contains(pointer)) << file << " has no section " << section;
  const nlohmann::json& records = root.at(pointer);
  ASSERT_TRUE(records.is_array()) << file << " " << section << " is not an array";
  std::size_t ran = 0;
  std::size_t excluded = 0;
  for (const nlohmann::json& record : records) {
    const std::string id = record.is_object() && record.contains("id")
                               ? record["id"].get<std::string>()
                               : section + "[" + std::to_string(ran + excluded) + "]";
    if (!exclusion_reason(file, id).empty()) {
      ++excluded;
      continue;
    }
    SCOPED_TRACE(file + " " + id + ": " + record.dump());
    check(record);
    ++ran;
  }
  std::printf("[conformance] %s %s: %zu ran, %zu excluded\n", file.c_str(), section.c_str(), ran,
              excluded);
  EXPECT_GT(ran, 0u) << "no record of " << file << " " << section << " ran";
}

}  // namespace gator::test

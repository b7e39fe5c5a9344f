// installer.json (pypa/installer's RECORD and entry point tests as data).
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include "conformance.hpp"
#include "metadata/entry_points.hpp"
#include "metadata/record.hpp"
#include "metadata/text_lines.hpp"

namespace gator::metadata {
namespace {

using nlohmann::json;

// The test computes real digests; the module itself never hashes.
Sha256Digest sha256_of(std::string_view bytes) {
  Sha256Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
  return digest;
}

std::vector<std::string> row_of(const RecordEntry& entry) {
  const auto row = record_row(entry);
  return {row.begin(), row.end()};
}

TEST(InstallerConformance, RecordElements) {
  test::for_each_record("installer.json", "record_elements", [](const json& record) {
    const auto entry =
        make_record_entry(record["path"].get<std::string>(), record["hash"].get<std::string>(),
                          record["size"].get<std::string>());
    ASSERT_EQ(entry.has_value(), record["valid"].get<bool>());
    if (!entry) {
      for (const json& word : record["error_mentions"]) {
        EXPECT_NE(entry.error().message.find(word.get<std::string>()), std::string::npos)
            << entry.error().message;
      }
    } else {
      EXPECT_EQ(entry->path, record["path"].get<std::string>());
      EXPECT_EQ(entry->hash, record["hash"].get<std::string>());
    }
  });
}

TEST(InstallerConformance, RecordParse) {
  test::for_each_record("installer.json", "record_parse", [](const json& record) {
    std::string text;
    for (const json& line : record["lines"])
      text += line.get<std::string>() + "\n";
    const auto entries = parse_record(text);
    if (record.contains("expected")) {
      ASSERT_TRUE(entries) << entries.error().message;
      std::vector<std::vector<std::string>> rows;
      for (const RecordEntry& entry : *entries)
        rows.push_back(row_of(entry));
      EXPECT_EQ(rows, record["expected"].get<std::vector<std::vector<std::string>>>());
    } else {
      ASSERT_FALSE(entries);
      const std::string expected = record["expected_error"];
      // "expected 3 elements, got N": our message names the count the same way.
      const std::size_t got = expected.find("got ");
      if (got != std::string::npos) {
        EXPECT_NE(entries.error().message.find(expected.substr(got)), std::string::npos);
      }
      // "Row Index 3" (zero-based): the error points at the fourth line.
      const std::size_t index = expected.find("Row Index ");
      if (index != std::string::npos) {
        const std::size_t row = std::stoul(expected.substr(index + 10));
        EXPECT_EQ(source_location(entries.error(), "RECORD").line, row + 1);
      }
    }
  });
}

TEST(InstallerConformance, RecordValidation) {
  test::for_each_record("installer.json", "record_validation", [](const json& record) {
    const std::string hash = record["hash"].is_null() ? "" : record["hash"].get<std::string>();
    const std::string size =
        record["size"].is_null() ? "" : std::to_string(record["size"].get<std::uint64_t>());
    const auto entry = make_record_entry(record["path"].get<std::string>(), hash, size);
    ASSERT_TRUE(entry) << entry.error().message;
    const std::string content = record["file_content"];
    const FileCheck check = check_file(*entry, sha256_of(content), content.size());
    EXPECT_EQ(check == FileCheck::matches, record["passes_validation"].get<bool>())
        << to_string(check);
    EXPECT_EQ(row_of(*entry), record["expected_row"].get<std::vector<std::string>>());
  });
}

TEST(InstallerConformance, ConstructRecord) {
  test::for_each_record("installer.json", "construct_record", [](const json& record) {
    std::vector<RecordEntry> entries;
    for (const json& row : record["rows"]) {
      auto entry = make_record_entry(row[0].get<std::string>(), row[1].get<std::string>(),
                                     row[2].get<std::string>());
      ASSERT_TRUE(entry) << entry.error().message;
      entries.push_back(*entry);
    }
    EXPECT_EQ(write_record(entries), record["expected_bytes"].get<std::string>());
  });
}

TEST(InstallerConformance, EntryPoints) {
  test::for_each_record("installer.json", "entry_points", [](const json& record) {
    const auto scripts = parse_scripts(record["entry_points_txt"].get<std::string>());
    ASSERT_TRUE(scripts) << scripts.error().render();
    std::vector<std::vector<std::string>> got;
    for (const Script& script : *scripts)
      got.push_back({script.name, script.module, script.attribute, to_string(script.kind)});
    EXPECT_EQ(got, record["expected"].get<std::vector<std::vector<std::string>>>());
  });
}

}  // namespace
}  // namespace gator::metadata

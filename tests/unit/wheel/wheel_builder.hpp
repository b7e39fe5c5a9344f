#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "zip_writer.hpp"

namespace gator::wheel::test {

// Builds a wheel in memory: the files, WHEEL, METADATA, entry_points.txt and a RECORD computed
// from the content, with hooks to make any of it wrong.
class WheelBuilder {
 public:
  explicit WheelBuilder(std::string name = "demo", std::string version = "1.0");

  [[nodiscard]] std::string dist_info() const { return m_name + "-" + m_version + ".dist-info"; }
  [[nodiscard]] std::string data_dir() const { return m_name + "-" + m_version + ".data"; }
  [[nodiscard]] std::string filename() const {
    return m_name + "-" + m_version + "-py3-none-any.whl";
  }

  // A file of the wheel (path relative to the archive root), listed in RECORD.
  WheelBuilder& file(std::string path, std::string content, unsigned mode = 0644);
  WheelBuilder& directory(std::string path);
  WheelBuilder& wheel_text(std::string text);
  WheelBuilder& metadata_text(std::string text);
  WheelBuilder& entry_points(std::string text);
  // RECORD tampering: another hash or size for a path, a path left out, an extra row.
  WheelBuilder& record_hash(std::string path, std::string hash);
  WheelBuilder& record_size(std::string path, std::string size);
  WheelBuilder& omit_from_record(std::string path);
  WheelBuilder& extra_record_row(std::string row);
  // Something RECORD does not know about (added after the RECORD-listed files).
  WheelBuilder& raw_member(std::string name, std::string content, std::uint32_t unix_mode);
  WheelBuilder& symlink_member(std::string name, std::string target);

  [[nodiscard]] std::string build() const;

 private:
  struct File {
    std::string path;
    std::string content;
    unsigned mode = 0644;
    bool is_directory = false;
  };
  struct Raw {
    std::string name;
    std::string content;
    std::uint32_t unix_mode = 0;
  };

  std::string m_name;
  std::string m_version;
  std::string m_wheel;
  std::string m_metadata;
  std::optional<std::string> m_entry_points;
  std::vector<File> m_files;
  std::vector<Raw> m_raw;
  std::map<std::string, std::string> m_hashes;
  std::map<std::string, std::string> m_sizes;
  std::set<std::string> m_omitted;
  std::vector<std::string> m_extra_rows;
};

// "sha256=<urlsafe base64>" of `content`.
[[nodiscard]] std::string record_hash_of(const std::string& content);

}  // namespace gator::wheel::test

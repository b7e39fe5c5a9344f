#include "wheel_builder.hpp"

#include "cache/sha256_hasher.hpp"
#include "metadata/record_hash.hpp"

namespace gator::wheel::test {

std::string record_hash_of(const std::string& content) {
  return metadata::format_sha256(cache::sha256_of(content).bytes());
}

WheelBuilder::WheelBuilder(std::string name, std::string version)
    : m_name(std::move(name)), m_version(std::move(version)) {
  m_wheel =
      "Wheel-Version: 1.0\nGenerator: gator-test 1.0\nRoot-Is-Purelib: true\n"
      "Tag: py3-none-any\n";
  m_metadata = "Metadata-Version: 2.1\nName: " + m_name + "\nVersion: " + m_version + "\n";
}

WheelBuilder& WheelBuilder::file(std::string path, std::string content, unsigned mode) {
  m_files.push_back({std::move(path), std::move(content), mode, false});
  return *this;
}

WheelBuilder& WheelBuilder::directory(std::string path) {
  m_files.push_back({std::move(path), "", 0755, true});
  return *this;
}

WheelBuilder& WheelBuilder::wheel_text(std::string text) {
  m_wheel = std::move(text);
  return *this;
}

WheelBuilder& WheelBuilder::metadata_text(std::string text) {
  m_metadata = std::move(text);
  return *this;
}

WheelBuilder& WheelBuilder::entry_points(std::string text) {
  m_entry_points = std::move(text);
  return *this;
}

WheelBuilder& WheelBuilder::record_hash(std::string path, std::string hash) {
  m_hashes[std::move(path)] = std::move(hash);
  return *this;
}

WheelBuilder& WheelBuilder::record_size(std::string path, std::string size) {
  m_sizes[std::move(path)] = std::move(size);
  return *this;
}

WheelBuilder& WheelBuilder::omit_from_record(std::string path) {
  m_omitted.insert(std::move(path));
  return *this;
}

WheelBuilder& WheelBuilder::extra_record_row(std::string row) {
  m_extra_rows.push_back(std::move(row));
  return *this;
}

WheelBuilder& WheelBuilder::raw_member(std::string name, std::string content,
                                       std::uint32_t unix_mode) {
  m_raw.push_back({std::move(name), std::move(content), unix_mode});
  return *this;
}

WheelBuilder& WheelBuilder::symlink_member(std::string name, std::string target) {
  return raw_member(std::move(name), std::move(target), 0120777u);
}

std::string WheelBuilder::build() const {
  std::vector<File> files = m_files;
  files.push_back({dist_info() + "/WHEEL", m_wheel, 0644, false});
  files.push_back({dist_info() + "/METADATA", m_metadata, 0644, false});
  if (m_entry_points)
    files.push_back({dist_info() + "/entry_points.txt", *m_entry_points, 0644, false});

  std::string record;
  ZipWriter zip;
  for (const File& file : files) {
    if (file.is_directory) {
      zip.add_directory(file.path);
      continue;
    }
    zip.add_file(file.path, file.content, file.mode);
    if (m_omitted.contains(file.path))
      continue;
    const auto hash = m_hashes.find(file.path);
    const auto size = m_sizes.find(file.path);
    record += file.path + "," +
              (hash != m_hashes.end() ? hash->second : record_hash_of(file.content)) + "," +
              (size != m_sizes.end() ? size->second : std::to_string(file.content.size())) + "\n";
  }
  for (const std::string& row : m_extra_rows)
    record += row + "\n";
  record += dist_info() + "/RECORD,,\n";
  zip.add_file(dist_info() + "/RECORD", record);
  for (const Raw& raw : m_raw)
    zip.add_entry(raw.name, raw.content, raw.unix_mode);
  return zip.finish();
}

}  // namespace gator::wheel::test

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gator::wheel::test {

// A minimal zip writer (stored members, no compression) for building test wheels, including
// the malformed and malicious ones no real tool would write: any name, symlinks, repeats.
class ZipWriter {
 public:
  void add_file(std::string name, std::string content, unsigned mode = 0644);
  void add_directory(std::string name);  // a trailing '/' is added when missing
  void add_symlink(std::string name, std::string target);
  // A member with raw Unix mode bits in the external attributes (file type included).
  void add_entry(std::string name, std::string content, std::uint32_t unix_mode);

  // The whole archive.
  [[nodiscard]] std::string finish() const;

 private:
  struct Entry {
    std::string name;
    std::string content;
    std::uint32_t external_attributes = 0;
  };
  std::vector<Entry> m_entries;
};

[[nodiscard]] std::uint32_t crc32(const std::string& bytes);

}  // namespace gator::wheel::test

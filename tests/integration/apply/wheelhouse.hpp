#pragma once

#include <filesystem>
#include <map>
#include <string>

// A PEP 503 simple index the tests write by hand: <root>/simple/index.html, one page per project
// at <root>/simple/<project>/index.html linking each file with a #sha256= fragment, and the
// wheels in <root>/files/.
namespace gator::apply_test {

class Wheelhouse {
 public:
  explicit Wheelhouse(std::filesystem::path root);

  // Serves `bytes` as `filename` (a wheel file name: its project is the part before the first
  // '-'); the page will list it with the sha256 of these bytes.
  void add(const std::string& filename, const std::string& bytes);
  void add_copy(const std::filesystem::path& wheel);
  // Serves other bytes under a listed name without touching the pages (a compromised or broken
  // mirror): the index then promises a hash the file does not have.
  void replace_served(const std::string& filename, const std::string& bytes) const;

  // Writes the pages. Files are linked as "../../files/<name>" unless `href_prefix` is given, in
  // which case as <href_prefix><name> (e.g. "/cut/<path>/files/" for a fault location).
  void write_pages(const std::string& href_prefix = "") const;

  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }
  [[nodiscard]] std::filesystem::path file(const std::string& filename) const {
    return m_root / "files" / filename;
  }
  [[nodiscard]] std::string sha256(const std::string& filename) const;
  [[nodiscard]] const std::map<std::string, std::string>& files() const { return m_files; }

 private:
  std::filesystem::path m_root;
  std::map<std::string, std::string> m_files;  // name -> bytes
};

// PEP 503 normalisation: runs of '-', '_' and '.' become '-', lower case.
[[nodiscard]] std::string canonical_project(const std::string& name);

void write_bytes(const std::filesystem::path& path, const std::string& bytes);
[[nodiscard]] std::string read_bytes(const std::filesystem::path& path);

}  // namespace gator::apply_test

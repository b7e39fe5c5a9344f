#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/sha256_hasher.hpp"
#include "zip_builder.hpp"

// Generates simple-API indexes on disk for the provision tests (file:// in unit tests, served by
// nginx in the integration test): small real wheels with METADATA and Requires-Dist, written
// once under files/, and one PEP 503 HTML page per index and project linking to them.
namespace gator::provision::testing {

struct WheelSpec {
  std::string name;     // as in the file name: "torch", "pytorch_triton_rocm"
  std::string version;  // "2.3.1+rocm5.7"
  std::string tag = "py3-none-any";
  std::vector<std::string> requires_dist{};
  std::string requires_python{};
  std::vector<std::string> provides_extra{};
};

struct LinkOptions {
  bool hash = true;                     // #sha256=... on the link
  std::optional<std::string> yanked{};  // data-yanked="reason"
  std::string requires_python{};        // data-requires-python
  bool metadata_sidecar = false;        // <file>.metadata and data-dist-info-metadata
};

[[nodiscard]] inline std::string wheel_filename(const WheelSpec& spec) {
  return spec.name + "-" + spec.version + "-" + spec.tag + ".whl";
}

[[nodiscard]] inline std::string metadata_of(const WheelSpec& spec) {
  std::string text =
      "Metadata-Version: 2.1\nName: " + spec.name + "\nVersion: " + spec.version + "\n";
  if (!spec.requires_python.empty())
    text += "Requires-Python: " + spec.requires_python + "\n";
  for (const std::string& extra : spec.provides_extra)
    text += "Provides-Extra: " + extra + "\n";
  for (const std::string& requirement : spec.requires_dist)
    text += "Requires-Dist: " + requirement + "\n";
  return text + "\n";
}

[[nodiscard]] inline std::string build_wheel(const WheelSpec& spec) {
  const std::string dist_info = spec.name + "-" + spec.version + ".dist-info/";
  const std::string module = spec.name + "/__init__.py";
  return index::testing::build_zip({
      {module, "# " + spec.name + " " + spec.version + " " + spec.tag + "\n"},
      {dist_info + "METADATA", metadata_of(spec)},
      {dist_info + "WHEEL",
       "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: " + spec.tag + "\n"},
      {dist_info + "RECORD", module + ",,\n" + dist_info + "METADATA,,\n" + dist_info +
                                 "WHEEL,,\n" + dist_info + "RECORD,,\n"},
  });
}

[[nodiscard]] inline std::string percent_encode_plus(std::string_view text) {
  std::string out;
  for (char c : text)
    out += c == '+' ? std::string("%2B") : std::string(1, c);
  return out;
}

[[nodiscard]] inline std::string html_attribute(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

inline void write_text(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

class IndexTree {
 public:
  // Wheels go to <root>/files/; pages to <root>/<index>/<project>/index.html, linking files as
  // `<files_href><file name with + as %2B>` (relative "../../files/" or root-relative).
  IndexTree(std::filesystem::path root, std::string files_href = "../../files/")
      : m_root(std::move(root)), m_files_href(std::move(files_href)) {}

  // Writes the wheel (once per file name) and links it from the index's project page.
  // Returns the file name.
  std::string add(const std::string& index, const std::string& project, const WheelSpec& spec,
                  const LinkOptions& options = {}) {
    const std::string filename = wheel_filename(spec);
    if (!m_files.contains(filename)) {
      const std::string bytes = build_wheel(spec);
      write_text(m_root / "files" / filename, bytes);
      m_files[filename] = bytes;
    }
    std::string link = "<a href=\"" + m_files_href + percent_encode_plus(filename);
    if (options.hash)
      link += "#sha256=" + sha256(filename);
    link += "\"";
    if (!options.requires_python.empty())
      link += " data-requires-python=\"" + html_attribute(options.requires_python) + "\"";
    if (options.yanked)
      link += " data-yanked=\"" + html_attribute(*options.yanked) + "\"";
    if (options.metadata_sidecar) {
      const std::string metadata = metadata_of(spec);
      write_text(m_root / "files" / (filename + ".metadata"), metadata);
      link += " data-dist-info-metadata=\"sha256=" + cache::sha256_of(metadata).to_string() + "\"";
    }
    link += ">" + filename + "</a><br/>\n";
    m_pages[index + "/" + project] += link;
    return filename;
  }

  // An sdist `<name>-<version>.tar.gz` (its bytes are not a real archive: never built).
  // `options.metadata_sidecar` does not apply.
  std::string add_sdist(const std::string& index, const std::string& project,
                        const std::string& name, const std::string& version,
                        const LinkOptions& options = {}) {
    const std::string filename = name + "-" + version + ".tar.gz";
    if (!m_files.contains(filename)) {
      m_files[filename] = "sdist " + filename;
      write_text(m_root / "files" / filename, m_files[filename]);
    }
    std::string link = "<a href=\"" + m_files_href + percent_encode_plus(filename);
    if (options.hash)
      link += "#sha256=" + sha256(filename);
    link += "\"";
    if (!options.requires_python.empty())
      link += " data-requires-python=\"" + html_attribute(options.requires_python) + "\"";
    if (options.yanked)
      link += " data-yanked=\"" + html_attribute(*options.yanked) + "\"";
    m_pages[index + "/" + project] += link + ">" + filename + "</a><br/>\n";
    return filename;
  }

  // An empty page: the project exists on the index with no files.
  void add_project(const std::string& index, const std::string& project) {
    m_pages[index + "/" + project] += "";
  }

  void write_pages() const {
    for (const auto& [path, links] : m_pages)
      write_text(m_root / path / "index.html",
                 "<!DOCTYPE html>\n<html><body>\n" + links + "</body></html>\n");
  }

  [[nodiscard]] std::string sha256(const std::string& filename) const {
    return cache::sha256_of(m_files.at(filename)).to_string();
  }
  [[nodiscard]] std::uint64_t size(const std::string& filename) const {
    return m_files.at(filename).size();
  }
  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path m_root;
  std::string m_files_href;
  std::map<std::string, std::string> m_files;  // file name -> bytes
  std::map<std::string, std::string> m_pages;  // "<index>/<project>" -> links
};

}  // namespace gator::provision::testing

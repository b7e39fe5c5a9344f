#include "wheelhouse.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "cache/sha256_hasher.hpp"

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] std::string project_of(const std::string& filename) {
  return canonical_project(filename.substr(0, filename.find('-')));
}

}  // namespace

std::string canonical_project(const std::string& name) {
  std::string out;
  for (const char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-')
        out += '-';
    } else {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return out;
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Wheelhouse::Wheelhouse(fs::path root) : m_root(std::move(root)) {
  fs::create_directories(m_root / "files");
  fs::create_directories(m_root / "simple");
}

void Wheelhouse::add(const std::string& filename, const std::string& bytes) {
  m_files[filename] = bytes;
  write_bytes(file(filename), bytes);
}

void Wheelhouse::add_copy(const fs::path& wheel) {
  add(wheel.filename().string(), read_bytes(wheel));
}

void Wheelhouse::replace_served(const std::string& filename, const std::string& bytes) const {
  if (!m_files.contains(filename))
    throw std::runtime_error("not served: " + filename);
  write_bytes(file(filename), bytes);
}

std::string Wheelhouse::sha256(const std::string& filename) const {
  return cache::sha256_of(m_files.at(filename)).to_string();
}

void Wheelhouse::write_pages(const std::string& href_prefix) const {
  std::map<std::string, std::set<std::string>> projects;
  for (const auto& [name, bytes] : m_files)
    projects[project_of(name)].insert(name);
  std::string root = "<!DOCTYPE html>\n<html><body>\n";
  for (const auto& [project, names] : projects) {
    std::string page = "<!DOCTYPE html>\n<html><body>\n";
    for (const std::string& name : names) {
      const std::string href = (href_prefix.empty() ? "../../files/" : href_prefix) + name;
      page += "<a href=\"" + href + "#sha256=" + sha256(name) + "\">" + name + "</a><br>\n";
    }
    page += "</body></html>\n";
    write_bytes(m_root / "simple" / project / "index.html", page);
    root += "<a href=\"" + project + "/\">" + project + "</a><br>\n";
  }
  write_bytes(m_root / "simple" / "index.html", root + "</body></html>\n");
}

}  // namespace gator::apply_test

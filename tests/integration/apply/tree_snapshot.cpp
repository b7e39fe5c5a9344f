#include "tree_snapshot.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] TreeEntry entry_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    throw std::runtime_error("lstat " + path.string() + ": " + std::strerror(errno));
  TreeEntry entry;
  entry.mode = st.st_mode & 07777U;
  entry.size = static_cast<std::uint64_t>(st.st_size);
  entry.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  if (S_ISREG(st.st_mode)) {
    entry.type = 'f';
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    entry.content = bytes.str();
  } else if (S_ISDIR(st.st_mode)) {
    entry.type = 'd';
    entry.size = 0;  // a directory's size says nothing about its entries
  } else if (S_ISLNK(st.st_mode)) {
    entry.type = 'l';
    entry.link = fs::read_symlink(path).string();
  }
  return entry;
}

}  // namespace

Tree snapshot(const fs::path& root) {
  Tree tree;
  tree.emplace("", entry_of(root));
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    tree.emplace(it->path().lexically_relative(root).generic_string(), entry_of(it->path()));
  }
  return tree;
}

std::string tree_changes(const Tree& before, const Tree& after) {
  std::string text;
  for (const auto& [path, old] : before) {
    const auto found = after.find(path);
    if (found == after.end()) {
      text += "removed " + path + "\n";
      continue;
    }
    const TreeEntry& now = found->second;
    std::string what;
    auto add = [&](const std::string& detail) { what += (what.empty() ? "" : ", ") + detail; };
    if (now.type != old.type)
      add(std::string("type ") + old.type + " -> " + now.type);
    if (now.mode != old.mode) {
      char modes[64];
      std::snprintf(modes, sizeof modes, "mode %o -> %o", old.mode, now.mode);
      add(modes);
    }
    if (now.size != old.size)
      add("size " + std::to_string(old.size) + " -> " + std::to_string(now.size));
    if (now.mtime_ns != old.mtime_ns)
      add("mtime");
    if (now.content != old.content)
      add("content");
    if (now.link != old.link)
      add("link " + old.link + " -> " + now.link);
    if (!what.empty())
      text += "changed " + (path.empty() ? std::string(".") : path) + ": " + what + "\n";
  }
  for (const auto& [path, entry] : after) {
    if (!before.contains(path))
      text += "added " + path + "\n";
  }
  return text;
}

std::vector<std::string> leftovers_beside(const fs::path& venv) {
  const std::string staging = "." + venv.filename().string() + ".staging-";
  const std::string old = "." + venv.filename().string() + ".old-";
  std::vector<std::string> found;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(venv.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(staging) || name.starts_with(old))
      found.push_back(name);
  }
  return found;
}

}  // namespace gator::apply_test

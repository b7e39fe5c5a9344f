#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <sys/types.h>

#include "wheel/install.hpp"

// Puts files into the target and remembers what it created, to undo it on failure (internal).
namespace gator::wheel::detail {

enum class Placement { reflinked, hardlinked, copied, written };

class Placer {
 public:
  Placer(LinkMode mode, Overwrite overwrite, std::string wheel)
      : m_mode(mode), m_overwrite(overwrite), m_wheel(std::move(wheel)) {}
  ~Placer();  // removes what was created unless commit() was called
  Placer(const Placer&) = delete;
  Placer& operator=(const Placer&) = delete;

  // `source` (a file of the unpacked tree) at `destination`, by the link mode's method.
  Placement place(const std::filesystem::path& source, const std::filesystem::path& destination);
  // A new file with `content` (never a link: the installer's own files).
  void write(const std::filesystem::path& destination, std::string_view content, mode_t mode);

  void commit() { m_committed = true; }

 private:
  void ensure_parent(const std::filesystem::path& path);
  // Runs `create(path)` at `destination`, or at a temporary sibling renamed over it when
  // replacing; returns false when create() declined (the method does not work here).
  template <typename Create>
  bool create_at(const std::filesystem::path& destination, Create create);
  bool try_reflink(const std::filesystem::path& source, const std::filesystem::path& target);
  bool try_hardlink(const std::filesystem::path& source, const std::filesystem::path& target);
  bool copy(const std::filesystem::path& source, const std::filesystem::path& target);
  [[noreturn]] void exists(const std::filesystem::path& destination) const;

  LinkMode m_mode;
  Overwrite m_overwrite;
  std::string m_wheel;
  bool m_reflink_works = true;
  bool m_hardlink_works = true;
  bool m_committed = false;
  std::unordered_set<std::string> m_known_dirs;
  std::vector<std::filesystem::path> m_created_dirs;
  std::vector<std::filesystem::path> m_created_files;
};

}  // namespace gator::wheel::detail

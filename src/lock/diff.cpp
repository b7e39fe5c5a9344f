#include "lock/diff.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace gator::lock {

namespace {

using Key = std::pair<std::string, std::string>;  // name, marker text

[[nodiscard]] Key key_of(const Package& package) {
  return {package.name, package.marker ? package.marker->to_string() : std::string()};
}

[[nodiscard]] std::string short_hash(const std::optional<dist::Sha256>& hash) {
  return hash ? hash->to_string().substr(0, 12) + "..." : std::string("(none)");
}

[[nodiscard]] std::string hashes_text(const Hashes& hashes) {
  std::string out = "sha256 " + short_hash(hashes.sha256);
  for (const auto& [algorithm, value] : hashes.others)
    out += ", " + algorithm + " " + value.substr(0, 12) + (value.size() > 12 ? "..." : "");
  return out;
}

// The files of an entry by name: wheels, the sdist and an archive (named "archive").
[[nodiscard]] std::map<std::string, Hashes> files(const Package& package) {
  std::map<std::string, Hashes> out;
  for (const Wheel& wheel : package.wheels)
    out.emplace(wheel.name, wheel.hashes);
  if (package.sdist)
    out.emplace(package.sdist->name, package.sdist->hashes);
  if (package.archive)
    out.emplace("archive", package.archive->hashes);
  return out;
}

[[nodiscard]] std::vector<std::string> file_changes(const Package& before, const Package& after) {
  const auto old_files = files(before);
  const auto new_files = files(after);
  std::vector<std::string> out;
  for (const auto& [name, hashes] : old_files) {
    const auto it = new_files.find(name);
    if (it == new_files.end())
      out.push_back(name + ": removed");
    else if (it->second != hashes)
      out.push_back(name + ": " + hashes_text(hashes) + " -> " + hashes_text(it->second));
  }
  for (const auto& [name, hashes] : new_files)
    if (!old_files.contains(name))
      out.push_back(name + ": added");
  return out;
}

[[nodiscard]] std::string source_text(const Package& package) {
  if (package.vcs)
    return "vcs " + package.vcs->type + " " +
           package.vcs->url.value_or(package.vcs->path.value_or("")) + " @ " +
           package.vcs->commit_id;
  if (package.directory)
    return "directory " + package.directory->path;
  if (package.archive)
    return "archive " + package.archive->url.value_or(package.archive->path.value_or(""));
  return "index " + package.index.value_or("(none)");
}

[[nodiscard]] std::string version_text(const Package& package) {
  return package.version ? package.version->to_string() : std::string();
}

void compare(const Package& before, const Package& after, std::vector<Change>& out) {
  Change change;
  change.name = after.name;
  if (after.marker)
    change.marker = after.marker->to_string();
  if (before.version)
    change.old_version = before.version->to_string();
  if (after.version)
    change.new_version = after.version->to_string();
  if (before.version && after.version && *before.version != *after.version) {
    change.kind = *after.version > *before.version ? ChangeKind::upgraded : ChangeKind::downgraded;
    out.push_back(std::move(change));
    return;
  }
  if (version_text(before) != version_text(after) && (!before.version || !after.version)) {
    change.kind = ChangeKind::source_changed;
    change.details.push_back("version: " + change.old_version.value_or("(none)") + " -> " +
                             change.new_version.value_or("(none)"));
  }
  if (std::vector<std::string> files = file_changes(before, after); !files.empty()) {
    change.kind = ChangeKind::rehashed;
    change.details.insert(change.details.end(), files.begin(), files.end());
  }
  if (const std::string from = source_text(before), to = source_text(after); from != to) {
    if (change.details.empty())
      change.kind = ChangeKind::source_changed;
    change.details.push_back(from + " -> " + to);
  }
  if (!change.details.empty())
    out.push_back(std::move(change));
}

}  // namespace

const char* to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::added:
      return "added";
    case ChangeKind::removed:
      return "removed";
    case ChangeKind::upgraded:
      return "upgraded";
    case ChangeKind::downgraded:
      return "downgraded";
    case ChangeKind::rehashed:
      return "re-hashed";
    case ChangeKind::source_changed:
      return "source";
  }
  return "changed";
}

LockDiff diff(const Lockfile& old_lock, const Lockfile& new_lock) {
  std::map<Key, const Package*> before;
  std::map<Key, const Package*> after;
  for (const Package& package : old_lock.packages)
    before.emplace(key_of(package), &package);
  for (const Package& package : new_lock.packages)
    after.emplace(key_of(package), &package);
  LockDiff result;
  for (const auto& [key, package] : before) {
    const auto it = after.find(key);
    if (it != after.end()) {
      compare(*package, *it->second, result.changes);
      continue;
    }
    Change change{ChangeKind::removed, package->name, std::nullopt, std::nullopt, std::nullopt, {}};
    if (!key.second.empty())
      change.marker = key.second;
    if (package->version)
      change.old_version = package->version->to_string();
    result.changes.push_back(std::move(change));
  }
  for (const auto& [key, package] : after) {
    if (before.contains(key))
      continue;
    Change change{ChangeKind::added, package->name, std::nullopt, std::nullopt, std::nullopt, {}};
    if (!key.second.empty())
      change.marker = key.second;
    if (package->version)
      change.new_version = package->version->to_string();
    result.changes.push_back(std::move(change));
  }
  std::stable_sort(result.changes.begin(), result.changes.end(),
                   [](const Change& a, const Change& b) {
                     return std::tie(a.name, a.marker) < std::tie(b.name, b.marker);
                   });
  return result;
}

std::string render_diff(const LockDiff& diff) {
  if (diff.empty())
    return "no changes\n";
  constexpr std::size_t k_column = 12;  // "downgraded" and two spaces
  std::string out;
  for (const Change& change : diff.changes) {
    std::string line = to_string(change.kind);
    line.resize(std::max(line.size() + 1, k_column), ' ');
    line += change.name;
    if (change.kind == ChangeKind::upgraded || change.kind == ChangeKind::downgraded) {
      line += " " + change.old_version.value_or("") + " -> " + change.new_version.value_or("");
    } else if (change.kind == ChangeKind::removed) {
      if (change.old_version)
        line += " " + *change.old_version;
    } else if (change.new_version) {
      line += " " + *change.new_version;
    }
    if (change.marker)
      line += " ; " + *change.marker;
    for (std::size_t i = 0; i < change.details.size(); ++i)
      line += (i == 0 ? " (" : "; ") + change.details[i];
    out += line + (change.details.empty() ? "\n" : ")\n");
  }
  return out;
}

}  // namespace gator::lock

#include "provision/lock_entries.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "provision/file_hashes.hpp"
#include "util/error.hpp"

namespace gator::provision {
namespace {

// A wheel entry whose sha256 the index did not give.
struct MissingHash {
  std::size_t package = 0;
  std::size_t wheel = 0;
  const index::IndexFile* file = nullptr;
};

[[nodiscard]] lock::Wheel wheel_entry(const index::IndexFile& file) {
  lock::Wheel wheel;
  wheel.name = file.filename();
  wheel.url = lock_url(file.url());
  wheel.size = file.size;
  if (file.upload_time)
    if (auto time = lock::UploadTime::parse(*file.upload_time))
      wheel.upload_time = *time;
  wheel.hashes.sha256 = file.hashes.sha256;
  return wheel;
}

[[nodiscard]] std::vector<lock::Dependency> dependencies(const resolver::ResolvedPackage& package,
                                                         const std::set<std::string>& locked) {
  std::set<std::string> names;
  for (const resolver::Dependency& dependency : package.dependencies)
    if (dependency.name != package.name && locked.contains(dependency.name.str()))
      names.insert(dependency.name.str());
  std::vector<lock::Dependency> result;
  for (const std::string& name : names)
    result.push_back(lock::Dependency{name, lock::TomlValue::make_table()});
  return result;
}

// Whether hashes recorded by the previous lock may stand for this package's files.
[[nodiscard]] bool may_reuse(const LockOptions& options, const std::string& name) {
  if (options.previous == nullptr || options.upgrade)
    return false;
  return std::none_of(options.upgrade_packages.begin(), options.upgrade_packages.end(),
                      [&](const pep508::PackageName& upgraded) { return upgraded.str() == name; });
}

// The previous lock's entry for the same file at the same URL with a sha256.
[[nodiscard]] const lock::Wheel* previous_wheel(const lock::Lockfile& previous,
                                                const std::string& package,
                                                const lock::Wheel& wheel) {
  for (const lock::Package& entry : previous.packages) {
    if (entry.name != package)
      continue;
    for (const lock::Wheel& old : entry.wheels)
      if (old.name == wheel.name && old.url == wheel.url && old.hashes.sha256 &&
          (!wheel.size || !old.size || *wheel.size == *old.size))
        return &old;
  }
  return nullptr;
}

}  // namespace

std::vector<lock::Package> lock_entries(const resolver::Resolution& resolution,
                                        const EntryContext& context, http::Client& client,
                                        LockStatistics& statistics) {
  std::set<std::string> locked;
  for (const resolver::ResolvedPackage& package : resolution.packages)
    locked.insert(package.name.str());

  std::vector<lock::Package> packages;
  std::vector<MissingHash> missing;
  for (const resolver::ResolvedPackage& resolved : resolution.packages) {
    const Release* release = context.provider.release(resolved.name, resolved.version);
    const index::ProjectFiles& files = context.provider.files(resolved.name);
    if (release == nullptr || release->wheels.empty() || !files.index)
      throw Error(ErrorKind::internal, "the resolver chose " + resolved.name.str() + " " +
                                           resolved.version.to_string() +
                                           ", which the index provider has no wheel of");
    lock::Package package;
    package.name = resolved.name.str();
    package.version = resolved.version;
    package.index = lock_url(context.policy.indexes()[*files.index].url);
    package.requires_python = release->requires_python;
    package.dependencies = dependencies(resolved, locked);
    for (const index::IndexFile* file : release->wheels) {
      lock::Wheel wheel = wheel_entry(*file);
      if (wheel.hashes.sha256) {
        ++statistics.hashes_from_index;
      } else if (const lock::Wheel* old =
                     may_reuse(context.options, package.name)
                         ? previous_wheel(*context.options.previous, package.name, wheel)
                         : nullptr) {
        wheel.hashes.sha256 = old->hashes.sha256;
        if (!wheel.size)
          wheel.size = old->size;
        ++statistics.hashes_reused;
      } else {
        missing.push_back(MissingHash{packages.size(), package.wheels.size(), file});
      }
      package.wheels.push_back(std::move(wheel));
    }
    statistics.wheels += package.wheels.size();
    packages.push_back(std::move(package));
  }

  if (!missing.empty()) {
    std::vector<HashRequest> requests;
    for (const MissingHash& item : missing)
      requests.push_back(HashRequest{item.file->filename(), item.file->url(), item.file->size});
    const std::vector<cache::FileDigest> digests =
        hash_files(client, requests, context.options.cache_dir);
    for (std::size_t i = 0; i < missing.size(); ++i) {
      lock::Wheel& wheel = packages[missing[i].package].wheels[missing[i].wheel];
      wheel.hashes.sha256 = digests[i].sha256;
      wheel.size = digests[i].size;
    }
    statistics.hashes_computed += missing.size();
  }
  // The writer's order, so that the model equals what reading the written file gives.
  for (lock::Package& package : packages)
    std::sort(package.wheels.begin(), package.wheels.end(),
              [](const lock::Wheel& a, const lock::Wheel& b) { return a.name < b.name; });
  return packages;
}

}  // namespace gator::provision

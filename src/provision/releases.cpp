#include "provision/releases.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace gator::provision {
namespace {

struct Ranked {
  std::size_t priority = 0;
  const index::IndexFile* file = nullptr;
};

struct Gathered {
  std::vector<Ranked> compatible;
  std::vector<const index::IndexFile*> all;
  bool has_wheel = false;
  bool has_sdist = false;
};

}  // namespace

std::vector<Release> group_releases(const pep508::PackageName& project,
                                    std::span<const index::IndexFile> files,
                                    const tags::SupportedTags& supported) {
  std::map<pep440::Version, Gathered, std::greater<>> by_version;
  for (const index::IndexFile& file : files) {
    if (!file.belongs_to(project))
      continue;
    if (const dist::WheelFilename* wheel = file.wheel()) {
      Gathered& gathered = by_version[wheel->version()];
      gathered.has_wheel = true;
      gathered.all.push_back(&file);
      if (const auto priority = supported.best_priority(wheel->tags()))
        gathered.compatible.push_back(Ranked{*priority, &file});
    } else if (const dist::SdistFilename* sdist = file.sdist()) {
      Gathered& gathered = by_version[sdist->version()];
      gathered.has_sdist = true;
      gathered.all.push_back(&file);
    }
  }

  std::vector<Release> releases;
  releases.reserve(by_version.size());
  for (auto& [version, gathered] : by_version) {
    Release release{version, {}, resolver::WheelStatus::none, gathered.has_sdist, false, {}, {}};
    std::stable_sort(gathered.compatible.begin(), gathered.compatible.end(),
                     [](const Ranked& a, const Ranked& b) {
                       if (a.priority != b.priority)
                         return a.priority < b.priority;
                       return a.file->filename() < b.file->filename();
                     });
    for (const Ranked& ranked : gathered.compatible)
      if (!ranked.file->yanked)
        release.wheels.push_back(ranked.file);
    if (release.wheels.empty() && !gathered.compatible.empty()) {
      // Every installable wheel is yanked: the release is, for the target.
      for (const Ranked& ranked : gathered.compatible)
        release.wheels.push_back(ranked.file);
      release.yanked = true;
      release.yank_reason = *release.wheels.front()->yanked;
    }
    if (!release.wheels.empty())
      release.status = resolver::WheelStatus::compatible;
    else if (gathered.has_wheel)
      release.status = resolver::WheelStatus::incompatible;
    if (release.wheels.empty() && !gathered.all.empty() &&
        std::all_of(gathered.all.begin(), gathered.all.end(),
                    [](const index::IndexFile* file) { return file->yanked.has_value(); })) {
      release.yanked = true;
      release.yank_reason = *gathered.all.front()->yanked;
    }
    const index::IndexFile* source = release.best();
    if (source == nullptr) {
      for (const index::IndexFile* file : gathered.all)
        if (file->requires_python) {
          source = file;
          break;
        }
    }
    if (source != nullptr)
      release.requires_python = source->requires_python;
    releases.push_back(std::move(release));
  }
  return releases;
}

resolver::Candidate to_candidate(const Release& release, const std::string& index_name) {
  return resolver::Candidate{
      release.version,     release.status,
      release.has_sdist,   release.yanked,
      release.yank_reason, release.requires_python,
      index_name,          release.best() ? release.best()->filename() : std::string()};
}

}  // namespace gator::provision

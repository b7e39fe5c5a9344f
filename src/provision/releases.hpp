#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "index/index_file.hpp"
#include "pep440/specifier.hpp"
#include "pep440/version.hpp"
#include "pep508/name.hpp"
#include "resolver/provider.hpp"
#include "tags/supported.hpp"

// A project's files grouped into releases as the target sees them: which wheels it can install,
// best first. Pure: what the index provider lists and what the lock records.
namespace gator::provision {

struct Release {
  pep440::Version version;
  // The wheels of this release the target can install, best tag first (ties by file name):
  // the non-yanked ones, or every one when all of them are yanked (then `yanked` is set).
  std::vector<const index::IndexFile*> wheels;
  resolver::WheelStatus status = resolver::WheelStatus::none;
  bool has_sdist = false;
  bool yanked = false;
  std::string yank_reason;
  std::optional<pep440::SpecifierSet> requires_python;  // of the best wheel (else any file)

  // The wheel an installer on the target would pick: its metadata stands for the release.
  [[nodiscard]] const index::IndexFile* best() const {
    return wheels.empty() ? nullptr : wheels.front();
  }
};

// Groups the wheels and sdists of `project` among `files` (files of other projects and other
// kinds are ignored) by version, newest first. The pointers point into `files`.
[[nodiscard]] std::vector<Release> group_releases(const pep508::PackageName& project,
                                                  std::span<const index::IndexFile> files,
                                                  const tags::SupportedTags& supported);

// The resolver's view of a release; `handle` is the best wheel's file name.
[[nodiscard]] resolver::Candidate to_candidate(const Release& release,
                                               const std::string& index_name);

}  // namespace gator::provision

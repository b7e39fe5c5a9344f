#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "index/index_file.hpp"
#include "index/policy.hpp"
#include "index/project_page.hpp"
#include "pep508/name.hpp"
#include "util/error.hpp"

// Finds a project's files on the configured indexes, applying the index policy: what the
// resolver's candidate provider calls. Pages come through one http::Client, many projects in
// parallel, revalidated through the HTTP cache; results are kept for the Finder's lifetime.
namespace gator::index {

struct ProjectFiles {
  pep508::PackageName project;
  std::optional<std::size_t> index{};  // into IndexPolicy::indexes(); none: no index has it
  std::string index_name{};            // "" when none
  std::optional<http::RedactedUrl> page_url{};  // the page the files came from (redirected)
  // The project's wheels and sdists (and, from a project page, files whose names parse as
  // neither: IndexFile::kind() == other), in page order.
  std::vector<IndexFile> files{};
  std::vector<PageWarning> warnings{};
  std::vector<std::string> searched{};  // the indexes asked, in order
  std::optional<PageFormat> format{};   // of the project page (none for find-links)
  http::CacheOutcome cache = http::CacheOutcome::not_used;

  [[nodiscard]] bool found() const { return index.has_value(); }
};

struct FinderOptions {
  http::CacheMode cache = http::CacheMode::revalidate;
};

class Finder {
 public:
  // `client` must outlive the Finder.
  Finder(http::Client& client, IndexPolicy policy, FinderOptions options = {});

  [[nodiscard]] const IndexPolicy& policy() const { return m_policy; }

  // Looks up every project not looked up yet, in parallel: each asks the indexes of its lookup
  // order one at a time and stops at the first that has it. Failures are kept per project and
  // thrown by find(); only Error(interrupted) is thrown here.
  void prefetch(std::span<const pep508::PackageName> projects);

  // The files of `project` from the index the policy selects (found() false when no index has
  // an unpinned project). Throws Error(resolution) for a pinned project missing from its index
  // and Error(network) when a page cannot be fetched or read.
  [[nodiscard]] const ProjectFiles& find(const pep508::PackageName& project);

 private:
  struct Lookup;
  struct FlatListing {
    std::vector<IndexFile> files;
    std::vector<PageWarning> warnings;
    std::optional<http::RedactedUrl> page_url;
    std::optional<Error> error;
  };

  void load_directories(const std::vector<Lookup>& lookups);
  [[nodiscard]] bool settle(Lookup& lookup, std::optional<ProjectFiles> hit);

  http::Client* m_client;
  IndexPolicy m_policy;
  FinderOptions m_options;
  std::map<pep508::PackageName, ProjectFiles> m_results;
  std::map<pep508::PackageName, Error> m_errors;
  std::map<std::size_t, FlatListing> m_flat;  // find-links sources, by index position
};

}  // namespace gator::index

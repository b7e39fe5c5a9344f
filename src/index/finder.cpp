#include "index/finder.hpp"

#include <memory>
#include <set>

#include "index/project_source.hpp"
#include "util/error_chain.hpp"

namespace gator::index {
namespace {

[[nodiscard]] std::string lookup_message(const pep508::PackageName& project,
                                         const IndexSpec& spec) {
  return "cannot look up " + project.str() + " on the index \"" + spec.name + "\"";
}

// What one request of a round is for.
struct Target {
  enum class Kind { flat_page, project_page } kind;
  std::size_t which;  // index position (flat_page) or lookup position (project_page)
};

}  // namespace

struct Finder::Lookup {
  pep508::PackageName project;
  std::vector<std::size_t> order;
  std::size_t position = 0;
};

Finder::Finder(http::Client& client, IndexPolicy policy, FinderOptions options)
    : m_client(&client), m_policy(std::move(policy)), m_options(options) {}

const ProjectFiles& Finder::find(const pep508::PackageName& project) {
  if (!m_results.contains(project) && !m_errors.contains(project))
    prefetch(std::span(&project, 1));
  if (const auto error = m_errors.find(project); error != m_errors.end())
    throw error->second;
  return m_results.at(project);
}

bool Finder::settle(Lookup& lookup, std::optional<ProjectFiles> hit) {
  if (!hit) {
    ++lookup.position;
    if (lookup.position < lookup.order.size())
      return false;
  }
  const std::size_t answered = hit ? lookup.position + 1 : lookup.order.size();
  const auto found = std::make_unique<bool[]>(answered + 1);
  for (std::size_t i = 0; i < answered; ++i)
    found[i] = hit.has_value() && i + 1 == answered;
  auto selection = m_policy.select(lookup.project, std::span<const bool>(found.get(), answered));
  if (!selection) {
    m_errors.emplace(lookup.project, std::move(selection.error()));
    return true;
  }
  ProjectFiles result = hit ? std::move(*hit) : ProjectFiles{lookup.project};
  for (std::size_t i : selection->searched)
    result.searched.push_back(m_policy.indexes()[i].name);
  if (selection->index) {
    result.index = selection->index;
    result.index_name = m_policy.indexes()[*selection->index].name;
  }
  m_results.emplace(lookup.project, std::move(result));
  return true;
}

void Finder::prefetch(std::span<const pep508::PackageName> projects) {
  std::vector<Lookup> active;
  std::set<pep508::PackageName> seen;
  for (const pep508::PackageName& project : projects) {
    if (m_results.contains(project) || m_errors.contains(project) || !seen.insert(project).second)
      continue;
    Lookup lookup{project, m_policy.lookup_order(project)};
    if (lookup.order.empty())
      (void)settle(lookup, std::nullopt);  // every index is explicit: nowhere to look
    else
      active.push_back(std::move(lookup));
  }
  const std::vector<IndexSpec>& indexes = m_policy.indexes();
  while (!active.empty()) {
    // One round: every lookup asks its current index; find-links sources are read once.
    std::vector<http::Request> requests;
    std::vector<Target> targets;
    std::vector<std::size_t> request_of(active.size(), 0);
    std::set<std::size_t> flat_requested;
    for (std::size_t i = 0; i < active.size(); ++i) {
      const std::size_t position = active[i].order[active[i].position];
      const IndexSpec& spec = indexes[position];
      if (spec.kind == SourceKind::simple) {
        request_of[i] = requests.size();
        requests.push_back(project_page_request(spec.url, active[i].project, m_options.cache));
        targets.push_back({Target::Kind::project_page, i});
      } else if (!m_flat.contains(position) && flat_requested.insert(position).second) {
        if (const auto directory = local_path(spec.url)) {
          FlatListing listing;
          try {
            listing.files = list_directory(*directory);
          } catch (const Error& error) {
            listing.error = error;
          }
          m_flat.emplace(position, std::move(listing));
        } else {
          http::Request request{spec.url};
          request.headers.push_back({"Accept", "text/html"});
          request.cache = m_options.cache;
          requests.push_back(std::move(request));
          targets.push_back({Target::Kind::flat_page, position});
        }
      }
    }
    std::vector<http::Client::Outcome> outcomes =
        requests.empty() ? std::vector<http::Client::Outcome>{} : m_client->fetch_all(requests);

    for (std::size_t r = 0; r < targets.size(); ++r) {
      if (targets[r].kind != Target::Kind::flat_page)
        continue;
      const IndexSpec& spec = indexes[targets[r].which];
      FlatListing listing;
      try {
        if (!outcomes[r])
          throw outcomes[r].error();
        std::optional<ProjectPage> page = read_project_page(*outcomes[r], spec.url);
        if (!page)
          throw Error(ErrorKind::network, "the find-links page " + spec.url.display() +
                                              " does not exist (HTTP " +
                                              std::to_string(outcomes[r]->status) + ")");
        listing.files = std::move(page->files);
        listing.warnings = std::move(page->warnings);
        listing.page_url = outcomes[r]->effective_url.without_credentials();
      } catch (const Error& error) {
        listing.error = error;
      }
      m_flat.emplace(targets[r].which, std::move(listing));
    }

    std::vector<Lookup> still_active;
    for (std::size_t i = 0; i < active.size(); ++i) {
      Lookup& lookup = active[i];
      const std::size_t position = lookup.order[lookup.position];
      const IndexSpec& spec = indexes[position];
      std::optional<ProjectFiles> hit;
      try {
        if (spec.kind == SourceKind::simple) {
          const http::Client::Outcome& outcome = outcomes[request_of[i]];
          if (!outcome)
            throw outcome.error();
          const http::RedactedUrl& requested = requests[request_of[i]].url;
          if (std::optional<ProjectPage> page = read_project_page(*outcome, requested)) {
            hit = ProjectFiles{lookup.project};
            hit->page_url = outcome->effective_url.without_credentials();
            hit->cache = outcome->cache;
            hit->format = page->format;
            hit->warnings = std::move(page->warnings);
            for (IndexFile& file : page->files) {
              if (file.belongs_to(lookup.project) || file.kind() == FileKind::other)
                hit->files.push_back(std::move(file));
            }
          }
        } else {
          const FlatListing& listing = m_flat.at(position);
          if (listing.error)
            throw *listing.error;
          ProjectFiles files{lookup.project};
          files.page_url = listing.page_url;
          for (const IndexFile& file : listing.files) {
            if (file.belongs_to(lookup.project))
              files.files.push_back(file);
          }
          if (!files.files.empty()) {
            files.warnings = listing.warnings;
            hit = std::move(files);
          }
        }
      } catch (const Error& error) {
        if (error.kind() == ErrorKind::interrupted)
          throw;
        m_errors.emplace(lookup.project, wrap(error, lookup_message(lookup.project, spec)));
        continue;
      }
      if (!settle(lookup, std::move(hit)))
        still_active.push_back(std::move(lookup));
    }
    active = std::move(still_active);
  }
}

}  // namespace gator::index

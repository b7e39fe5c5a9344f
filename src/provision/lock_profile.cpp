#include "provision/lock_profile.hpp"

#include <algorithm>
#include <utility>

#include "cache/sha256_hasher.hpp"
#include "http/client.hpp"
#include "index/finder.hpp"
#include "profile/show.hpp"
#include "provision/index_provider.hpp"
#include "provision/lock_entries.hpp"
#include "resolver/resolve.hpp"
#include "util/error.hpp"

namespace gator::provision {
namespace {

[[nodiscard]] std::string series_of(const pep508::InterpreterVersion& version) {
  return std::to_string(version.major) + "." + std::to_string(version.minor);
}

[[nodiscard]] resolver::ResolveOptions resolve_options(const LockOptions& options) {
  resolver::ResolveOptions resolve;
  resolve.upgrade_all = options.upgrade;
  resolve.upgrade_packages = options.upgrade_packages;
  resolve.root_name = "the profile";
  if (options.previous)
    for (const lock::Package& package : options.previous->packages)
      if (package.version)
        if (auto name = pep508::PackageName::parse(package.name))
          resolve.preferences.push_back(resolver::Preference{std::move(*name), *package.version});
  return resolve;
}

[[nodiscard]] Error no_solution(const profile::Profile& profile,
                                const resolver::NoSolution& failure) {
  Error error(ErrorKind::resolution, "cannot lock profile " + profile.name.value +
                                         ": the requirements cannot be satisfied\n" +
                                         failure.explanation);
  for (const std::string& hint : failure.hints)
    error.hint(hint);
  return error;
}

}  // namespace

lock::GatorFacts gator_facts(const profile::Profile& profile, const LockTarget& target,
                             const index::IndexPolicy& policy) {
  lock::GatorFacts facts;
  facts.profile = profile.name.value;
  facts.profile_digest = cache::sha256_of(profile::profile_digest(profile));
  facts.target = target.facts();
  facts.indexes = index_facts(policy);
  for (const auto& [project, pin] : policy.pins())
    facts.sources[project.str()] = pin.index;
  return facts;
}

std::vector<pep508::Requirement> profile_requirements(const profile::Profile& profile) {
  std::vector<pep508::Requirement> requirements;
  for (const auto& requirement : profile.requirements.packages.value)
    requirements.push_back(requirement.value);
  return requirements;
}

LockOutcome lock_profile(const profile::Profile& profile, const LockTarget& target,
                         const LockOptions& options) {
  index::IndexPolicy policy = make_index_policy(profile, options.index_overrides);
  http::ClientOptions client_options = options.http;
  client_options.cache_dir = options.cache_dir;
  client_options.offline = options.offline;
  http::Client client(std::move(client_options), options.observer);
  index::Finder finder(client, policy);
  index::MetadataFetcher fetcher(client, index::MetadataOptions{options.cache_dir, {}});
  IndexProvider provider(finder, fetcher, target);

  std::vector<resolver::RootRequirement> roots;
  for (const auto& requirement : profile.requirements.packages.value)
    roots.push_back(resolver::RootRequirement{requirement.value, requirement.origin.to_string()});
  auto resolution =
      resolver::resolve(roots, provider, target.resolver_target(), resolve_options(options));
  if (!resolution)
    throw no_solution(profile, resolution.error());

  LockOutcome outcome;
  outcome.warnings = resolution->warnings;
  outcome.statistics.resolver = resolution->statistics;
  outcome.statistics.metadata = provider.metadata_sources();

  lock::Lockfile& lockfile = outcome.lockfile;
  lockfile.created_by = std::string(lock::k_tool_name);
  lockfile.requires_python = profile.python.version.value.specifier;
  if (auto marker = lock::target_marker(target.platform, target.arch, series_of(target.python)))
    lockfile.environments = std::vector<pep508::Marker>{std::move(*marker)};
  lockfile.gator = gator_facts(profile, target, finder.policy());

  const EntryContext context{provider, finder.policy(), options};
  lockfile.packages = lock_entries(*resolution, context, client, outcome.statistics);
  std::sort(lockfile.packages.begin(), lockfile.packages.end(), lock::package_less);
  return outcome;
}

}  // namespace gator::provision

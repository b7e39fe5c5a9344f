#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "conformance.hpp"
#include "http/client.hpp"
#include "index/finder.hpp"
#include "index/metadata_fetcher.hpp"
#include "index/project_source.hpp"
#include "index_tree.hpp"
#include "lock/read.hpp"
#include "lock/write.hpp"
#include "profile_builder.hpp"
#include "provision/index_provider.hpp"
#include "provision/indexes.hpp"
#include "provision/lock_profile.hpp"
#include "resolver/resolve.hpp"
#include "util/error.hpp"

// packse's resolver scenarios (tests/data/conformance/scenarios.json) through the real stack:
// each scenario's universe is written as a file:// simple index (real wheels whose METADATA
// carries Requires-Dist, Provides-Extra and Requires-Python; sdists; data-yanked;
// data-requires-python; the scenario's wheel tags) and locked with lock_profile from a
// generated profile (or, for resolver options a profile cannot express, resolved through the
// same Finder, IndexProvider and resolver). The outcome must be the one the scenario expects,
// as in the resolver's in-memory scenarios_test.cpp.
namespace gator::provision {
namespace {
namespace fs = std::filesystem;

using nlohmann::json;

// Records the in-memory suite runs but this one does not, with the reason:
// exclusions.txt lines `scenarios.json <id>/local-index <reason>`.
constexpr const char* k_local_suffix = "/local-index";

[[nodiscard]] std::vector<std::string> strings(const json& array) {
  std::vector<std::string> out;
  for (const json& item : array)
    out.push_back(item.get<std::string>());
  return out;
}

[[nodiscard]] std::string canonical(const std::string& name) {
  const auto parsed = pep508::PackageName::parse(name);
  if (!parsed)
    throw std::runtime_error("bad project name in scenario: " + name);
  return parsed->str();
}

// A requirement of `extra` as METADATA writes it: its marker ANDed with `extra == "<extra>"`.
[[nodiscard]] std::string for_extra(const std::string& requirement, const std::string& extra) {
  const std::size_t semicolon = requirement.find(';');
  const std::string condition = "extra == \"" + extra + "\"";
  if (semicolon == std::string::npos)
    return requirement + "; " + condition;
  return requirement.substr(0, semicolon) + "; (" + requirement.substr(semicolon + 1) + ") and " +
         condition;
}

// Every release of every project of the scenario, on the index "pypi" of `tree`.
void write_universe(const json& scenario, testing::IndexTree& tree) {
  for (const auto& [project, info] : scenario["packages"].items()) {
    const std::string page = canonical(project);
    tree.add_project("pypi", page);
    for (const auto& [version, release] : info["versions"].items()) {
      std::vector<std::string> requires_dist = strings(release["requires"]);
      std::vector<std::string> provides_extra;
      for (const auto& [extra, requirements] : release["extras"].items()) {
        provides_extra.push_back(extra);
        for (const std::string& requirement : strings(requirements))
          requires_dist.push_back(for_extra(requirement, extra));
      }
      testing::LinkOptions link;
      if (release["requires_python"].is_string())
        link.requires_python = release["requires_python"].get<std::string>();
      if (release["yanked"].get<bool>())
        link.yanked = "";  // packse gives no reason
      for (const json& distribution : release["distributions"]) {
        const std::string filename = distribution["filename"].get<std::string>();
        const std::string name = filename.substr(0, filename.find('-'));
        if (distribution["type"] == "sdist") {
          tree.add_sdist("pypi", page, name, version, link);
          continue;
        }
        const testing::WheelSpec wheel{name,
                                       version,
                                       distribution["tag"].get<std::string>(),
                                       requires_dist,
                                       link.requires_python,
                                       provides_extra};
        ASSERT_EQ(testing::wheel_filename(wheel), filename);
        tree.add("pypi", page, wheel, link);
      }
    }
  }
  tree.write_pages();
}

// The scenario's root as a profile: its Python (resolver_options.python, else the
// environment's), Linux x86_64 with glibc 2.28, or 2.17 for "x86_64-manylinux2014" (as
// scenarios_test.cpp), and the local index as the only non-explicit index.
[[nodiscard]] testing::ProfileSpec profile_spec(const json& scenario, const fs::path& www) {
  const json& options = scenario["resolver_options"];
  testing::ProfileSpec spec;
  spec.python = options["python"].is_string()
                    ? options["python"].get<std::string>()
                    : scenario["environment"]["python"].get<std::string>();
  std::string glibc = "2.28";
  if (options["python_platform"].is_string()) {
    EXPECT_EQ(options["python_platform"].get<std::string>(), "x86_64-manylinux2014");
    glibc = "2.17";
  }
  spec.target = "platform = \"linux\"\narch = \"x86_64\"\nglibc = \"" + glibc + "\"\n";
  spec.pytorch_url = index::file_url(www / "unused").display();  // explicit, pins nothing
  spec.pypi_url = index::file_url(www / "pypi").display();
  spec.sources.clear();
  spec.packages.clear();
  for (const std::string& requirement : strings(scenario["root"]["requires"])) {
    std::string escaped;
    for (char c : requirement)
      escaped += c == '"' || c == '\\' ? std::string{'\\', c} : std::string(1, c);
    spec.packages.push_back(escaped);
  }
  return spec;
}

// name -> version of the resolved packages, or nullopt when the requirements cannot be
// satisfied (`explanation` says why).
using Outcome = std::optional<std::map<std::string, std::string>>;

// --no-binary, which gator-provision has no option for: the real provider's candidates with
// their wheels ignored for the listed projects (sdists are never built either).
class NoBinaryProvider final : public resolver::Provider {
 public:
  NoBinaryProvider(resolver::Provider& inner, std::vector<std::string> projects)
      : m_inner(&inner), m_projects(std::move(projects)) {}

  [[nodiscard]] std::optional<std::vector<resolver::Candidate>> list(
      const pep508::PackageName& name) override {
    auto candidates = m_inner->list(name);
    if (candidates && no_binary(name))
      for (resolver::Candidate& candidate : *candidates)
        candidate.wheel = resolver::WheelStatus::none;
    return candidates;
  }
  [[nodiscard]] std::expected<resolver::Metadata, std::string> metadata(
      const pep508::PackageName& name, const resolver::Candidate& candidate) override {
    return m_inner->metadata(name, candidate);
  }
  void prefetch(std::span<const resolver::PrefetchHint> hints) override {
    m_inner->prefetch(hints);
  }

 private:
  [[nodiscard]] bool no_binary(const pep508::PackageName& name) const {
    for (const std::string& project : m_projects)
      if (canonical(project) == name.str())
        return true;
    return false;
  }

  resolver::Provider* m_inner;
  std::vector<std::string> m_projects;
};

// The wheel files of a release of the scenario, or nullptr.
[[nodiscard]] const json* release_of(const json& scenario, const std::string& name,
                                     const pep440::Version& version) {
  for (const auto& [project, info] : scenario["packages"].items()) {
    if (canonical(project) != name)
      continue;
    for (const auto& [text, release] : info["versions"].items())
      if (pep440::Version::parse(text) == version)
        return &release;
  }
  return nullptr;
}

// A lock entry's files are wheels of that release in the scenario, from the local index, and
// the lock file reads back as written.
void check_lockfile(const json& scenario, const lock::Lockfile& lockfile,
                    const std::string& index_url) {
  for (const lock::Package& package : lockfile.packages) {
    ASSERT_TRUE(package.version) << package.name;
    EXPECT_EQ(package.index, index_url) << package.name;
    EXPECT_FALSE(package.sdist) << package.name;
    EXPECT_FALSE(package.wheels.empty()) << package.name << ": locked without a wheel";
    const json* release = release_of(scenario, package.name, *package.version);
    ASSERT_NE(release, nullptr) << package.name << " " << package.version->to_string();
    for (const lock::Wheel& wheel : package.wheels) {
      bool listed = false;
      for (const json& distribution : (*release)["distributions"])
        listed =
            listed || (distribution["type"] == "wheel" && distribution["filename"] == wheel.name);
      EXPECT_TRUE(listed) << wheel.name;
      EXPECT_TRUE(wheel.hashes.sha256) << wheel.name;
    }
  }
  const auto text = lock::write_lockfile(lockfile);
  ASSERT_TRUE(text) << text.error().render("write");
  const auto read = lock::parse_lockfile(*text, "pylock.x.toml");
  ASSERT_TRUE(read) << read.error().render("read") << "\n" << *text;
  EXPECT_EQ(read->lockfile, lockfile) << *text;
}

// Through lock_profile: what `gator-provision lock` does.
[[nodiscard]] Outcome lock_outcome(const json& scenario, const profile::Profile& profile,
                                   const LockTarget& target, std::string& explanation) {
  try {
    const LockOutcome outcome = lock_profile(profile, target, LockOptions{});
    check_lockfile(scenario, outcome.lockfile, profile.indexes.back().url.value);
    // A yanked release is locked only when pinned with ==, and then with a warning.
    for (const lock::Package& package : outcome.lockfile.packages) {
      const json* release =
          package.version ? release_of(scenario, package.name, *package.version) : nullptr;
      if (release == nullptr || !(*release)["yanked"].get<bool>())
        continue;
      bool warned = false;
      for (const resolver::Warning& warning : outcome.warnings)
        warned = warned ||
                 (warning.kind == resolver::WarningKind::yanked && warning.package == package.name);
      EXPECT_TRUE(warned) << package.name << " is yanked";
    }
    std::map<std::string, std::string> versions;
    for (const lock::Package& package : outcome.lockfile.packages)
      versions[package.name] = package.version ? package.version->to_string() : "";
    return versions;
  } catch (const Error& error) {
    explanation = error.render("lock");
    EXPECT_EQ(error.kind(), ErrorKind::resolution) << explanation;
    return std::nullopt;
  }
}

// The same parts lock_profile puts together, for resolver options a profile cannot express
// (pre-releases for every project, --no-binary).
[[nodiscard]] Outcome resolve_outcome(const json& options, const profile::Profile& profile,
                                      const LockTarget& target, std::string& explanation) {
  http::Client client(http::ClientOptions{}, nullptr);
  index::Finder finder(client, make_index_policy(profile, {}));
  index::MetadataFetcher fetcher(client, index::MetadataOptions{});
  IndexProvider index_provider(finder, fetcher, target);
  NoBinaryProvider provider(index_provider, strings(options["no_binary"]));

  std::vector<resolver::RootRequirement> roots;
  for (const auto& requirement : profile.requirements.packages.value)
    roots.push_back(resolver::RootRequirement{requirement.value, requirement.origin.to_string()});
  resolver::ResolveOptions resolve_options;
  if (options["prereleases"].get<bool>())
    resolve_options.prereleases = resolver::Prereleases::allow;
  const auto result = resolver::resolve(roots, provider, target.resolver_target(), resolve_options);
  if (!result) {
    explanation = result.error().explanation;
    return std::nullopt;
  }
  std::map<std::string, std::string> versions;
  for (const resolver::ResolvedPackage& package : result->packages)
    versions[package.name.str()] = package.version.to_string();
  return versions;
}

[[nodiscard]] bool needs_resolver_options(const json& options) {
  return options["prereleases"].get<bool>() || !options["no_binary"].empty();
}

[[nodiscard]] std::string summary(const Outcome& outcome, const std::string& explanation) {
  if (!outcome)
    return "no solution:\n" + explanation;
  std::string out;
  for (const auto& [name, version] : *outcome)
    out += (out.empty() ? "" : ", ") + name + " " + version;
  return out;
}

void check_scenario(const json& scenario, const fs::path& dir) {
  const fs::path www = dir / "www";
  testing::IndexTree tree(www);
  write_universe(scenario, tree);
  if (::testing::Test::HasFatalFailure())
    return;
  fs::create_directories(www / "unused");

  const profile::Profile profile = testing::make_profile(profile_spec(scenario, www));
  const LockTarget target = make_lock_target(profile, nullptr, HostFacts{"x86_64", "2.36"});
  const json& options = scenario["resolver_options"];
  std::string explanation;
  const Outcome outcome = needs_resolver_options(options)
                              ? resolve_outcome(options, profile, target, explanation)
                              : lock_outcome(scenario, profile, target, explanation);

  const json& expected = scenario["expected"];
  ASSERT_EQ(outcome.has_value(), expected["satisfiable"].get<bool>())
      << summary(outcome, explanation);
  if (!outcome || !expected["packages_asserted"].get<bool>())
    return;
  for (const auto& [project, version] : expected["packages"].items()) {
    const auto found = outcome->find(canonical(project));
    ASSERT_NE(found, outcome->end()) << project << " missing: " << summary(outcome, explanation);
    EXPECT_EQ(found->second, version.get<std::string>()) << summary(outcome, explanation);
  }
}

TEST(PackseLocalIndex, EveryScenarioLocksAsExpected) {
  const fs::path root = fs::temp_directory_path() / ("gator-packse-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const auto started = std::chrono::steady_clock::now();
  std::size_t ran = 0;
  std::size_t excluded = 0;
  for (const json& scenario : gator::test::conformance_file("scenarios.json")["scenarios"]) {
    const std::string id = scenario["id"].get<std::string>();
    if (!gator::test::exclusion_reason("scenarios.json", id).empty() ||
        !gator::test::exclusion_reason("scenarios.json", id + k_local_suffix).empty()) {
      ++excluded;
      continue;
    }
    SCOPED_TRACE("scenarios.json " + id + " (" + scenario["name"].get<std::string>() + ")");
    check_scenario(scenario, root / id);
    ++ran;
  }
  fs::remove_all(root);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  std::printf("[conformance] scenarios.json local-index: %zu ran, %zu excluded\n", ran, excluded);
  std::printf("(the local indexes were written and locked in %lld ms)\n",
              static_cast<long long>(elapsed.count()));
  EXPECT_GT(ran, 0u);
}

}  // namespace
}  // namespace gator::provision

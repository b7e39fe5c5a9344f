#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pep440/specifier.hpp"
#include "pep440/version.hpp"
#include "pep508/name.hpp"
#include "pep508/requirement.hpp"

// How the resolver learns about packages. The index layer implements Provider over the simple
// API (index policy, HTTP, caches); tests use InMemoryProvider. The resolver itself does no I/O.
namespace gator::resolver {

// Whether a release has a file the target can install without building anything.
enum class WheelStatus : std::uint8_t {
  compatible,    // a wheel whose tags the target supports
  incompatible,  // wheels, but none for the target
  none,          // no wheel at all
};

// One release of a project as an index lists it: what the resolver needs before reading any
// metadata.
struct Candidate {
  pep440::Version version;
  WheelStatus wheel = WheelStatus::compatible;
  bool has_sdist = false;
  bool yanked = false;
  std::string yank_reason;  // PEP 592 reason; may be empty
  std::optional<pep440::SpecifierSet> requires_python;
  std::string index;   // where it came from (index name); copied into the resolution
  std::string handle;  // provider-specific (e.g. the chosen wheel); copied into the resolution
};

// The core metadata fields the resolver reads (of the wheel the provider would install).
struct Metadata {
  std::vector<pep508::Requirement> requires_dist;
  std::vector<std::string> provides_extra;
};

// A project the resolver will probably ask about soon.
struct PrefetchHint {
  pep508::PackageName name;
  pep440::SpecifierSet specifier;            // what the requirement that named it allows
  std::optional<pep440::Version> preferred;  // e.g. the locked version, tried first
};

class Provider {
 public:
  Provider() = default;
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;
  virtual ~Provider() = default;

  // Every release of the project on the index that serves it (any order, duplicates allowed);
  // nullopt when no index has the project. Network failures are thrown (gator::Error).
  [[nodiscard]] virtual std::optional<std::vector<Candidate>> list(
      const pep508::PackageName& name) = 0;

  // The metadata of a candidate returned by list(). An error message makes that release
  // unusable ("METADATA is malformed: ..."); network failures are thrown.
  [[nodiscard]] virtual std::expected<Metadata, std::string> metadata(
      const pep508::PackageName& name, const Candidate& candidate) = 0;

  // A hint, never a requirement: the resolver will likely need these projects' listings and the
  // metadata of their newest release matching `specifier` (or of `preferred`), so a provider
  // may start fetching them in parallel. The resolver still calls list()/metadata() later.
  virtual void prefetch(std::span<const PrefetchHint> hints) { (void)hints; }

 protected:
  Provider(Provider&&) = default;
  Provider& operator=(Provider&&) = default;
};

// A provider over releases held in memory: for tests, and for callers that already have every
// listing and metadata (e.g. replaying a lock).
class InMemoryProvider final : public Provider {
 public:
  struct Release {
    Candidate candidate;
    Metadata metadata;
    std::optional<std::string> metadata_error;  // set: metadata() fails with this message
  };

  // Registers the project (so that it is found even with no releases) and adds the release.
  void add(const pep508::PackageName& name, Release release);
  void add_project(const pep508::PackageName& name);

  [[nodiscard]] std::optional<std::vector<Candidate>> list(
      const pep508::PackageName& name) override;
  [[nodiscard]] std::expected<Metadata, std::string> metadata(const pep508::PackageName& name,
                                                              const Candidate& candidate) override;
  void prefetch(std::span<const PrefetchHint> hints) override;

  // What the resolver asked for, in order (to test laziness and hints).
  [[nodiscard]] const std::vector<std::string>& listed() const { return m_listed; }
  [[nodiscard]] const std::vector<std::string>& metadata_requests() const {
    return m_metadata_requests;
  }
  [[nodiscard]] const std::vector<PrefetchHint>& hints() const { return m_hints; }

 private:
  struct Project {
    pep508::PackageName name;
    std::vector<Release> releases;
  };
  [[nodiscard]] Project* find(const pep508::PackageName& name);

  std::vector<Project> m_projects;
  std::vector<std::string> m_listed;
  std::vector<std::string> m_metadata_requests;  // "name version"
  std::vector<PrefetchHint> m_hints;
};

}  // namespace gator::resolver

#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pep440/version.hpp"
#include "pep508/environment.hpp"
#include "pep508/name.hpp"
#include "pep508/requirement.hpp"

namespace gator::resolver {

// One requirement of the profile, with where it was written ("profiles/mi25.toml:14"), named in
// explanations.
struct RootRequirement {
  pep508::Requirement requirement;
  std::string origin;
};

// The machine the lock is for. Whether a wheel suits the target's tags is the provider's call
// (Candidate::wheel); the resolver checks Requires-Python and evaluates markers.
struct Target {
  pep440::Version python;             // checked against Requires-Python
  pep508::MarkerEnvironment markers;  // `extra` is set by the resolver
};

enum class Prereleases : std::uint8_t {
  // A project's pre-releases are candidates only when a root requirement on it names one
  // (">=2.0b1", "==2.0rc1") or when it has nothing but pre-releases (uv's default).
  if_necessary_or_explicit,
  allow,  // every pre-release is a candidate
};

// A version the resolver tries first for a project, e.g. from the existing lockfile.
struct Preference {
  pep508::PackageName name;
  pep440::Version version;
};

struct ResolveOptions {
  Prereleases prereleases = Prereleases::if_necessary_or_explicit;
  std::vector<Preference> preferences;
  bool upgrade_all = false;                           // --upgrade: ignore every preference
  std::vector<pep508::PackageName> upgrade_packages;  // --upgrade-package: ignore these
  // How explanations name the root ("the profile (profiles/x.toml:14) requires ...").
  std::string root_name = "the profile";
};

}  // namespace gator::resolver

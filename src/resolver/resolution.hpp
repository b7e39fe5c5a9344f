#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pep440/version.hpp"
#include "pep508/name.hpp"

namespace gator::resolver {

// An edge of the resolved graph: the package requires `name` (with `extras`) within
// `specifier`; `via_extra` is the extra of the requiring package that brought it in, if any.
struct Dependency {
  pep508::PackageName name;
  std::vector<std::string> extras;  // normalized, sorted
  std::string specifier;            // as written ("" for any version)
  std::string via_extra;
};

struct ResolvedPackage {
  pep508::PackageName name;
  pep440::Version version;
  std::string index;                     // Candidate::index of the chosen release
  std::string handle;                    // Candidate::handle of the chosen release
  std::vector<std::string> extras;       // activated extras, normalized and sorted
  std::vector<Dependency> dependencies;  // sorted by name, then extra
  bool yanked = false;
};

enum class WarningKind : std::uint8_t {
  yanked,          // a yanked release was chosen because the profile pins it
  missing_extra,   // a requested extra that the release does not provide
  invalid_marker,  // a marker that cannot be evaluated; its requirement was skipped
};

struct Warning {
  WarningKind kind = WarningKind::yanked;
  std::string package;  // normalized project name
  std::string message;  // a sentence, e.g. "a 1.0.0 is yanked (reason: broken build)"
};

struct Statistics {
  std::size_t decisions = 0;
  std::size_t conflicts = 0;
  std::size_t listings = 0;
  std::size_t metadata_reads = 0;
};

struct Resolution {
  std::vector<ResolvedPackage> packages;  // sorted by name
  std::vector<Dependency> root_dependencies;
  std::vector<Warning> warnings;
  Statistics statistics;
};

// Why no resolution exists: a chain of facts, one derivation per line, each line ending with
// what it proves; lines referred to later start with "(N) ".
struct NoSolution {
  std::string explanation;
  std::vector<std::string> hints;
  Statistics statistics;
};

}  // namespace gator::resolver

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pep440/version.hpp"
#include "resolver/term.hpp"

// Incompatibilities: sets of terms that must not all hold, each with the fact (or the two prior
// incompatibilities) it comes from, so that a failure can be explained.
namespace gator::resolver::detail {

using PackageId = std::uint32_t;
using IncompatId = std::uint32_t;
inline constexpr PackageId k_root_package = 0;

enum class CauseKind : std::uint8_t {
  not_root,          // {not root}: the root must be selected
  root_requirement,  // {root, not q in T}: a requirement of the profile
  dependency,        // {p in P, not q in T}: every release in P requires q in T
  no_versions,       // {p in S}: no usable release of p lies in S
  unavailable,       // {p in S}: these releases cannot be used (e.g. unreadable metadata)
  derived,           // resolution of `cause1` and `cause2`
};

// Why a release exists but cannot be a candidate.
enum class Unusable : std::uint8_t { none, requires_python, no_wheel, yanked, prerelease };

struct UnusableRelease {
  pep440::Version version;
  Unusable why = Unusable::none;
  std::string detail;  // the Requires-Python text, the yank reason, the kind of files
};

struct TermEntry {
  PackageId package = 0;
  Term term;
};

struct Incompatibility {
  std::vector<TermEntry> terms;  // sorted by package, at most one term per package
  CauseKind kind = CauseKind::derived;
  std::string requirement;                // root_requirement, dependency: "torch==2.3.1" as written
  std::string origin;                     // root_requirement: "profiles/x.toml:14"
  std::string reason;                     // unavailable: a sentence fragment
  bool not_found = false;                 // no_versions: the project is on no index
  std::vector<UnusableRelease> unusable;  // no_versions: the releases in S that were skipped
  IncompatId cause1 = 0;
  IncompatId cause2 = 0;

  [[nodiscard]] const Term* term_for(PackageId package) const;
  // Failure: nothing left but "the root is selected".
  [[nodiscard]] bool is_terminal() const;
};

// Terms of one package are ANDed; a term that always holds adds nothing and is dropped.
[[nodiscard]] std::vector<TermEntry> normalize_terms(std::vector<TermEntry> terms);

}  // namespace gator::resolver::detail

#pragma once

#include <string>
#include <vector>

#include "resolver/solver.hpp"

// Turning the derivation graph of a failure into a chain of facts (PubGrub's error reporting,
// worded for Python packages and profiles).
namespace gator::resolver::detail {

struct Explanation {
  std::string text;
  std::vector<std::string> hints;
};

[[nodiscard]] Explanation explain(const Universe& universe, IncompatId root_cause);

// How a package and a set of its versions read in a sentence.
// subject: "torch 2.3.1", "torch>=2.0,<=2.3.1", "every version of torch", "the profile".
[[nodiscard]] std::string subject(const Universe& universe, PackageId package,
                                  const VersionSet& versions);
// requirement: "torch==2.3.1", "torch>=2.0", "torch" (any version).
[[nodiscard]] std::string requirement(const Universe& universe, PackageId package,
                                      const VersionSet& versions);
// The indices (newest first) of the package's known releases that lie in `versions`.
[[nodiscard]] std::vector<std::size_t> releases_in(const Universe& universe, PackageId package,
                                                   const VersionSet& versions);
// An external incompatibility as a fact: "torchvision 0.18.1 depends on torch==2.3.1".
[[nodiscard]] std::string fact(const Universe& universe, const Incompatibility& incompatibility);
// A derived incompatibility as what it proves: "torchvision 0.18.1 requires torch==2.3.1".
[[nodiscard]] std::string conclusion(const Universe& universe,
                                     const Incompatibility& incompatibility);

}  // namespace gator::resolver::detail

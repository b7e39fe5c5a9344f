#include "resolver/resolve.hpp"

#include "resolver/solver.hpp"

namespace gator::resolver {

std::expected<Resolution, NoSolution> resolve(std::span<const RootRequirement> roots,
                                              Provider& provider, const Target& target,
                                              const ResolveOptions& options) {
  detail::Solver solver(roots, provider, target, options);
  return solver.run();
}

}  // namespace gator::resolver

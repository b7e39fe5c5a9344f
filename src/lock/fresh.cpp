#include "lock/fresh.hpp"

namespace gator::lock {

namespace {

[[nodiscard]] std::string short_digest(const std::optional<dist::Sha256>& digest) {
  return digest ? digest->to_string().substr(0, 12) : std::string("(none)");
}

[[nodiscard]] std::string target_text(const TargetFacts& target) {
  return "python " + target.python + ", " + target.platform + " " + target.arch +
         (target.glibc ? ", glibc " + *target.glibc : std::string());
}

[[nodiscard]] std::string indexes_text(const std::vector<IndexFact>& indexes) {
  std::string out;
  for (const IndexFact& index : indexes)
    out += (out.empty() ? "" : ", ") + index.name + "=" + index.url +
           (index.explicit_only ? " (explicit)" : "");
  return out.empty() ? std::string("(none)") : out;
}

[[nodiscard]] std::string sources_text(const std::map<std::string, std::string>& sources) {
  std::string out;
  for (const auto& [package, index] : sources)
    out += (out.empty() ? "" : ", ") + package + "=" + index;
  return out.empty() ? std::string("(none)") : out;
}

}  // namespace

Freshness check_freshness(const Lockfile& lockfile, const GatorFacts& expected,
                          std::span<const pep508::Requirement> requirements,
                          const pep508::MarkerEnvironment& environment) {
  Freshness result;
  std::vector<std::string>& reasons = result.reasons;
  if (!lockfile.gator) {
    reasons.push_back(
        "the lock file has no [tool.gator-provision] table (it was not made by "
        "gator-provision for a profile)");
  } else {
    const GatorFacts& facts = *lockfile.gator;
    if (facts.profile != expected.profile)
      reasons.push_back("the lock file is for profile \"" + facts.profile + "\", not \"" +
                        expected.profile + "\"");
    if (facts.profile_digest != expected.profile_digest)
      reasons.push_back("the profile changed since the lock was made (digest " +
                        short_digest(facts.profile_digest) + " -> " +
                        short_digest(expected.profile_digest) + ")");
    if (facts.target != expected.target)
      reasons.push_back("the target changed: " + target_text(facts.target) + " -> " +
                        target_text(expected.target));
    if (facts.indexes != expected.indexes)
      reasons.push_back("the indexes changed: " + indexes_text(facts.indexes) + " -> " +
                        indexes_text(expected.indexes));
    if (facts.sources != expected.sources)
      reasons.push_back("the pinned sources changed: " + sources_text(facts.sources) + " -> " +
                        sources_text(expected.sources));
  }

  for (const pep508::Requirement& requirement : requirements) {
    if (requirement.marker()) {
      const auto holds = requirement.marker()->evaluate(environment);
      if (holds && !*holds)
        continue;
    }
    const std::string& name = requirement.package_name().str();
    std::vector<const Package*> entries;
    for (const Package& package : lockfile.packages)
      if (package.name == name)
        entries.push_back(&package);
    if (entries.empty()) {
      reasons.push_back(requirement.to_string() + " is required, but the lock file has no " + name);
      continue;
    }
    bool satisfied = false;
    std::string locked;
    for (const Package* package : entries) {
      if (!package->version || requirement.specifier().contains(*package->version, true))
        satisfied = true;
      if (package->version)
        locked += (locked.empty() ? "" : ", ") + package->version->to_string();
    }
    if (!satisfied)
      reasons.push_back(requirement.to_string() + " is not satisfied by the locked " + name + " " +
                        locked);
  }
  return result;
}

}  // namespace gator::lock

#include <cstdint>
#include <map>

#include <gtest/gtest.h>

#include "universe.hpp"

// A large generated universe: the resolver must find a valid resolution (checked here edge by
// edge) without exploring it release by release. No timing is asserted.
namespace gator::resolver {
namespace {

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  [[nodiscard]] std::uint64_t next() {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return m_state >> 33;
  }
  [[nodiscard]] unsigned below(unsigned bound) { return static_cast<unsigned>(next() % bound); }

 private:
  std::uint64_t m_state;
};

struct Generated {
  test::Universe universe;
  std::vector<RootRequirement> roots;
  std::map<std::string, std::vector<std::string>> requirements;  // "name version" -> deps
};

[[nodiscard]] std::string package_name(unsigned index) {
  return "pkg" + std::to_string(index);
}

// 300 projects with 10-60 releases each. Newer releases of a project require newer releases of
// its dependencies (lower bounds that move up), some old ones cap them, and the root pins an
// old release of the most depended-on project, so the newest releases of many projects do not
// fit and the resolver has to step back through ranges of them.
void generate(Generated& out) {
  constexpr unsigned k_projects = 300;
  Random random(20240611);
  std::vector<unsigned> releases(k_projects);
  for (unsigned i = 0; i < k_projects; ++i)
    releases[i] = 10 + random.below(51);
  for (unsigned i = 0; i < k_projects; ++i) {
    std::vector<unsigned> deps;
    const unsigned count = i == 0 ? 0 : random.below(5);
    for (unsigned d = 0; d < count; ++d) {
      // Mostly the low-numbered, widely used projects.
      const unsigned dep = random.below(2) == 0 ? random.below(std::min(i, 10u)) : random.below(i);
      if (std::find(deps.begin(), deps.end(), dep) == deps.end())
        deps.push_back(dep);
    }
    std::vector<test::ReleaseSpec> specs;
    for (unsigned r = 0; r < releases[i]; ++r) {
      test::ReleaseSpec spec;
      spec.version = std::to_string(1 + r / 10) + "." + std::to_string(r % 10) + ".0";
      for (const unsigned dep : deps) {
        // Release r of i needs at least the release of dep at the same relative position.
        const unsigned floor = r * releases[dep] / releases[i] / 2;
        std::string text = package_name(dep) + ">=" + std::to_string(1 + floor / 10) + "." +
                           std::to_string(floor % 10) + ".0";
        if (r < releases[i] / 4)
          text += ",<" + std::to_string(2 + floor / 10) + ".0";
        spec.requires_dist.push_back(text);
      }
      out.requirements[package_name(i) + " " + test::version(spec.version).to_string()] =
          spec.requires_dist;
      specs.push_back(std::move(spec));
    }
    out.universe.add(package_name(i), specs);
  }
  for (unsigned i = k_projects - 40; i < k_projects; ++i)
    out.roots.push_back(test::root(package_name(i), "profiles/big.toml:" + std::to_string(i)));
  out.roots.push_back(test::root("pkg0<1.5", "profiles/big.toml:1"));
}

TEST(SyntheticUniverseTest, ThreeHundredProjectsResolveToAConsistentSet) {
  Generated generated;
  generate(generated);
  const auto result = resolve(generated.roots, generated.universe.provider(), test::target("3.11"));
  ASSERT_TRUE(result.has_value()) << result.error().explanation;

  std::map<std::string, pep440::Version> chosen;
  for (const ResolvedPackage& package : result->packages)
    chosen.emplace(package.name.str(), package.version);
  for (const RootRequirement& root : generated.roots) {
    const auto it = chosen.find(root.requirement.package_name().str());
    ASSERT_NE(it, chosen.end()) << root.requirement.to_string();
    EXPECT_TRUE(root.requirement.specifier().contains(it->second, true));
  }
  // Every requirement of every chosen release holds, and nothing unrequired is chosen.
  std::map<std::string, int> required;
  for (const auto& [name, version] : chosen) {
    for (const std::string& text : generated.requirements.at(name + " " + version.to_string())) {
      const pep508::Requirement requirement = test::requirement(text);
      const auto it = chosen.find(requirement.package_name().str());
      ASSERT_NE(it, chosen.end()) << name << " " << version.to_string() << " needs " << text;
      EXPECT_TRUE(requirement.specifier().contains(it->second, true))
          << name << " " << version.to_string() << " needs " << text << ", got "
          << it->second.to_string();
      ++required[requirement.package_name().str()];
    }
  }
  for (const auto& [name, version] : chosen) {
    const bool direct = std::any_of(
        generated.roots.begin(), generated.roots.end(),
        [&](const RootRequirement& root) { return root.requirement.package_name().str() == name; });
    EXPECT_TRUE(direct || required.contains(name)) << name << " was not needed";
  }
  EXPECT_EQ(chosen.at("pkg0").to_string(), "1.4.0");
  // Far fewer metadata reads than releases (about 10,000): ranges are ruled out at once.
  EXPECT_LT(result->statistics.metadata_reads, 3000u);
  std::printf("[synthetic] %zu packages, %zu decisions, %zu conflicts, %zu metadata reads\n",
              result->packages.size(), result->statistics.decisions, result->statistics.conflicts,
              result->statistics.metadata_reads);
}

}  // namespace
}  // namespace gator::resolver

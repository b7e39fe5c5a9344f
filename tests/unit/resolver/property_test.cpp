#include <cstdint>

#include <gtest/gtest.h>

#include "universe.hpp"

// Small random universes checked against exhaustive search: the resolver finds a solution
// exactly when one exists, and what it finds satisfies every requirement.
namespace gator::resolver {
namespace {

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  [[nodiscard]] unsigned below(unsigned bound) {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned>((m_state >> 33) % bound);
  }

 private:
  std::uint64_t m_state;
};

struct Release {
  unsigned version = 0;  // "1.0", "2.0", ...
  bool usable = true;    // false: yanked, usable only when a root requirement pins it
  std::vector<std::pair<unsigned, std::string>> requires_dist;  // project, specifier
};

struct World {
  std::vector<std::vector<Release>> projects;
  std::vector<std::pair<unsigned, std::string>> roots;
};

[[nodiscard]] std::string project_name(unsigned index) {
  return std::string(1, static_cast<char>('a' + index));
}

[[nodiscard]] std::string random_specifier(Random& random, unsigned releases) {
  const unsigned bound = 1 + random.below(releases + 1);
  switch (random.below(5)) {
    case 0:
      return "";
    case 1:
      return ">=" + std::to_string(bound) + ".0";
    case 2:
      return "<" + std::to_string(bound) + ".0";
    case 3:
      return "==" + std::to_string(bound) + ".0";
    default:
      return "!=" + std::to_string(bound) + ".0";
  }
}

[[nodiscard]] World random_world(Random& random) {
  World world;
  const unsigned projects = 2 + random.below(4);
  world.projects.resize(projects);
  for (unsigned p = 0; p < projects; ++p) {
    const unsigned releases = 1 + random.below(4);
    for (unsigned r = 1; r <= releases; ++r) {
      Release release;
      release.version = r;
      release.usable = random.below(8) != 0;
      const unsigned deps = random.below(3);
      for (unsigned d = 0; d < deps; ++d) {
        const unsigned target = random.below(projects);
        if (target != p)
          release.requires_dist.emplace_back(target, random_specifier(random, 4));
      }
      world.projects[p].push_back(std::move(release));
    }
  }
  const unsigned roots = 1 + random.below(3);
  for (unsigned i = 0; i < roots; ++i)
    world.roots.emplace_back(random.below(projects), random_specifier(random, 4));
  return world;
}

[[nodiscard]] bool allows(const std::string& specifier, unsigned version) {
  return pep440::SpecifierSet::parse(specifier)->contains(
      test::version(std::to_string(version) + ".0"), true);
}

// choice[p] == 0: not selected; otherwise the selected version.
[[nodiscard]] bool valid(const World& world, const std::vector<unsigned>& choice) {
  const auto holds = [&](unsigned project, const std::string& specifier) {
    return choice[project] != 0 && allows(specifier, choice[project]);
  };
  for (const auto& [project, specifier] : world.roots) {
    if (!holds(project, specifier))
      return false;
  }
  for (unsigned p = 0; p < world.projects.size(); ++p) {
    if (choice[p] == 0)
      continue;
    const Release& release = world.projects[p][choice[p] - 1];
    const bool pinned = std::any_of(world.roots.begin(), world.roots.end(), [&](const auto& root) {
      return root.first == p && root.second.starts_with("==") && allows(root.second, choice[p]);
    });
    if (!release.usable && !pinned)
      return false;
    for (const auto& [project, specifier] : release.requires_dist) {
      if (!holds(project, specifier))
        return false;
    }
  }
  return true;
}

[[nodiscard]] bool solvable(const World& world) {
  std::vector<unsigned> choice(world.projects.size(), 0);
  for (;;) {
    if (valid(world, choice))
      return true;
    std::size_t i = 0;
    while (i < choice.size() && choice[i] == world.projects[i].size()) {
      choice[i] = 0;
      ++i;
    }
    if (i == choice.size())
      return false;
    ++choice[i];
  }
}

TEST(PropertyTest, AgreesWithExhaustiveSearch) {
  Random random(7);
  std::size_t satisfiable = 0;
  for (int round = 0; round < 3000; ++round) {
    const World world = random_world(random);
    test::Universe universe;
    for (unsigned p = 0; p < world.projects.size(); ++p) {
      std::vector<test::ReleaseSpec> specs;
      for (const Release& release : world.projects[p]) {
        test::ReleaseSpec spec(std::to_string(release.version) + ".0");
        spec.yanked = !release.usable;
        for (const auto& [project, specifier] : release.requires_dist)
          spec.requires_dist.push_back(project_name(project) + specifier);
        specs.push_back(std::move(spec));
      }
      universe.add(project_name(p), specs);
    }
    std::vector<RootRequirement> roots;
    std::string description;
    for (const auto& [project, specifier] : world.roots) {
      roots.push_back(test::root(project_name(project) + specifier));
      description += project_name(project) + specifier + " ";
    }
    const auto result = resolve(roots, universe.provider(), test::target());
    const bool expected = solvable(world);
    ASSERT_EQ(result.has_value(), expected) << "round " << round << ": " << description << "\n"
                                            << test::summary(result);
    if (!result) {
      EXPECT_FALSE(result.error().explanation.empty());
      continue;
    }
    ++satisfiable;
    std::vector<unsigned> choice(world.projects.size(), 0);
    for (const ResolvedPackage& package : result->packages)
      choice[static_cast<unsigned>(package.name.str()[0] - 'a')] =
          static_cast<unsigned>(package.version.major());
    EXPECT_TRUE(valid(world, choice)) << "round " << round << ": " << test::summary(result);
  }
  // Both outcomes are well represented.
  EXPECT_GT(satisfiable, 500u);
  EXPECT_LT(satisfiable, 2500u);
}

}  // namespace
}  // namespace gator::resolver

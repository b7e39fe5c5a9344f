#include <gtest/gtest.h>

#include "conformance.hpp"
#include "tags/target.hpp"
#include "universe.hpp"

// packse's resolver scenarios: each scenario's universe becomes an in-memory index and the
// outcome (satisfiable, and the asserted versions) must match.
namespace gator::resolver {
namespace {

using nlohmann::json;

[[nodiscard]] std::vector<std::string> strings(const json& array) {
  std::vector<std::string> out;
  for (const json& item : array)
    out.push_back(item.get<std::string>());
  return out;
}

[[nodiscard]] bool contains(const std::vector<std::string>& names, const std::string& name) {
  for (const std::string& item : names) {
    if (pep508::canonicalize_name(item) == pep508::canonicalize_name(name))
      return true;
  }
  return false;
}

// The target's supported tags: CPython on x86_64 Linux ("x86_64-manylinux2014" pins glibc 2.17).
[[nodiscard]] tags::SupportedTags supported(const pep440::Version& python, const json& options) {
  tags::Target target;
  target.python = tags::PythonVersion{static_cast<unsigned>(python.major()),
                                      static_cast<unsigned>(python.minor())};
  target.glibc = tags::LibcVersion{2, 28};
  if (options["python_platform"].is_string()) {
    EXPECT_EQ(options["python_platform"].get<std::string>(), "x86_64-manylinux2014");
    target.glibc = tags::LibcVersion{2, 17};
  }
  auto tags = tags::supported_tags(target);
  EXPECT_TRUE(tags.has_value());
  return tags ? std::move(*tags) : tags::SupportedTags{};
}

[[nodiscard]] WheelStatus wheel_status(const json& release, const tags::SupportedTags& supported) {
  if (!release["wheel"].get<bool>())
    return WheelStatus::none;
  for (const std::string& text : strings(release["wheel_tags"])) {
    const auto tags = tags::parse_tag(text);
    if (tags && supported.is_compatible(*tags))
      return WheelStatus::compatible;
  }
  return WheelStatus::incompatible;
}

void check_scenario(const json& scenario) {
  const json& options = scenario["resolver_options"];
  const std::string python = options["python"].is_string()
                                 ? options["python"].get<std::string>()
                                 : scenario["environment"]["python"].get<std::string>();
  const Target target = test::target(python);
  const tags::SupportedTags tags = supported(target.python, options);
  const std::vector<std::string> no_binary = strings(options["no_binary"]);

  InMemoryProvider provider;
  for (const auto& [project, info] : scenario["packages"].items()) {
    provider.add_project(test::name(project));
    for (const auto& [version, release] : info["versions"].items()) {
      test::ReleaseSpec spec;
      spec.version = version;
      spec.requires_dist = strings(release["requires"]);
      for (const auto& [extra, requirements] : release["extras"].items())
        spec.extras[extra] = strings(requirements);
      if (release["requires_python"].is_string())
        spec.requires_python = release["requires_python"].get<std::string>();
      spec.sdist = release["sdist"].get<bool>();
      // --no-binary: the wheels may not be used, and sdists are never built.
      spec.wheel = contains(no_binary, project) ? WheelStatus::none : wheel_status(release, tags);
      spec.yanked = release["yanked"].get<bool>();
      provider.add(test::name(project), test::make_release(spec));
    }
  }
  std::vector<RootRequirement> roots;
  const std::vector<std::string> requires_dist = strings(scenario["root"]["requires"]);
  for (std::size_t i = 0; i < requires_dist.size(); ++i)
    roots.push_back(test::root(requires_dist[i], "requires[" + std::to_string(i) + "]"));
  ResolveOptions resolve_options;
  if (options["prereleases"].get<bool>())
    resolve_options.prereleases = Prereleases::allow;

  const auto result = resolve(roots, provider, target, resolve_options);
  const json& expected = scenario["expected"];
  ASSERT_EQ(result.has_value(), expected["satisfiable"].get<bool>()) << test::summary(result);
  if (!result || !expected["packages_asserted"].get<bool>())
    return;
  for (const auto& [project, version] : expected["packages"].items()) {
    const ResolvedPackage* found = nullptr;
    for (const ResolvedPackage& package : result->packages) {
      if (package.name == test::name(project))
        found = &package;
    }
    ASSERT_NE(found, nullptr) << project << " missing: " << test::summary(result);
    EXPECT_EQ(found->version, test::version(version.get<std::string>())) << test::summary(result);
  }
}

TEST(ScenarioConformance, Packse) {
  gator::test::for_each_record("scenarios.json", "scenarios", check_scenario);
}

}  // namespace
}  // namespace gator::resolver

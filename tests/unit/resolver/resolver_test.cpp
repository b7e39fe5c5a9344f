#include <gtest/gtest.h>

#include "resolver/resolve.hpp"
#include "universe.hpp"

namespace gator::resolver {
namespace {

using test::ReleaseSpec;
using test::root;
using test::summary;

[[nodiscard]] std::expected<Resolution, NoSolution> run(test::Universe& universe,
                                                        const std::vector<RootRequirement>& roots,
                                                        const ResolveOptions& options = {},
                                                        std::string_view python = "3.11") {
  return resolve(roots, universe.provider(), test::target(python), options);
}

[[nodiscard]] const ResolvedPackage& find(const Resolution& resolution, std::string_view name) {
  for (const ResolvedPackage& package : resolution.packages) {
    if (package.name.str() == name)
      return package;
  }
  throw std::runtime_error("not resolved: " + std::string(name));
}

TEST(ResolverTest, NewestMatchingReleasesWithTheirProvenance) {
  test::Universe universe;
  universe.add("a", {{"1.0", {"b>=1"}}, {"2.0", {"b>=2", "c<2"}}})
      .add("b", {{"1.0"}, {"2.0"}, {"2.1"}})
      .add("c", {{"1.0"}, {"1.5"}, {"2.0"}});
  const auto result = run(universe, {root("a")});
  ASSERT_TRUE(result) << summary(result);
  EXPECT_EQ(summary(result), "a 2.0, b 2.1, c 1.5");
  const ResolvedPackage& a = find(*result, "a");
  EXPECT_EQ(a.index, "pypi");
  EXPECT_EQ(a.handle, "handle:2.0");
  ASSERT_EQ(a.dependencies.size(), 2u);
  EXPECT_EQ(a.dependencies[0].name.str(), "b");
  EXPECT_EQ(a.dependencies[0].specifier, ">=2");
  EXPECT_EQ(a.dependencies[1].name.str(), "c");
  EXPECT_EQ(a.dependencies[1].specifier, "<2");
  ASSERT_EQ(result->root_dependencies.size(), 1u);
  EXPECT_EQ(result->root_dependencies[0].name.str(), "a");
  EXPECT_TRUE(result->warnings.empty());
}

TEST(ResolverTest, BacktracksWhenTheNewestReleaseConflicts) {
  test::Universe universe;
  universe.add("a", {{"1.0", {"c==1.0"}}, {"2.0", {"c==2.0"}}})
      .add("b", {{"1.0", {"c==1.0"}}})
      .add("c", {{"1.0"}, {"2.0"}});
  EXPECT_EQ(summary(run(universe, {root("a"), root("b")})), "a 1.0, b 1.0, c 1.0");
}

TEST(ResolverTest, LocalLabelsFollowPep440) {
  test::Universe universe;
  universe.add("torch", {{"2.3.1"}, {"2.3.1+rocm5.7"}, {"2.3.1+cpu"}, {"2.2.0+rocm5.7"}})
      .add("torchvision", {{"0.18.1+rocm5.7", {"torch==2.3.1"}}});
  // `==2.3.1` admits every local label of 2.3.1; a label pins exactly that build.
  EXPECT_EQ(summary(run(universe, {root("torch==2.3.1")})), "torch 2.3.1+rocm5.7");
  EXPECT_EQ(summary(run(universe, {root("torch==2.3.1+cpu")})), "torch 2.3.1+cpu");
  EXPECT_EQ(summary(run(universe, {root("torchvision"), root("torch==2.3.1+cpu")})),
            "torch 2.3.1+cpu, torchvision 0.18.1+rocm5.7");
}

TEST(ResolverTest, PrereleasesOnlyWhenTheProfileNamesOneOrOnlyPrereleasesExist) {
  test::Universe universe;
  universe.add("a", {{"1.0"}, {"2.0b1"}})
      .add("b", {{"1.0a1"}, {"1.0a2"}})
      .add("c", {{"1.0", {"a>=2.0b1"}}});
  EXPECT_EQ(summary(run(universe, {root("a")})), "a 1.0");
  EXPECT_EQ(summary(run(universe, {root("a>=2.0b1")})), "a 2.0b1");
  EXPECT_EQ(summary(run(universe, {root("a==2.0b1")})), "a 2.0b1");
  EXPECT_EQ(summary(run(universe, {root("b")})), "b 1.0a2");
  // A dependency naming a pre-release does not opt in; the profile does.
  EXPECT_FALSE(run(universe, {root("c")}));
  EXPECT_EQ(summary(run(universe, {root("c"), root("a>=1.0a1")})), "a 2.0b1, c 1.0");
  ResolveOptions allow;
  allow.prereleases = Prereleases::allow;
  EXPECT_EQ(summary(run(universe, {root("a")}, allow)), "a 2.0b1");
}

TEST(ResolverTest, YankedReleasesOnlyWhenPinnedAndThenWithAWarning) {
  test::Universe universe;
  ReleaseSpec yanked{"2.0"};
  yanked.yanked = true;
  yanked.yank_reason = "broken wheel";
  universe.add("a", {{"1.0"}, yanked});
  EXPECT_EQ(summary(run(universe, {root("a")})), "a 1.0");
  EXPECT_EQ(summary(run(universe, {root("a>=1.5")})).substr(0, 12), "no solution:");
  const auto pinned = run(universe, {root("a==2.0")});
  ASSERT_TRUE(pinned) << summary(pinned);
  EXPECT_EQ(summary(pinned), "a 2.0");
  EXPECT_TRUE(find(*pinned, "a").yanked);
  ASSERT_EQ(pinned->warnings.size(), 1u);
  EXPECT_EQ(pinned->warnings[0].kind, WarningKind::yanked);
  EXPECT_EQ(pinned->warnings[0].package, "a");
  EXPECT_EQ(pinned->warnings[0].message,
            "a 2.0 is yanked (reason: broken wheel); it is used because the profile pins it "
            "with ==");
}

TEST(ResolverTest, RequiresPythonIsCheckedAgainstTheTarget) {
  test::Universe universe;
  ReleaseSpec old_python{"1.0"};
  old_python.requires_python = ">=3.8";
  ReleaseSpec new_python{"2.0"};
  new_python.requires_python = ">=3.12";
  ReleaseSpec capped{"3.0"};
  capped.requires_python = ">=3.8,<3.11";
  universe.add("a", {old_python, new_python, capped});
  EXPECT_EQ(summary(run(universe, {root("a")}, {}, "3.11")), "a 1.0");
  EXPECT_EQ(summary(run(universe, {root("a")}, {}, "3.12")), "a 2.0");
  EXPECT_EQ(summary(run(universe, {root("a")}, {}, "3.10")), "a 3.0");
}

TEST(ResolverTest, OnlyReleasesWithAWheelForTheTargetAreCandidates) {
  test::Universe universe;
  ReleaseSpec sdist_only{"3.0"};
  sdist_only.wheel = WheelStatus::none;
  ReleaseSpec other_platform{"2.0"};
  other_platform.wheel = WheelStatus::incompatible;
  universe.add("a", {{"1.0"}, other_platform, sdist_only});
  EXPECT_EQ(summary(run(universe, {root("a")})), "a 1.0");
}

TEST(ResolverTest, ExtrasAddTheirRequirementsAtTheSameVersion) {
  test::Universe universe;
  ReleaseSpec a1{"1.0"};
  a1.extras["gpu"] = {"b>=1"};
  ReleaseSpec a2{"2.0", {"c"}};
  a2.extras["gpu"] = {"b>=2"};
  a2.extras["all"] = {"a[gpu]", "d"};
  universe.add("a", {a1, a2}).add("b", {{"1.0"}, {"2.0"}}).add("c", {{"1.0"}}).add("d", {{"1.0"}});
  EXPECT_EQ(summary(run(universe, {root("a")})), "a 2.0, c 1.0");
  const auto gpu = run(universe, {root("a[gpu]")});
  EXPECT_EQ(summary(gpu), "a 2.0 [gpu], b 2.0, c 1.0");
  const auto all = run(universe, {root("a[all]")});
  ASSERT_TRUE(all) << summary(all);
  EXPECT_EQ(summary(all), "a 2.0 [all,gpu], b 2.0, c 1.0, d 1.0");
  // The edges say which extra brought each requirement in.
  const ResolvedPackage& a = find(*all, "a");
  std::vector<std::string> edges;
  for (const Dependency& dependency : a.dependencies) {
    std::string edge = dependency.name.str() + dependency.specifier;
    for (const std::string& extra : dependency.extras)
      edge += "[" + extra + "]";
    edges.push_back(edge + " via '" + dependency.via_extra + "'");
  }
  EXPECT_EQ(edges, (std::vector<std::string>{"a[gpu] via 'all'", "b>=2 via 'gpu'", "c via ''",
                                             "d via 'all'"}));
  // An extra's requirements constrain the version of the project itself.
  EXPECT_EQ(summary(run(universe, {root("a[gpu]"), root("b<2")})), "a 1.0 [gpu], b 1.0");
}

TEST(ResolverTest, ExtraNamesAreComparedNormalized) {
  test::Universe universe;
  ReleaseSpec a{"1.0"};
  a.extras["Foo_Bar"] = {"b"};
  universe.add("a", {a}).add("b", {{"1.0"}});
  EXPECT_EQ(summary(run(universe, {root("a[foo.bar]")})), "a 1.0 [foo-bar], b 1.0");
}

TEST(ResolverTest, AMissingExtraIsIgnoredWithAWarning) {
  test::Universe universe;
  ReleaseSpec old_release{"1.0"};
  old_release.extras["gpu"] = {"b"};
  universe.add("a", {old_release, {"2.0"}}).add("b", {{"1.0"}});
  const auto result = run(universe, {root("a[gpu]")});
  ASSERT_TRUE(result) << summary(result);
  EXPECT_EQ(summary(result), "a 2.0 [gpu]");
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].kind, WarningKind::missing_extra);
  EXPECT_EQ(result->warnings[0].message, "a 2.0 does not provide the extra 'gpu'");
}

TEST(ResolverTest, MarkersAreEvaluatedForTheTarget) {
  test::Universe universe;
  universe
      .add("a", {{"1.0",
                  {"linux-only; sys_platform == 'linux'", "windows-only; sys_platform == 'win32'",
                   "old-python; python_version < '3.10'"}}})
      .add("linux-only", {{"1.0"}})
      .add("windows-only", {{"1.0"}})
      .add("old-python", {{"1.0"}});
  EXPECT_EQ(summary(run(universe, {root("a")}, {}, "3.11")), "a 1.0, linux-only 1.0");
  EXPECT_EQ(summary(run(universe, {root("a")}, {}, "3.9")),
            "a 1.0, linux-only 1.0, old-python 1.0");
  // Root requirements too.
  EXPECT_EQ(summary(run(universe, {root("windows-only; sys_platform == 'win32'"), root("a")})),
            "a 1.0, linux-only 1.0");
}

TEST(ResolverTest, ARequirementWhoseMarkerCannotBeEvaluatedIsSkippedWithAWarning) {
  test::Universe universe;
  ReleaseSpec a{"1.0", {"b; os_name ~= '1.0'", "c"}};
  a.extras["x"] = {"d"};
  universe.add("a", {a}).add("b", {{"1.0"}}).add("c", {{"1.0"}}).add("d", {{"1.0"}});
  const auto result = run(universe, {root("a[x]")});
  ASSERT_TRUE(result) << summary(result);
  EXPECT_EQ(summary(result), "a 1.0 [x], c 1.0, d 1.0");
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].kind, WarningKind::invalid_marker);
  EXPECT_EQ(result->warnings[0].package, "a");
  EXPECT_TRUE(result->warnings[0].message.starts_with(
      "a 1.0: a marker cannot be evaluated, so the requirement b; os_name ~= \"1.0\" ("))
      << result->warnings[0].message;
}

TEST(ResolverTest, LockedVersionsArePreferredUnlessUpgrading) {
  test::Universe universe;
  universe.add("a", {{"1.0", {"b"}}, {"2.0", {"b"}}}).add("b", {{"1.0"}, {"2.0"}});
  ResolveOptions locked;
  locked.preferences = {Preference{test::name("a"), test::version("1.0")},
                        Preference{test::name("b"), test::version("1.0")}};
  EXPECT_EQ(summary(run(universe, {root("a")}, locked)), "a 1.0, b 1.0");
  // A preference outside the requirement is ignored.
  EXPECT_EQ(summary(run(universe, {root("a>=2")}, locked)), "a 2.0, b 1.0");
  ResolveOptions upgrade_b = locked;
  upgrade_b.upgrade_packages = {test::name("b")};
  EXPECT_EQ(summary(run(universe, {root("a")}, upgrade_b)), "a 1.0, b 2.0");
  ResolveOptions upgrade_all = locked;
  upgrade_all.upgrade_all = true;
  EXPECT_EQ(summary(run(universe, {root("a")}, upgrade_all)), "a 2.0, b 2.0");
}

TEST(ResolverTest, ReadsMetadataLazilyAndHintsPrefetches) {
  test::Universe universe;
  std::vector<ReleaseSpec> many;
  for (int i = 1; i <= 50; ++i)
    many.push_back(ReleaseSpec{std::to_string(i) + ".0", {"b"}});
  universe.add("a", many).add("b", {{"1.0"}}).add("unused", {{"1.0"}});
  ResolveOptions options;
  options.preferences = {Preference{test::name("b"), test::version("1.0")}};
  const auto result = run(universe, {root("a")}, options);
  ASSERT_TRUE(result) << summary(result);
  const InMemoryProvider& provider = universe.provider();
  EXPECT_EQ(provider.metadata_requests(), (std::vector<std::string>{"a 50.0", "b 1.0"}));
  EXPECT_EQ(provider.listed(), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(provider.hints().size(), 2u);
  EXPECT_EQ(provider.hints()[0].name.str(), "a");
  EXPECT_EQ(provider.hints()[1].name.str(), "b");
  ASSERT_TRUE(provider.hints()[1].preferred);
  EXPECT_EQ(provider.hints()[1].preferred->to_string(), "1.0");
  EXPECT_EQ(result->statistics.metadata_reads, 2u);
}

TEST(ResolverTest, AReleaseWithUnreadableMetadataIsSkipped) {
  test::Universe universe;
  universe.add("a", {{"1.0"}});
  InMemoryProvider::Release broken = test::make_release(ReleaseSpec{"2.0"});
  broken.metadata_error = "METADATA is not valid UTF-8";
  universe.provider().add(test::name("a"), broken);
  EXPECT_EQ(summary(run(universe, {root("a")})), "a 1.0");
  const auto failed = run(universe, {root("a>=2")});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().explanation,
            "a 2.0 cannot be used because its metadata cannot be read (METADATA is not valid "
            "UTF-8), and the profile requires a>=2, so the profile cannot be satisfied.");
}

TEST(ResolverTest, DirectUrlsCannotBeLocked) {
  test::Universe universe;
  universe.add("a", {{"1.0"}, {"2.0", {"b @ https://example.com/b-1.0-py3-none-any.whl"}}});
  EXPECT_EQ(summary(run(universe, {root("a")})), "a 1.0");
  const auto failed = run(universe, {root("c @ https://example.com/c.whl", "profiles/x.toml:3")});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().explanation,
            "the profile (profiles/x.toml:3) requires c @ https://example.com/c.whl, a direct URL "
            "reference; only packages from an index can be locked, so the profile cannot be "
            "satisfied.");
}

TEST(ResolverTest, DependencyCyclesAndSelfRequirementsResolve) {
  test::Universe universe;
  universe.add("a", {{"1.0", {"b", "a>=1"}}}).add("b", {{"1.0", {"a"}}});
  EXPECT_EQ(summary(run(universe, {root("a")})), "a 1.0, b 1.0");
}

TEST(ResolverTest, NoRequirementsResolveToNothing) {
  test::Universe universe;
  const auto result = run(universe, {});
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->packages.empty());
}

}  // namespace
}  // namespace gator::resolver

namespace gator::resolver {
namespace {

TEST(ResolverTest, LongChainsResolveAndExplainWithoutDeepRecursion) {
  test::Universe universe;
  constexpr int k_length = 3000;
  for (int i = 0; i < k_length; ++i)
    universe.add("p" + std::to_string(i),
                 {ReleaseSpec{"1.0", {"p" + std::to_string(i + 1) + ">=1"}}});
  const auto failed = run(universe, {root("p0", "profiles/x.toml:1")});
  ASSERT_FALSE(failed);
  const std::string& text = failed.error().explanation;
  EXPECT_TRUE(text.ends_with("so the profile cannot be satisfied.")) << text.substr(0, 400);
  EXPECT_NE(text.find("p3000 was not found on any index"), std::string::npos)
      << text.substr(0, 400);
  universe.add("p" + std::to_string(k_length), {ReleaseSpec{"1.0"}});
  const auto resolved = run(universe, {root("p0")});
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->packages.size(), static_cast<std::size_t>(k_length + 1));
}

TEST(ResolverTest, AProjectWithoutReleases) {
  test::Universe universe;
  universe.add("empty", {});
  const auto failed = run(universe, {root("empty", "profiles/x.toml:4")});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().explanation,
            "empty has no releases, and the profile (profiles/x.toml:4) requires empty, so the "
            "profile cannot be satisfied.");
}

}  // namespace
}  // namespace gator::resolver

#include <gtest/gtest.h>

#include "universe.hpp"

// Whole explanations of failures, one per shape of conflict.
namespace gator::resolver {
namespace {

using test::ReleaseSpec;
using test::root;

[[nodiscard]] std::string explain(test::Universe& universe,
                                  const std::vector<RootRequirement>& roots,
                                  std::string_view python = "3.11") {
  const auto result = resolve(roots, universe.provider(), test::target(python));
  if (result)
    return "resolved: " + test::summary(result);
  std::string text = result.error().explanation;
  for (const std::string& hint : result.error().hints)
    text += "\nhint: " + hint;
  return text;
}

TEST(ExplanationTest, DirectConflict) {
  test::Universe universe;
  universe.add("numpy", {{"1.26.4"}, {"2.0.0"}});
  EXPECT_EQ(explain(universe, {root("numpy>=2.0", "profiles/x.toml:12"),
                               root("numpy<2", "profiles/x.toml:13")}),
            "the profile (profiles/x.toml:12) requires numpy>=2.0, and the profile "
            "(profiles/x.toml:13) requires numpy<2, so the profile cannot be satisfied.");
}

TEST(ExplanationTest, TransitiveConflictWithTheProfile) {
  test::Universe universe;
  universe.add("torch", {{"2.2.0+rocm5.7"}, {"2.3.1+rocm5.7"}})
      .add("torchvision", {{"0.18.1+rocm5.7", {"torch==2.3.1"}}});
  EXPECT_EQ(explain(universe, {root("torchvision==0.18.1+rocm5.7", "profiles/x.toml:13"),
                               root("torch==2.2.0", "profiles/x.toml:14")}),
            "torchvision 0.18.1+rocm5.7 depends on torch==2.3.1, and the profile "
            "(profiles/x.toml:13) requires torchvision==0.18.1+rocm5.7, and the profile "
            "(profiles/x.toml:14) requires torch==2.2.0, so the profile cannot be "
            "satisfied.");
}

TEST(ExplanationTest, EveryVersionOfADependencyConflicts) {
  test::Universe universe;
  universe.add("torch", {{"2.1.2"}, {"2.2.0"}, {"2.3.1"}})
      .add("torchvision",
           {{"0.17.0", {"torch>=2.2"}}, {"0.17.1", {"torch>=2.2"}}, {"0.18.1", {"torch>=2.2"}}});
  EXPECT_EQ(explain(universe, {root("torchvision", "profiles/x.toml:13"),
                               root("torch==2.1.2", "profiles/x.toml:14")}),
            "every version of torchvision depends on torch>=2.2, and the profile "
            "(profiles/x.toml:13) requires torchvision, and the profile "
            "(profiles/x.toml:14) requires torch==2.1.2, so the profile cannot be "
            "satisfied.");
}

TEST(ExplanationTest, NoVersionMatches) {
  test::Universe universe;
  universe.add("transformers", {{"4.40.0"}, {"4.41.2"}});
  EXPECT_EQ(explain(universe, {root("transformers>=5", "profiles/x.toml:20")}),
            "there is no version of transformers>=5, and the profile (profiles/x.toml:20) "
            "requires transformers>=5, so the profile cannot be satisfied.");
}

TEST(ExplanationTest, ProjectNotFound) {
  test::Universe universe;
  universe.add("diffusers", {{"0.28.0", {"huggingface-hub>=0.20"}}});
  EXPECT_EQ(explain(universe, {root("diffusers", "profiles/x.toml:21")}),
            "diffusers 0.28.0 depends on huggingface-hub>=0.20, and huggingface-hub was "
            "not found on any index, and the profile (profiles/x.toml:21) requires "
            "diffusers, so the profile cannot be satisfied.");
}

TEST(ExplanationTest, OnlySourceDistributions) {
  test::Universe universe;
  ReleaseSpec sdist{"2.5.8"};
  sdist.wheel = WheelStatus::none;
  ReleaseSpec other_platform{"2.5.9"};
  other_platform.wheel = WheelStatus::incompatible;
  universe.add("flash-attn", {sdist, other_platform});
  EXPECT_EQ(explain(universe, {root("flash-attn>=2.5", "profiles/x.toml:22")}),
            "flash-attn 2.5.9 has no wheel for the target and flash-attn 2.5.8 has only a "
            "source distribution, and flash-attn has no other versions, and the profile "
            "(profiles/x.toml:22) requires flash-attn>=2.5, so the profile cannot be "
            "satisfied.\n"
            "hint: only wheels are installed: source distributions are never built, so a "
            "release needs a wheel for the target's Python, platform and architecture");
}

TEST(ExplanationTest, RequiresPythonTooNew) {
  test::Universe universe;
  ReleaseSpec numpy_2_1{"2.1.0"};
  numpy_2_1.requires_python = ">=3.10";
  ReleaseSpec numpy_2_2{"2.2.0"};
  numpy_2_2.requires_python = ">=3.10";
  universe.add("numpy", {{"2.0.2"}, numpy_2_1, numpy_2_2});
  EXPECT_EQ(explain(universe, {root("numpy>=2.1", "profiles/x.toml:16")}, "3.9"),
            "numpy 2.2.0 and 2.1.0 require Python >=3.10 (the target is Python 3.9), and "
            "there is no other version of numpy>=2.1, and the profile (profiles/x.toml:16) "
            "requires numpy>=2.1, so the profile cannot be satisfied.");
}

TEST(ExplanationTest, YankedOnly) {
  test::Universe universe;
  ReleaseSpec yanked{"1.1.0"};
  yanked.yanked = true;
  yanked.yank_reason = "corrupt wheel";
  universe.add("accelerate", {{"1.0.0"}, yanked})
      .add("diffusers", {{"0.28.0", {"accelerate>=1.1"}}});
  EXPECT_EQ(explain(universe, {root("diffusers", "profiles/x.toml:17")}),
            "diffusers 0.28.0 depends on accelerate>=1.1, and accelerate 1.1.0 was yanked "
            "(reason: corrupt wheel), and there is no other version of accelerate>=1.1, "
            "and the profile (profiles/x.toml:17) requires diffusers, so the profile "
            "cannot be satisfied.\n"
            "hint: a yanked release of accelerate is used only when the profile pins it "
            "with == (e.g. accelerate==1.1.0)");
}

TEST(ExplanationTest, PrereleaseOnly) {
  test::Universe universe;
  universe.add("triton", {{"2.3.0"}, {"3.0.0rc1"}}).add("torch", {{"2.4.0", {"triton>=3.0.0rc1"}}});
  EXPECT_EQ(explain(universe, {root("torch", "profiles/x.toml:18")}),
            "torch 2.4.0 depends on triton>=3.0.0rc1, and triton 3.0.0rc1 is a "
            "pre-release, and there is no other version of triton>=3.0.0rc1, and the "
            "profile (profiles/x.toml:18) requires torch, so the profile cannot be "
            "satisfied.\n"
            "hint: pre-releases of triton are used only when a requirement of the profile "
            "names one (e.g. triton>=3.0.0rc1)");
}

TEST(ExplanationTest, ConflictingExtras) {
  test::Universe universe;
  ReleaseSpec transformers{"4.41.2"};
  transformers.extras["torch"] = {"torch>=2.0"};
  transformers.extras["legacy"] = {"torch<2"};
  universe.add("transformers", {transformers}).add("torch", {{"1.13.1"}, {"2.3.1"}});
  EXPECT_EQ(explain(universe, {root("transformers[torch,legacy]", "profiles/x.toml:19")}),
            "transformers[legacy] 4.41.2 depends on torch<2, and transformers[torch] "
            "4.41.2 depends on torch>=2.0, so transformers[legacy] 4.41.2 is incompatible "
            "with transformers[torch] 4.41.2.\n"
            "And the profile (profiles/x.toml:19) requires transformers[legacy], and the "
            "profile (profiles/x.toml:19) requires transformers[torch], so the profile "
            "cannot be satisfied.");
}

// PubGrub's branching example: two independent reasons, referred to by number.
TEST(ExplanationTest, BranchingDerivationsAreNumbered) {
  test::Universe universe;
  universe.add("foo", {{"1.0.0", {"a>=1,<2", "b>=1,<2"}}, {"1.1.0", {"x>=1,<2", "y>=1,<2"}}})
      .add("a", {{"1.0.0", {"b>=2,<3"}}})
      .add("b", {{"1.0.0"}, {"2.0.0"}})
      .add("x", {{"1.0.0", {"y>=2,<3"}}})
      .add("y", {{"1.0.0"}, {"2.0.0"}});
  EXPECT_EQ(explain(universe, {root("foo>=1,<2", "profiles/x.toml:2")}),
            "(1) a 1.0.0 depends on b>=2,<3, and foo 1.0.0 depends on a>=1,<2, and foo "
            "1.0.0 depends on b>=1,<2, so foo 1.0.0 cannot be used.\n"
            "\n"
            "(2) x 1.0.0 depends on y>=2,<3, and foo 1.1.0 depends on x>=1,<2, and foo "
            "1.1.0 depends on y>=1,<2, so foo 1.1.0 cannot be used.\n"
            "foo 1.0.0 cannot be used (1), and foo 1.1.0 cannot be used (2), so no version "
            "of foo can be used.\n"
            "And the profile (profiles/x.toml:2) requires foo>=1,<2, so the profile cannot "
            "be satisfied.");
}

}  // namespace
}  // namespace gator::resolver

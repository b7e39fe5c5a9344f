// `extends`: what a child overrides, replaces, merges, and where each value then comes from.
#include <gtest/gtest.h>

#include "profile_fixture.hpp"

namespace gator::profile {
namespace {

using test::minimal_profile;

class Merge : public ::testing::Test {
 protected:
  [[nodiscard]] std::string file(std::string_view name) const {
    return (m_dir.path() / name).string();
  }
  test::ProfileDir m_dir;
};

constexpr std::string_view k_base =
    "schema-version = 1\n"                                                        // 1
    "[profile]\n"                                                                 // 2
    "description = \"the base\"\n"                                                // 3
    "[hardware]\n"                                                                // 4
    "vendor = \"amd\"\n"                                                          // 5
    "gpu-arch = [\"gfx900\", \"gfx906\"]\n"                                       // 6
    "rocm = \"5.7.1\"\n"                                                          // 7
    "[python]\n"                                                                  // 8
    "version = \"3.11\"\n"                                                        // 9
    "[environment]\n"                                                             // 10
    "A = \"1\"\n"                                                                 // 11
    "B = \"2\"\n"                                                                 // 12
    "[[index]]\n"                                                                 // 13
    "name = \"rocm\"\n"                                                           // 14
    "url = \"https://download.pytorch.org/whl/rocm5.7\"\n"                        // 15
    "explicit = true\n"                                                           // 16
    "[[index]]\n"                                                                 // 17
    "name = \"pypi\"\n"                                                           // 18
    "url = \"https://pypi.org/simple\"\n"                                         // 19
    "explicit = true\n"                                                           // 20
    "[requirements]\n"                                                            // 21
    "packages = [\"torch\", \"numpy\"]\n"                                         // 22
    "sources = { torch = \"rocm\", torchvision = \"rocm\", numpy = \"pypi\" }\n"  // 23
    "[venv]\n"                                                                    // 24
    "path = \"/opt/base\"\n";                                                     // 25

constexpr std::string_view k_child =
    "schema-version = 1\n"                       // 1
    "extends = \"base\"\n"                       // 2
    "[hardware]\n"                               // 3
    "gpu-arch = [\"gfx906\"]\n"                  // 4
    "[python]\n"                                 // 5
    "version = \"3.12\"\n"                       // 6
    "[environment]\n"                            // 7
    "B = \"3\"\n"                                // 8
    "C = \"4\"\n"                                // 9
    "[[index]]\n"                                // 10
    "name = \"mirror\"\n"                        // 11
    "url = \"https://mirror.example/simple\"\n"  // 12
    "[[index]]\n"                                // 13
    "name = \"pypi\"\n"                          // 14
    "url = \"https://pypi.example/simple\"\n"    // 15
    "[requirements]\n"                           // 16
    "packages = [\"transformers\"]\n"            // 17
    "sources = { Torch = \"mirror\" }\n";        // 18

TEST_F(Merge, ChildOverridesKeysAndInheritsTheRest) {
  static_cast<void>(m_dir.write("base.toml", k_base));
  static_cast<void>(m_dir.write("child.toml", k_child));
  const Profile p = m_dir.load("child");

  EXPECT_EQ(p.files, (std::vector<std::string>{file("child.toml"), file("base.toml")}));
  EXPECT_EQ(p.python.version.value.text, "3.12");
  EXPECT_EQ(p.python.version.origin.to_string(), file("child.toml") + ":6");
  EXPECT_EQ(p.hardware.vendor.value, Vendor::amd);
  EXPECT_EQ(p.hardware.vendor.origin.to_string(), file("base.toml") + ":5");
  EXPECT_EQ(p.hardware.rocm->origin.to_string(), file("base.toml") + ":7");
  ASSERT_TRUE(p.venv_path);
  EXPECT_EQ(p.venv_path->value, "/opt/base");
}

TEST_F(Merge, ListsAreReplacedNotAppended) {
  static_cast<void>(m_dir.write("base.toml", k_base));
  static_cast<void>(m_dir.write("child.toml", k_child));
  const Profile p = m_dir.load("child");

  ASSERT_EQ(p.hardware.gpu_archs.value.size(), 1U);
  EXPECT_EQ(p.hardware.gpu_archs.value[0].value, "gfx906");
  EXPECT_EQ(p.hardware.gpu_archs.origin.to_string(), file("child.toml") + ":4");
  ASSERT_EQ(p.requirements.packages.value.size(), 1U);
  EXPECT_EQ(p.requirements.packages.value[0].value.name(), "transformers");
}

TEST_F(Merge, EnvironmentAndSourcesMergePerKey) {
  static_cast<void>(m_dir.write("base.toml", k_base));
  static_cast<void>(m_dir.write("child.toml", k_child));
  const Profile p = m_dir.load("child");

  ASSERT_EQ(p.environment.size(), 3U);
  EXPECT_EQ(p.environment.at("A").value, "1");
  EXPECT_EQ(p.environment.at("A").origin.to_string(), file("base.toml") + ":11");
  EXPECT_EQ(p.environment.at("B").value, "3");
  EXPECT_EQ(p.environment.at("B").origin.to_string(), file("child.toml") + ":8");
  EXPECT_EQ(p.environment.at("C").value, "4");

  // "Torch" in the child is the base's "torch": names are normalized before merging.
  ASSERT_EQ(p.requirements.sources.size(), 3U);
  const auto torch = *pep508::PackageName::parse("torch");
  EXPECT_EQ(p.requirements.sources.at(torch).value, "mirror");
  EXPECT_EQ(p.pinned_index(torch)->url.value, "https://mirror.example/simple");
  EXPECT_EQ(p.pinned_index(*pep508::PackageName::parse("torchvision"))->name.value, "rocm");
}

TEST_F(Merge, IndexesMergeByNameAndKeepTheirPlace) {
  static_cast<void>(m_dir.write("base.toml", k_base));
  static_cast<void>(m_dir.write("child.toml", k_child));
  const Profile p = m_dir.load("child");

  ASSERT_EQ(p.indexes.size(), 3U);
  EXPECT_EQ(p.indexes[0].name.value, "rocm");
  EXPECT_EQ(p.indexes[0].origin.to_string(), file("base.toml") + ":13");
  // Redefined as a whole: the child's pypi does not inherit `explicit = true`.
  EXPECT_EQ(p.indexes[1].name.value, "pypi");
  EXPECT_EQ(p.indexes[1].url.value, "https://pypi.example/simple");
  EXPECT_FALSE(p.indexes[1].explicit_only.value);
  EXPECT_TRUE(p.indexes[1].explicit_only.origin.is_default());
  EXPECT_EQ(p.indexes[2].name.value, "mirror");
}

TEST_F(Merge, ProfileTableIsNotInherited) {
  static_cast<void>(m_dir.write("base.toml", k_base));
  static_cast<void>(m_dir.write("child.toml", k_child));
  const Profile p = m_dir.load("child");
  EXPECT_EQ(p.name.value, "child");
  EXPECT_TRUE(p.name.origin.is_default());
  EXPECT_EQ(p.description.value, "");
}

TEST_F(Merge, ThreeLevels) {
  static_cast<void>(m_dir.write("base.toml", k_base));
  static_cast<void>(m_dir.write("child.toml", k_child));
  static_cast<void>(m_dir.write("grandchild.toml",
                                "schema-version = 1\n"
                                "extends = \"child\"\n"
                                "[environment]\n"
                                "A = \"5\"\n"));
  const Profile p = m_dir.load("grandchild");
  EXPECT_EQ(p.files.size(), 3U);
  EXPECT_EQ(p.environment.at("A").value, "5");
  EXPECT_EQ(p.environment.at("B").value, "3");
  EXPECT_EQ(p.python.version.value.text, "3.12");
}

TEST_F(Merge, ExtendsByPathIsRelativeToTheFile) {
  static_cast<void>(m_dir.write("bases/gpu.toml", minimal_profile()));
  static_cast<void>(m_dir.write("fleet/mi25.toml",
                                "schema-version = 1\n"
                                "extends = \"../bases/gpu.toml\"\n"));
  const Profile p = m_dir.load("fleet/mi25.toml");
  EXPECT_EQ(p.hardware.vendor.value, Vendor::amd);
  EXPECT_EQ(p.files.back(), file("fleet/../bases/gpu.toml"));
}

TEST_F(Merge, ExtendsPrefersTheExtendingFilesFolder) {
  static_cast<void>(m_dir.write("base.toml", minimal_profile()));
  static_cast<void>(m_dir.write("site/base.toml",
                                "schema-version = 1\n"
                                "[hardware]\nvendor = \"cpu\"\n"
                                "[python]\nversion = \"3.12\"\n"));
  static_cast<void>(m_dir.write("site/box.toml", "schema-version = 1\nextends = \"base\"\n"));
  EXPECT_EQ(m_dir.load("site/box.toml").hardware.vendor.value, Vendor::cpu);
}

TEST_F(Merge, DefaultsWhenNothingIsWritten) {
  static_cast<void>(m_dir.write("p.toml", minimal_profile()));
  const Profile p = m_dir.load("p");
  EXPECT_EQ(p.target.platform.value, "linux");
  EXPECT_TRUE(p.target.platform.origin.is_default());
  EXPECT_FALSE(p.target.arch);
  EXPECT_FALSE(p.target.glibc);
  ASSERT_EQ(p.indexes.size(), 1U);  // PyPI, as pip would
  EXPECT_EQ(p.indexes[0].name.value, "pypi");
  EXPECT_EQ(p.indexes[0].url.value, "https://pypi.org/simple");
  EXPECT_TRUE(p.indexes[0].origin.is_default());
  EXPECT_TRUE(p.requirements.packages.value.empty());
  EXPECT_FALSE(p.venv_path);
  EXPECT_FALSE(p.smoke);
}

TEST_F(Merge, SmokeTimeoutDefault) {
  static_cast<void>(m_dir.write("p.toml", minimal_profile("[smoke]\ncommand = [\"true\"]\n")));
  const Profile p = m_dir.load("p");
  ASSERT_TRUE(p.smoke);
  EXPECT_EQ(p.smoke->timeout_seconds.value, 300);
  EXPECT_TRUE(p.smoke->timeout_seconds.origin.is_default());
}

TEST_F(Merge, InlineTablesAndDottedKeysAreTheSameProfile) {
  static_cast<void>(
      m_dir.write("a.toml",
                  "schema-version = 1\n"
                  "hardware = { vendor = \"amd\", gpu-arch = [\"gfx900\"] }\n"
                  "python.version = \"3.11\"\n"
                  "index = [{ name = \"pypi\", url = \"https://pypi.org/simple\" }]\n"));
  const Profile p = m_dir.load("a");
  EXPECT_EQ(p.hardware.gpu_archs.value.at(0).value, "gfx900");
  EXPECT_EQ(p.python.version.origin.line, 3U);
  EXPECT_EQ(p.indexes.at(0).origin.line, 4U);
}

TEST_F(Merge, ParseFromText) {
  const Profile p = parse_profile(minimal_profile("[requirements]\npackages = [\"numpy<2\"]\n"),
                                  "inline.toml", SearchPaths{});
  EXPECT_EQ(p.name.value, "inline");
  EXPECT_EQ(p.requirements.packages.value.at(0).origin.to_string(), "inline.toml:9");
}

}  // namespace
}  // namespace gator::profile

// `profile show` lists every merged value with its origin; the digest is canonical.
#include "profile/show.hpp"

#include <gtest/gtest.h>

#include "profile_fixture.hpp"

namespace gator::profile {
namespace {

using test::minimal_profile;

class Show : public ::testing::Test {
 protected:
  [[nodiscard]] std::string show(std::string_view name) const {
    std::string text = render_profile_show(m_dir.load(name));
    const std::string dir = m_dir.path().string();
    for (std::size_t at = text.find(dir); at != std::string::npos; at = text.find(dir, at))
      text.replace(at, dir.size(), "<dir>");
    return text;
  }
  test::ProfileDir m_dir;
};

TEST_F(Show, EveryValueWithItsOrigin) {
  static_cast<void>(m_dir.write("base.toml",
                                "schema-version = 1\n"
                                "[hardware]\n"
                                "vendor = \"amd\"\n"
                                "rocm = \"5.7.1\"\n"
                                "[python]\n"
                                "version = \"3.11\"\n"
                                "[[index]]\n"
                                "name = \"rocm\"\n"
                                "url = \"https://download.pytorch.org/whl/rocm5.7\"\n"
                                "explicit = true\n"
                                "[[index]]\n"
                                "name = \"pypi\"\n"
                                "url = \"https://pypi.org/simple\"\n"
                                "[requirements]\n"
                                "sources = { torch = \"rocm\" }\n"));
  static_cast<void>(m_dir.write("mi25.toml",
                                "schema-version = 1\n"
                                "extends = \"base\"\n"
                                "[profile]\n"
                                "name = \"mi25\"\n"
                                "description = \"MI25 \\\"Vega 10\\\"\"\n"
                                "[hardware]\n"
                                "gpu-arch = [\"gfx900\"]\n"
                                "[target]\n"
                                "glibc = \"2.31\"\n"
                                "[environment]\n"
                                "HSA_OVERRIDE_GFX_VERSION = \"9.0.0\"\n"
                                "[requirements]\n"
                                "packages = [\n"
                                "  \"torch==2.3.1+rocm5.7\",\n"
                                "  \"numpy>=1.24.0,<2.0\",\n"
                                "]\n"
                                "[smoke]\n"
                                "command = [\"python\", \"-c\", \"import torch\"]\n"));
  EXPECT_EQ(show("mi25"),
            "# profile mi25: <dir>/mi25.toml, extending <dir>/base.toml\n"
            "schema-version = 1\n"
            "\n"
            "[profile]\n"
            "name = \"mi25\"                                     # from <dir>/mi25.toml:4\n"
            "description = \"MI25 \\\"Vega 10\\\"\"                  # from <dir>/mi25.toml:5\n"
            "\n"
            "[hardware]\n"
            "vendor = \"amd\"                                    # from <dir>/base.toml:3\n"
            "gpu-arch = [\"gfx900\"]                             # from <dir>/mi25.toml:7\n"
            "rocm = \"5.7.1\"                                    # from <dir>/base.toml:4; means "
            "==5.7.1\n"
            "\n"
            "[python]\n"
            "version = \"3.11\"                                  # from <dir>/base.toml:6; means "
            "==3.11.*\n"
            "\n"
            "[target]\n"
            "platform = \"linux\"                                # default\n"
            "# arch: not set (the machine running gator-provision)\n"
            "glibc = \"2.31\"                                    # from <dir>/mi25.toml:9\n"
            "\n"
            "[environment]\n"
            "HSA_OVERRIDE_GFX_VERSION = \"9.0.0\"                # from <dir>/mi25.toml:11\n"
            "\n"
            "[[index]]                                         # from <dir>/base.toml:7\n"
            "name = \"rocm\"                                     # from <dir>/base.toml:8\n"
            "url = \"https://download.pytorch.org/whl/rocm5.7\"  # from <dir>/base.toml:9\n"
            "explicit = true                                   # from <dir>/base.toml:10\n"
            "\n"
            "[[index]]                                         # from <dir>/base.toml:11\n"
            "name = \"pypi\"                                     # from <dir>/base.toml:12\n"
            "url = \"https://pypi.org/simple\"                   # from <dir>/base.toml:13\n"
            "explicit = false                                  # default\n"
            "\n"
            "[requirements]\n"
            "packages = [\n"
            "  \"torch==2.3.1+rocm5.7\",                         # from <dir>/mi25.toml:14\n"
            "  \"numpy<2.0,>=1.24.0\",                           # from <dir>/mi25.toml:15\n"
            "]\n"
            "\n"
            "[requirements.sources]\n"
            "torch = \"rocm\"                                    # from <dir>/base.toml:15\n"
            "\n"
            "[venv]\n"
            "# path: not set (give --venv)\n"
            "\n"
            "[smoke]\n"
            "command = [\"python\", \"-c\", \"import torch\"]        # from <dir>/mi25.toml:18\n"
            "timeout = 300                                     # default\n");
}

TEST_F(Show, DefaultsAreMarked) {
  static_cast<void>(m_dir.write("p.toml", minimal_profile()));
  EXPECT_EQ(show("p"),
            "# profile p: <dir>/p.toml\n"
            "schema-version = 1\n"
            "\n"
            "[profile]\n"
            "name = \"p\"                       # default\n"
            "description = \"\"                 # default\n"
            "\n"
            "[hardware]\n"
            "vendor = \"amd\"                   # from <dir>/p.toml:4\n"
            "\n"
            "[python]\n"
            "version = \"3.11\"                 # from <dir>/p.toml:7; means ==3.11.*\n"
            "\n"
            "[target]\n"
            "platform = \"linux\"               # default\n"
            "# arch: not set (the machine running gator-provision)\n"
            "# glibc: not set (the machine running gator-provision)\n"
            "\n"
            "[environment]\n"
            "\n"
            "[[index]]                        # default: no profile declares an index\n"
            "name = \"pypi\"                    # default\n"
            "url = \"https://pypi.org/simple\"  # default\n"
            "explicit = false                 # default\n"
            "\n"
            "[requirements]\n"
            "packages = []                    # default\n"
            "\n"
            "[venv]\n"
            "# path: not set (give --venv)\n");
}

TEST_F(Show, Digest) {
  static_cast<void>(
      m_dir.write("a.toml", minimal_profile("[target]\n"
                                            "arch = \"x86_64\"\n"
                                            "glibc = \"2.31\"\n"
                                            "[[index]]\n"
                                            "name = \"cpu\"\n"
                                            "url = \"https://download.pytorch.org/whl/cpu\"\n"
                                            "explicit = true\n"
                                            "[[index]]\n"
                                            "name = \"pypi\"\n"
                                            "url = \"https://pypi.org/simple\"\n"
                                            "[requirements]\n"
                                            "packages = [\"torch==2.3.1+cpu\", \"Pillow >= 10\"]\n"
                                            "sources = { torch = \"cpu\" }\n")));
  EXPECT_EQ(profile_digest(m_dir.load("a")),
            "gator-profile-digest 1\n"
            "python.version = \"==3.11.*\"\n"
            "target.platform = \"linux\"\n"
            "target.arch = \"x86_64\"\n"
            "target.glibc = \"2.31\"\n"
            "index = \"cpu\" \"https://download.pytorch.org/whl/cpu\" explicit\n"
            "index = \"pypi\" \"https://pypi.org/simple\"\n"
            "package = \"Pillow>=10\"\n"
            "package = \"torch==2.3.1+cpu\"\n"
            "source = \"torch\" \"cpu\"\n");
}

TEST_F(Show, DigestIgnoresWhatDoesNotChangeALock) {
  // Reordered requirements, another spelling of the same Python constraint, comments,
  // description, environment and venv path: the same digest.
  static_cast<void>(
      m_dir.write("a.toml", minimal_profile("[requirements]\n"
                                            "packages = [\"numpy<2\", \"torch\"]\n")));
  static_cast<void>(m_dir.write("b.toml",
                                "schema-version = 1\n"
                                "[profile]\n"
                                "description = \"another\"\n"
                                "[hardware]\n"
                                "vendor = \"cpu\"\n"
                                "[python]\n"
                                "version = \"==3.11.*\"  # same as 3.11\n"
                                "[environment]\n"
                                "X = \"1\"\n"
                                "[requirements]\n"
                                "packages = [\"torch\", \"numpy<2\"]\n"
                                "[venv]\n"
                                "path = \"/srv/venv\"\n"));
  EXPECT_EQ(profile_digest(m_dir.load("a")), profile_digest(m_dir.load("b")));

  static_cast<void>(
      m_dir.write("c.toml", minimal_profile("[requirements]\n"
                                            "packages = [\"numpy<3\", \"torch\"]\n")));
  EXPECT_NE(profile_digest(m_dir.load("a")), profile_digest(m_dir.load("c")));
}

}  // namespace
}  // namespace gator::profile

// Values that are well-typed but wrong: requirements, versions, URLs, names, enumerations.
// Every message is asserted whole.
#include <gtest/gtest.h>

#include "profile_fixture.hpp"

namespace gator::profile {
namespace {

using test::minimal_profile;

class ValueErrors : public ::testing::Test {
 protected:
  test::ProfileDir m_dir;
};

TEST_F(ValueErrors, InvalidRequirementPointsInsideTheString) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[requirements]\n"
                                                     "packages = [\"numpy\", \"torch=2.3.1\"]\n")),
            "<dir>/p.toml:9:28: error: invalid requirement in `requirements.packages`: "
            "\"torch=2.3.1\"\n"
            "  9 | packages = [\"numpy\", \"torch=2.3.1\"]\n"
            "    |                            ^\n"
            "  caused by: expected a version specifier (such as >=1.0), '@ URL', ';' or the end\n"
            "hint: a requirement is a PEP 508 string such as \"torch==2.3.1\" or "
            "\"numpy>=1.24.0,<2.0\"\n");
}

TEST_F(ValueErrors, InvalidRequirementWithEscapesPointsAtTheString) {
  // "\u0020" is not spelled literally in the file, so the caret covers the whole string.
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[requirements]\n"
                                                     "packages = [\"numpy >= 1.x\\u0020\"]\n")),
            "<dir>/p.toml:9:13: error: invalid requirement in `requirements.packages`: "
            "\"numpy >= 1.x \"\n"
            "  9 | packages = [\"numpy >= 1.x\\u0020\"]\n"
            "    |             ^~~~~~~~~~~~~~~~~~~~\n"
            "  caused by: expected ',' (between version specifiers), ';' (before a marker) or the "
            "end\n"
            "hint: a requirement is a PEP 508 string such as \"torch==2.3.1\" or "
            "\"numpy>=1.24.0,<2.0\"\n");
}

TEST_F(ValueErrors, InvalidVersion) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[python]\n"
                           "version = \"3.1x\"\n"),
            "<dir>/p.toml:3:15: error: invalid version constraint for `python.version`: "
            "\"3.1x\"\n"
            "  3 | version = \"3.1x\"\n"
            "    |               ^\n"
            "  caused by: invalid version: unexpected 'x'\n"
            "hint: write a version such as \"3.11\" or a specifier such as \">=3.10,<3.13\"\n");
}

TEST_F(ValueErrors, InvalidSpecifier) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "vendor = \"amd\"\n"
                           "rocm = \"=>5.7\"\n"),
            "<dir>/p.toml:4:9: error: invalid version constraint for `hardware.rocm`: \"=>5.7\"\n"
            "  4 | rocm = \"=>5.7\"\n"
            "    |         ^\n"
            "  caused by: invalid specifier: expected an operator (~=, ==, !=, <=, >=, <, >, "
            "===)\n"
            "hint: write a version such as \"5.7.1\" or a specifier such as \">=5.7,<5.8\"\n");
}

TEST_F(ValueErrors, UnsatisfiableSpecifier) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "cuda = \">=12.4,<12\"\n"),
            "<dir>/p.toml:3:9: error: invalid version constraint for `hardware.cuda`: "
            "\">=12.4,<12\"\n"
            "  3 | cuda = \">=12.4,<12\"\n"
            "    |         ^~~~~~~~~~\n"
            "  caused by: no version satisfies this specifier\n"
            "hint: write a version such as \"12.1\" or a specifier such as \">=12.1,<13\"\n");
}

TEST_F(ValueErrors, InvalidGlibc) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[target]\n"
                           "glibc = \"2.31.1\"\n"),
            "<dir>/p.toml:3:10: error: invalid glibc version for `target.glibc`: \"2.31.1\"\n"
            "  3 | glibc = \"2.31.1\"\n"
            "    |          ^~~~~~\n"
            "  caused by: expected MAJOR.MINOR, such as 2.31\n"
            "hint: write the oldest glibc the machines run as MAJOR.MINOR, such as \"2.31\" "
            "(Ubuntu 20.04; `ldd --version` shows it)\n");
}

TEST_F(ValueErrors, InvalidPciId) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "pci-ids = [\"1002:686g\"]\n"),
            "<dir>/p.toml:3:21: error: invalid PCI id in `hardware.pci-ids`: \"1002:686g\"\n"
            "  3 | pci-ids = [\"1002:686g\"]\n"
            "    |                     ^\n"
            "  caused by: expected VENDOR:DEVICE, four hexadecimal digits each\n"
            "hint: write VENDOR:DEVICE in hexadecimal, such as \"1002:6860\" (`lspci -nn` shows "
            "them)\n");
}

TEST_F(ValueErrors, UnknownVendorWithSuggestion) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n[hardware]\nvendor = \"AMD\"\n"),
            "<dir>/p.toml:3:10: error: invalid value for `hardware.vendor`: \"AMD\"\n"
            "  3 | vendor = \"AMD\"\n"
            "    |          ^~~~~\n"
            "hint: did you mean \"amd\"? (expected \"amd\", \"nvidia\" or \"cpu\")\n");
}

TEST_F(ValueErrors, UnknownArchWithoutSuggestion) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n[target]\narch = \"ppc64le\"\n"),
            "<dir>/p.toml:3:8: error: invalid value for `target.arch`: \"ppc64le\"\n"
            "  3 | arch = \"ppc64le\"\n"
            "    |        ^~~~~~~~~\n"
            "hint: expected \"x86_64\" or \"aarch64\"\n");
}

TEST_F(ValueErrors, UnsupportedPlatform) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n[target]\nplatform = \"Linux\"\n"),
            "<dir>/p.toml:3:12: error: invalid value for `target.platform`: \"Linux\"\n"
            "  3 | platform = \"Linux\"\n"
            "    |            ^~~~~~~\n"
            "hint: did you mean \"linux\"? (expected \"linux\")\n");
}

TEST_F(ValueErrors, InvalidUrl) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[[index]]\n"
                                                     "name = \"mirror\"\n"
                                                     "url = \"ftp://mirror.example/simple\"\n")),
            "<dir>/p.toml:10:8: error: invalid URL for `index.url`: "
            "\"ftp://mirror.example/simple\"\n"
            "  10 | url = \"ftp://mirror.example/simple\"\n"
            "     |        ^~~\n"
            "  caused by: unsupported scheme \"ftp\" (use https, http or file)\n"
            "hint: an index URL is https://, http:// or file:///, such as "
            "\"https://pypi.org/simple\"\n");
}

TEST_F(ValueErrors, UrlWithASpace) {
  EXPECT_EQ(
      m_dir.error_of("p.toml", minimal_profile("[[index]]\n"
                                               "name = \"mirror\"\n"
                                               "url = \"https://mirror.example/my index\"\n")),
      "<dir>/p.toml:10:33: error: invalid URL for `index.url`: "
      "\"https://mirror.example/my index\"\n"
      "  10 | url = \"https://mirror.example/my index\"\n"
      "     |                                 ^\n"
      "  caused by: character not allowed in a URL (percent-encode it)\n"
      "hint: an index URL is https://, http:// or file:///, such as "
      "\"https://pypi.org/simple\"\n");
}

TEST_F(ValueErrors, CredentialsInUrl) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           minimal_profile("[[index]]\n"
                                           "name = \"private\"\n"
                                           "url = \"https://bot:s3cret@pkgs.example/simple\"\n")),
            "<dir>/p.toml:10:16: error: credentials in `index.url`\n"
            "  10 | url = \"https://bot:s3cret@pkgs.example/simple\"\n"
            "     |                ^~~~~~~~~~~\n"
            "hint: a profile is committed and printed, so it must not hold secrets: put them in "
            "~/.netrc (machine HOST login USER password TOKEN)\n");
}

TEST_F(ValueErrors, DuplicateIndexName) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[[index]]\n"
                                                     "name = \"pypi\"\n"
                                                     "url = \"https://pypi.org/simple\"\n"
                                                     "[[index]]\n"
                                                     "name = \"pypi\"\n"
                                                     "url = \"https://mirror.example/simple\"\n")),
            "<dir>/p.toml:12:8: error: duplicate index name \"pypi\"\n"
            "  12 | name = \"pypi\"\n"
            "     |        ^~~~~~\n"
            "hint: the first [[index]] with this name is at line 9; index names must be unique\n");
}

TEST_F(ValueErrors, InvalidIndexName) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[[index]]\n"
                                                     "name = \"my mirror\"\n"
                                                     "url = \"https://mirror.example/simple\"\n")),
            "<dir>/p.toml:9:11: error: invalid index name: \"my mirror\"\n"
            "  9 | name = \"my mirror\"\n"
            "    |           ^\n"
            "  caused by: a name has only letters, digits, '.', '_' and '-'\n"
            "hint: a name has letters, digits, '.', '_' and '-' and starts with a letter or "
            "digit\n");
}

TEST_F(ValueErrors, InvalidEnvironmentName) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[environment]\n"
                                                     "\"HSA-OVERRIDE\" = \"9.0.0\"\n")),
            "<dir>/p.toml:9:1: error: invalid environment variable name \"HSA-OVERRIDE\"\n"
            "  9 | \"HSA-OVERRIDE\" = \"9.0.0\"\n"
            "    | ^~~~~~~~~~~~~~\n"
            "  caused by: an environment variable name has only letters, digits and '_'\n"
            "hint: a name has letters, digits and '_' and does not start with a digit, such as "
            "HSA_OVERRIDE_GFX_VERSION\n");
}

TEST_F(ValueErrors, InvalidSourceProjectName) {
  EXPECT_EQ(
      m_dir.error_of("p.toml", minimal_profile("[requirements.sources]\n"
                                               "\"-torch\" = \"pypi\"\n")),
      "<dir>/p.toml:9:1: error: invalid project name \"-torch\" in `requirements.sources`\n"
      "  9 | \"-torch\" = \"pypi\"\n"
      "    | ^~~~~~~~\n"
      "  caused by: invalid project name: use ASCII letters, digits and '-', '_', '.' (not at "
      "the start or end)\n"
      "hint: a key is a project name such as torch or pytorch-triton-rocm\n");
}

TEST_F(ValueErrors, TwoSpellingsOfOneSource) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           minimal_profile("[requirements]\n"
                                           "sources = { Torch = \"pypi\", torch = \"pypi\" }\n")),
            "<dir>/p.toml:9:29: error: duplicate source for `torch`: \"Torch\" and \"torch\" name "
            "the same project\n"
            "  9 | sources = { Torch = \"pypi\", torch = \"pypi\" }\n"
            "    |                             ^~~~~\n"
            "hint: keep one of them\n");
}

TEST_F(ValueErrors, RelativeVenvPath) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[venv]\npath = \"venv\"\n")),
            "<dir>/p.toml:9:8: error: `venv.path` must be an absolute path: \"venv\"\n"
            "  9 | path = \"venv\"\n"
            "    |        ^~~~~~\n"
            "hint: for example: path = \"/opt/gator/venv\" (or pass --venv DIR)\n");
}

TEST_F(ValueErrors, EmptySmokeCommand) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[smoke]\ncommand = []\n")),
            "<dir>/p.toml:9:11: error: `smoke.command` needs a program to run\n"
            "  9 | command = []\n"
            "    |           ^~\n"
            "hint: for example: command = [\"python\", \"-c\", \"import torch\"]\n");
}

TEST_F(ValueErrors, SmokeTimeoutOutOfRange) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[smoke]\n"
                                                     "command = [\"python\", \"-c\", \"pass\"]\n"
                                                     "timeout = 0\n")),
            "<dir>/p.toml:10:11: error: `smoke.timeout` must be from 1 to 86400 seconds, not 0\n"
            "  10 | timeout = 0\n"
            "     |           ^\n"
            "hint: for example: timeout = 300\n");
}

TEST_F(ValueErrors, ProfileNameDiffersFromTheFileName) {
  EXPECT_EQ(m_dir.error_of("mi25.toml", "schema-version = 1\n[profile]\nname = \"mi52\"\n"),
            "<dir>/mi25.toml:3:8: error: profile name \"mi52\" does not match the file name "
            "\"mi25.toml\"\n"
            "  3 | name = \"mi52\"\n"
            "    |        ^~~~~~\n"
            "hint: a profile is found by its file name: rename the file to mi52.toml or write "
            "name = \"mi25\"\n");
}

TEST_F(ValueErrors, InvalidProfileName) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n[profile]\nname = \"p/q\"\n"),
            "<dir>/p.toml:3:10: error: invalid profile name: \"p/q\"\n"
            "  3 | name = \"p/q\"\n"
            "    |          ^\n"
            "  caused by: a name has only letters, digits, '.', '_' and '-'\n"
            "hint: a name has letters, digits, '.', '_' and '-' and starts with a letter or "
            "digit\n");
}

}  // namespace
}  // namespace gator::profile

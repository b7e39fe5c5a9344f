// Lock files the reader refuses: TOML, the top-level keys and [tool.gator-provision].
// Every message is asserted whole (Error::render), one table row per kind of mistake.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lock_fixture.hpp"

namespace gator::lock {
namespace {

using test::edited;
using test::k_small_lock;
using test::read_error;

struct Case {
  std::string name;
  std::string text;
  std::string expected;
};

TEST(LockDocumentErrors, EveryMessageIsExact) {
  const std::vector<Case> cases = {
      {"TomlSyntax", edited(k_small_lock, "version = \"3.7\"", "version = 3.7.1"),
       "pylock.test.toml:6:14: error: invalid TOML: expected decimal digit or exponent, saw '.' "
       "(in floating-point)\n"
       "  6 | version = 3.7.1\n"
       "    |              ^\n"
       "hint: a lock file is a TOML 1.0 document (https://toml.io/en/v1.0.0)\n"},
      {"TooManyDots", "a" + std::string(70, '.') + "b = 1\n",
       "pylock.test.toml:1:66: error: too many nested keys on one line (more than 64 '.' outside "
       "strings)\n"
       "  1 | a......................................................................b = 1\n"
       "    |                                                                  ^\n"
       "hint: lock file keys are a few levels deep at most, such as tool.gator-provision.target\n"},
      {"MissingLockVersion", edited(k_small_lock, "lock-version = \"1.0\"\n", ""),
       "pylock.test.toml:1:1: error: missing `lock-version` at the top level\n"
       "hint: start the file with lock-version = \"1.0\"\n"},
      {"LockVersionNotAString",
       edited(k_small_lock, "lock-version = \"1.0\"", "lock-version = 1.0"),
       "pylock.test.toml:1:16: error: `lock-version` must be a string, not a float\n"
       "  1 | lock-version = 1.0\n"
       "    |                ^~~\n"
       "hint: for example: lock-version = \"1.0\"\n"},
      {"LockVersionNotAVersion",
       edited(k_small_lock, "lock-version = \"1.0\"", "lock-version = \"one\""),
       "pylock.test.toml:1:17: error: invalid `lock-version`: \"one\"\n"
       "  1 | lock-version = \"one\"\n"
       "    |                 ^\n"
       "  caused by: invalid version: expected a release number such as 1.0\n"
       "hint: this gator-provision reads lock-version \"1.0\"\n"},
      {"LockVersionMajorTooNew",
       edited(k_small_lock, "lock-version = \"1.0\"", "lock-version = \"2.0\""),
       "pylock.test.toml:1:16: error: unsupported lock-version \"2.0\"\n"
       "  1 | lock-version = \"2.0\"\n"
       "    |                ^~~~~\n"
       "hint: this gator-provision reads lock-version 1.x; a newer format needs a newer "
       "gator-provision\n"},
      {"LockVersionMajorTooOld",
       edited(k_small_lock, "lock-version = \"1.0\"", "lock-version = \"0.9\""),
       "pylock.test.toml:1:16: error: unsupported lock-version \"0.9\"\n"
       "  1 | lock-version = \"0.9\"\n"
       "    |                ^~~~~\n"
       "hint: this gator-provision reads lock-version 1.x; a newer format needs a newer "
       "gator-provision\n"},
      {"MissingCreatedBy", edited(k_small_lock, "created-by = \"gator-provision\"\n", ""),
       "pylock.test.toml:1:1: error: missing `created-by` at the top level\n"
       "hint: name the tool that wrote the file, e.g. created-by = \"gator-provision\"\n"},
      {"EmptyCreatedBy",
       edited(k_small_lock, "created-by = \"gator-provision\"", "created-by = \"\""),
       "pylock.test.toml:2:14: error: `created-by` is empty\n"
       "  2 | created-by = \"\"\n"
       "    |              ^~\n"
       "hint: name the tool that wrote the file, e.g. created-by = \"gator-provision\"\n"},
      {"MissingPackages", "lock-version = \"1.0\"\ncreated-by = \"x\"\n",
       "pylock.test.toml:1:1: error: missing `packages` at the top level\n"
       "hint: list the packages as [[packages]] tables\n"},
      {"PackagesNotTables", "lock-version = \"1.0\"\ncreated-by = \"x\"\npackages = [\"idna\"]\n",
       "pylock.test.toml:3:13: error: `packages` must be an array of tables, but element 1 is a "
       "string\n"
       "  3 | packages = [\"idna\"]\n"
       "    |             ^~~~~~\n"
       "hint: for example: [[packages]]\n"},
      {"UnknownKeySuggestion",
       edited(k_small_lock, "created-by", "requires_python = \">=3.8\"\ncreated-by"),
       "pylock.test.toml:2:1: error: unknown key \"requires_python\" at the top level\n"
       "  2 | requires_python = \">=3.8\"\n"
       "    | ^~~~~~~~~~~~~~~\n"
       "hint: did you mean `requires-python`?\n"},
      {"UnknownKeyListsValidKeys",
       edited(k_small_lock, "created-by", "generator = \"me\"\ncreated-by"),
       "pylock.test.toml:2:1: error: unknown key \"generator\" at the top level\n"
       "  2 | generator = \"me\"\n"
       "    | ^~~~~~~~~\n"
       "hint: valid keys at the top level: lock-version, environments, requires-python, extras, "
       "dependency-groups, default-groups, created-by, packages, tool; tools keep their own data "
       "under [tool.<name>]\n"},
      {"EnvironmentsNotStrings",
       edited(k_small_lock, "created-by",
              "environments = [\"sys_platform == 'linux'\", 3]\ncreated-by"),
       "pylock.test.toml:2:44: error: `environments` must be an array of strings, but element 2 is "
       "an integer\n"
       "  2 | environments = [\"sys_platform == 'linux'\", 3]\n"
       "    |                                            ^\n"
       "hint: for example: environments = [\"sys_platform == 'linux'\"]\n"},
      {"InvalidEnvironmentMarker",
       edited(k_small_lock, "created-by",
              "environments = [\"sys_platform == 'linux'\", \"python_version >= '3.8' "
              "and\"]\ncreated-by"),
       "pylock.test.toml:2:72: error: invalid marker in `environments`: \"python_version >= '3.8' "
       "and\"\n"
       "  2 | environments = [\"sys_platform == 'linux'\", \"python_version >= '3.8' and\"]\n"
       "    |                                                                        ^\n"
       "  caused by: expected a marker variable (such as python_version) or a quoted string\n"
       "hint: write a PEP 508 marker such as \"sys_platform == 'linux'\"\n"},
      {"InvalidRequiresPython",
       edited(k_small_lock, "created-by", "requires-python = \">=3.8,<3.x\"\ncreated-by"),
       "pylock.test.toml:2:28: error: invalid `requires-python`: \">=3.8,<3.x\"\n"
       "  2 | requires-python = \">=3.8,<3.x\"\n"
       "    |                            ^\n"
       "  caused by: invalid specifier: unexpected '.'\n"
       "hint: write version specifiers such as \">=3.9\"\n"},
      {"ExtrasNotNormalized",
       edited(k_small_lock, "created-by", "extras = [\"Dev_Tools\"]\ncreated-by"),
       "pylock.test.toml:2:11: error: name \"Dev_Tools\" in `extras` is not normalized\n"
       "  2 | extras = [\"Dev_Tools\"]\n"
       "    |           ^~~~~~~~~~~\n"
       "hint: write \"dev-tools\"\n"},
      {"InvalidGroupName",
       edited(k_small_lock, "created-by", "dependency-groups = [\"-dev\"]\ncreated-by"),
       "pylock.test.toml:2:23: error: invalid name in `dependency-groups`: \"-dev\"\n"
       "  2 | dependency-groups = [\"-dev\"]\n"
       "    |                       ^\n"
       "  caused by: invalid project name: use ASCII letters, digits and '-', '_', '.' (not at the "
       "start or end)\n"
       "hint: names are letters, digits and '-', '_', '.' inside, such as \"dev\"\n"},
      {"ToolNotATable", edited(k_small_lock, "created-by", "tool = 3\ncreated-by"),
       "pylock.test.toml:2:8: error: `tool` must be a table, not an integer\n"
       "  2 | tool = 3\n"
       "    |        ^\n"
       "hint: for example: [tool.<tool name>]\n"},
      {"ToolEntryNotATable", std::string(k_small_lock) + std::string("[tool]\nuv = \"x\"\n"),
       "pylock.test.toml:15:6: error: `tool.uv` must be a table, not a string\n"
       "  15 | uv = \"x\"\n"
       "     |      ^~~\n"
       "hint: each tool keeps its data in a table of its own, such as [tool.my-tool]\n"},
      {"ToolValueTooDeep",
       std::string(k_small_lock) + std::string("[tool.x]\nv = ") + std::string(40, '[') +
           std::string(40, ']') + "\n",
       "pylock.test.toml:15:36: error: `tool.x` is nested too deeply (more than 32 levels of "
       "arrays and tables)\n"
       "  15 | v = "
       "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
       "     |                                    ^~~~~~~~~~~~~~~~~~\n"
       "hint: tool tables hold plain data a few levels deep\n"},
      {"GatorUnknownKey",
       std::string(k_small_lock) +
           std::string("[tool.gator-provision]\nprofile = \"mi25\"\nprofil-digest = \"x\"\n"),
       "pylock.test.toml:16:1: error: unknown key \"profil-digest\" in [tool.gator-provision]\n"
       "  16 | profil-digest = \"x\"\n"
       "     | ^~~~~~~~~~~~~\n"
       "hint: did you mean `profile-digest`?\n"},
      {"GatorMissingProfile",
       std::string(k_small_lock) +
           std::string("[tool.gator-provision]\nprofile-digest = "
                       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\"\n"),
       "pylock.test.toml:14:1: error: missing `profile` in [tool.gator-provision]\n"
       "  14 | [tool.gator-provision]\n"
       "     | ^~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: add the profile's name, e.g. profile = \"mi25\"\n"},
      {"GatorMissingTarget",
       std::string(k_small_lock) + std::string("[tool.gator-provision]\nprofile = \"mi25\"\n"),
       "pylock.test.toml:14:1: error: missing `target` in [tool.gator-provision]\n"
       "  14 | [tool.gator-provision]\n"
       "     | ^~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: add [tool.gator-provision.target] with python, platform and arch\n"},
      {"GatorInvalidDigest",
       std::string(k_small_lock) +
           std::string("[tool.gator-provision]\nprofile = \"mi25\"\nprofile-digest = "
                       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d0776\"\n"),
       "pylock.test.toml:16:79: error: invalid `tool.gator-provision.profile-digest`: "
       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d0776\"\n"
       "  16 | profile-digest = \"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d0776\"\n"
       "     |                                                                               ^\n"
       "  caused by: invalid sha256 digest: expected 64 hex characters, found 60\n"
       "hint: the profile digest is a sha256: 64 hex digits\n"},
      {"GatorTargetMissingArch",
       std::string(k_small_lock) +
           std::string(
               "[tool.gator-provision]\nprofile = \"mi25\"\n[tool.gator-provision.target]\npython "
               "= \"3.11\"\nplatform = \"linux\"\n"),
       "pylock.test.toml:16:1: error: missing `arch` in [tool.gator-provision.target]\n"
       "  16 | [tool.gator-provision.target]\n"
       "     | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: add the target's machine, e.g. arch = \"x86_64\"\n"},
      {"GatorDuplicateIndex",
       std::string(k_small_lock) +
           std::string("[tool.gator-provision]\nprofile = \"mi25\"\nindexes = [\n    { name = "
                       "\"pypi\", url = \"https://pypi.org/simple\" },\n    { name = \"pypi\", url "
                       "= \"https://mirror.example/simple\" },\n]\n"),
       "pylock.test.toml:18:14: error: index \"pypi\" is listed twice\n"
       "  18 |     { name = \"pypi\", url = \"https://mirror.example/simple\" },\n"
       "     |              ^~~~~~\n"
       "hint: give each index a name of its own\n"},
      {"GatorSourceOfUnknownIndex",
       std::string(k_small_lock) +
           std::string("[tool.gator-provision]\nprofile = \"mi25\"\nindexes = [{ name = \"pypi\", "
                       "url = \"https://pypi.org/simple\" "
                       "}]\n[tool.gator-provision.sources]\ntorch = \"pytorch\"\n"),
       "pylock.test.toml:18:9: error: package \"torch\" is pinned to index \"pytorch\", which "
       "`tool.gator-provision.indexes` does not list\n"
       "  18 | torch = \"pytorch\"\n"
       "     |         ^~~~~~~~~\n"
       "hint: list every index a package is pinned to in `tool.gator-provision.indexes`\n"},
      {"GatorIndexWithCredentials",
       std::string(k_small_lock) +
           std::string("[tool.gator-provision]\nprofile = \"mi25\"\nindexes = [{ name = \"corp\", "
                       "url = \"https://bot:s3cret@pypi.corp.example/simple\" }]\n"),
       "pylock.test.toml:16:35: error: `tool.gator-provision.indexes.url` contains credentials\n"
       "  16 | indexes = [{ name = \"corp\", url = \"https://bot:s3cret@pypi.corp.example/simple\" "
       "}]\n"
       "     |                                   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: lock files are shared and must not hold secrets: remove the user:password@ part and "
       "give the credentials in ~/.netrc\n"},
  };
  for (const Case& row : cases) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(read_error(row.text), row.expected);
  }
}

}  // namespace
}  // namespace gator::lock

// Lock files the reader refuses: [[packages]] entries, their sources and files, and the checks
// across entries. Every message is asserted whole (Error::render), one table row per kind of
// mistake.
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

TEST(LockPackageErrors, EveryMessageIsExact) {
  const std::vector<Case> cases = {
      {"PackageMissingName", edited(k_small_lock, "name = \"idna\"\n", ""),
       "pylock.test.toml:4:1: error: missing `name` in [[packages]]\n"
       "  4 | [[packages]]\n"
       "    | ^~~~~~~~~~~~\n"
       "hint: add the package's name, e.g. name = \"numpy\"\n"},
      {"PackageNameNotAString", edited(k_small_lock, "name = \"idna\"", "name = [\"idna\"]"),
       "pylock.test.toml:5:8: error: `packages.name` must be a string, not an array\n"
       "  5 | name = [\"idna\"]\n"
       "    |        ^~~~~~~~\n"
       "hint: for example: name = \"numpy\"\n"},
      {"PackageNameInvalid", edited(k_small_lock, "name = \"idna\"", "name = \"idna!\""),
       "pylock.test.toml:5:13: error: invalid package name: \"idna!\"\n"
       "  5 | name = \"idna!\"\n"
       "    |             ^\n"
       "  caused by: invalid project name: use ASCII letters, digits and '-', '_', '.' (not at the "
       "start or end)\n"
       "hint: write a project name such as \"numpy\"\n"},
      {"PackageNameNotNormalized", edited(k_small_lock, "name = \"idna\"", "name = \"IDNA\""),
       "pylock.test.toml:5:8: error: package name \"IDNA\" is not normalized\n"
       "  5 | name = \"IDNA\"\n"
       "    |        ^~~~~~\n"
       "hint: write name = \"idna\" (lower case, runs of '-', '_' and '.' as one '-')\n"},
      {"UnknownPackageKey", edited(k_small_lock, "index =", "hash = \"x\"\nindex ="),
       "pylock.test.toml:7:1: error: unknown key \"hash\" in [[packages]]\n"
       "  7 | hash = \"x\"\n"
       "    | ^~~~\n"
       "hint: valid keys in [[packages]]: name, version, marker, requires-python, dependencies, "
       "vcs, directory, archive, index, sdist, attestation-identities, wheels, tool; tools keep "
       "their own data under [tool.<name>]\n"},
      {"InvalidVersion", edited(k_small_lock, "version = \"3.7\"", "version = \"3.7-final!\""),
       "pylock.test.toml:6:15: error: invalid `packages.version`: \"3.7-final!\"\n"
       "  6 | version = \"3.7-final!\"\n"
       "    |               ^\n"
       "  caused by: invalid version: unexpected '-'\n"
       "hint: write a PEP 440 version such as \"1.26.4\"\n"},
      {"InvalidMarker",
       edited(k_small_lock, "index =", "marker = \"sys_platform = 'linux'\"\nindex ="),
       "pylock.test.toml:7:24: error: invalid `packages.marker`: \"sys_platform = 'linux'\"\n"
       "  7 | marker = \"sys_platform = 'linux'\"\n"
       "    |                        ^\n"
       "  caused by: expected a marker operator: <=, <, !=, ==, >=, >, ~=, ===, in or not in\n"
       "hint: write a PEP 508 marker such as \"sys_platform == 'linux'\"\n"},
      {"InvalidPackageRequiresPython",
       edited(k_small_lock, "index =", "requires-python = \"=>3.8\"\nindex ="),
       "pylock.test.toml:7:20: error: invalid `packages.requires-python`: \"=>3.8\"\n"
       "  7 | requires-python = \"=>3.8\"\n"
       "    |                    ^\n"
       "  caused by: invalid specifier: expected an operator (~=, ==, !=, <=, >=, <, >, ===)\n"
       "hint: write version specifiers such as \">=3.9\"\n"},
      {"IndexNotAUrl",
       edited(k_small_lock, "index = \"https://pypi.org/simple\"", "index = \"pypi.org/simple\""),
       "pylock.test.toml:7:9: error: invalid URL in `packages.index`: \"pypi.org/simple\"\n"
       "  7 | index = \"pypi.org/simple\"\n"
       "    |         ^~~~~~~~~~~~~~~~~\n"
       "  caused by: not an absolute URL (it needs a scheme such as https://)\n"
       "hint: write an absolute URL such as \"https://pypi.org/simple\"\n"},
      {"IndexWithCredentials",
       edited(k_small_lock, "index = \"https://pypi.org/simple\"",
              "index = \"https://user:secret@pypi.example/simple\""),
       "pylock.test.toml:7:9: error: `packages.index` contains credentials\n"
       "  7 | index = \"https://user:secret@pypi.example/simple\"\n"
       "    |         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: lock files are shared and must not hold secrets: remove the user:password@ part and "
       "give the credentials in ~/.netrc\n"},
      {"UrlWithSpace",
       edited(k_small_lock, "url = \"https://files.example.org/idna",
              "url = \"https://files.example.org/my idna"),
       "pylock.test.toml:11:11: error: invalid URL in `packages.wheels.url`: "
       "\"https://files.example.org/my idna-3.7-py3-none-any.whl\"\n"
       "  11 |     url = \"https://files.example.org/my idna-3.7-py3-none-any.whl\"\n"
       "     |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "  caused by: a URL has no spaces or control characters (write a space as %20)\n"
       "hint: write an absolute URL such as \"https://pypi.org/simple\"\n"},
      {"NoSource",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\nversion = "
       "\"3.7\"\n",
       "pylock.test.toml:4:1: error: package \"idna\" has no source\n"
       "  4 | [[packages]]\n"
       "    | ^~~~~~~~~~~~\n"
       "hint: add [[packages.wheels]], [packages.sdist], [packages.vcs], [packages.directory] or "
       "[packages.archive]\n"},
      {"EmptyWheelsIsNoSource",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\nwheels = []\n",
       "pylock.test.toml:4:1: error: package \"idna\" has no source\n"
       "  4 | [[packages]]\n"
       "    | ^~~~~~~~~~~~\n"
       "hint: add [[packages.wheels]], [packages.sdist], [packages.vcs], [packages.directory] or "
       "[packages.archive]\n"},
      {"WheelsAndVcs",
       std::string(k_small_lock) + std::string("\n    [packages.vcs]\n    type = \"git\"\n    url "
                                               "= \"https://github.com/kjd/idna\"\n    commit-id = "
                                               "\"0123456789abcdef0123456789abcdef01234567\"\n"),
       "pylock.test.toml:15:5: error: package \"idna\" has both `wheels` and `vcs`\n"
       "  15 |     [packages.vcs]\n"
       "     |     ^~~~~~~~~~~~~~\n"
       "hint: a package comes from wheels and/or an sdist, or from one direct source (vcs, "
       "directory or archive)\n"},
      {"VcsAndDirectory",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\ndirectory = { "
       "path = \"../idna\" }\nvcs = { type = \"git\", url = \"https://github.com/kjd/idna\", "
       "commit-id = \"0123456789abcdef0123456789abcdef01234567\" }\n",
       "pylock.test.toml:7:1: error: package \"idna\" has both `directory` and `vcs`\n"
       "  7 | vcs = { type = \"git\", url = \"https://github.com/kjd/idna\", commit-id = "
       "\"0123456789abcdef0123456789abcdef01234567\" }\n"
       "    | ^~~\n"
       "hint: a package comes from one direct source (vcs, directory or archive)\n"},
      {"MissingHashes",
       edited(k_small_lock,
              "    hashes = { sha256 = "
              "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\" }\n",
              ""),
       "pylock.test.toml:9:5: error: missing `hashes` in [[packages.wheels]]\n"
       "  9 |     [[packages.wheels]]\n"
       "    |     ^~~~~~~~~~~~~~~~~~~\n"
       "hint: every file is verified by its hash; add hashes = {sha256 = \"<64 hex digits>\"}\n"},
      {"EmptyHashes",
       edited(k_small_lock,
              "{ sha256 = \"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\" }",
              "{}"),
       "pylock.test.toml:13:14: error: `packages.wheels.hashes` must list at least one hash\n"
       "  13 |     hashes = {}\n"
       "     |              ^~\n"
       "hint: add hashes = {sha256 = \"<64 hex digits>\"}\n"},
      {"NoSha256", edited(k_small_lock, "sha256 = ", "sha512 = "),
       "pylock.test.toml:13:14: error: no sha256 hash in `packages.wheels.hashes`\n"
       "  13 |     hashes = { sha512 = "
       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\" }\n"
       "     |              "
       "^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: gator-provision verifies every file by its sha256; add sha256 = \"<64 hex "
       "digits>\"\n"},
      {"InvalidSha256",
       edited(k_small_lock, "82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0",
              "82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aaX"),
       "pylock.test.toml:13:89: error: invalid sha256 hash: "
       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aaX\"\n"
       "  13 |     hashes = { sha256 = "
       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aaX\" }\n"
       "     |                                                                                     "
       "    ^\n"
       "  caused by: invalid sha256 digest: expected a hex digit (0-9, a-f)\n"
       "hint: a sha256 hash is 64 hex digits\n"},
      {"HashNotAString", edited(k_small_lock, "{ sha256", "{ md5 = 12, sha256"),
       "pylock.test.toml:13:22: error: `packages.wheels.hashes.md5` must be a string, not an "
       "integer\n"
       "  13 |     hashes = { md5 = 12, sha256 = "
       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\" }\n"
       "     |                      ^~\n"
       "hint: for example: hashes = {sha256 = \"<64 hex digits>\"}\n"},
      {"WheelWithoutUrlOrPath",
       edited(k_small_lock, "    url = \"https://files.example.org/idna-3.7-py3-none-any.whl\"\n",
              ""),
       "pylock.test.toml:9:5: error: [[packages.wheels]] needs a `url` or a `path`\n"
       "  9 |     [[packages.wheels]]\n"
       "    |     ^~~~~~~~~~~~~~~~~~~\n"
       "hint: give the location of the file, e.g. url = \"https://files.example.org/...\"\n"},
      {"InvalidWheelFileName",
       edited(k_small_lock, "name = \"idna-3.7-py3-none-any.whl\"",
              "name = \"idna-3.7-py3-none.whl\""),
       "pylock.test.toml:10:13: error: invalid wheel file name: \"idna-3.7-py3-none.whl\"\n"
       "  10 |     name = \"idna-3.7-py3-none.whl\"\n"
       "     |             ^~~~~~~~~~~~~~~~~\n"
       "  caused by: invalid wheel filename 'idna-3.7-py3-none.whl': expected "
       "name-version[-build]-python-abi-platform.whl (4 or 5 '-'), found 3 '-'\n"
       "hint: a wheel file name is {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl\n"},
      {"WheelOfAnotherPackage",
       edited(k_small_lock, "name = \"idna-3.7-py3-none-any.whl\"",
              "name = \"idne-3.7-py3-none-any.whl\""),
       "pylock.test.toml:10:12: error: wheel \"idne-3.7-py3-none-any.whl\" is not a file of "
       "package \"idna\"\n"
       "  10 |     name = \"idne-3.7-py3-none-any.whl\"\n"
       "     |            ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: a package entry lists only its own files\n"},
      {"WheelOfAnotherVersion",
       edited(k_small_lock, "name = \"idna-3.7-py3-none-any.whl\"",
              "name = \"idna-3.6-py3-none-any.whl\""),
       "pylock.test.toml:10:12: error: wheel \"idna-3.6-py3-none-any.whl\" is version 3.6, but the "
       "package is version 3.7\n"
       "  10 |     name = \"idna-3.6-py3-none-any.whl\"\n"
       "     |            ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: a package entry lists only the files of its version\n"},
      {"WheelNameFromUrlOfAnotherVersion",
       edited(edited(k_small_lock, "    name = \"idna-3.7-py3-none-any.whl\"\n", ""),
              "/idna-3.7-py3", "/idna-3.8-py3"),
       "pylock.test.toml:10:11: error: wheel \"idna-3.8-py3-none-any.whl\" is version 3.8, but the "
       "package is version 3.7\n"
       "  10 |     url = \"https://files.example.org/idna-3.8-py3-none-any.whl\"\n"
       "     |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: a package entry lists only the files of its version\n"},
      {"WheelListedTwice",
       std::string(k_small_lock) +
           std::string("\n    [[packages.wheels]]\n    name = \"idna-3.7-py3-none-any.whl\"\n    "
                       "path = \"wheels/idna-3.7-py3-none-any.whl\"\n    hashes = { sha256 = "
                       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\" }\n"),
       "pylock.test.toml:15:5: error: wheel \"idna-3.7-py3-none-any.whl\" is listed twice (first "
       "at line 9)\n"
       "  15 |     [[packages.wheels]]\n"
       "     |     ^~~~~~~~~~~~~~~~~~~\n"
       "hint: list each file of a package once\n"},
      {"SdistOfAnotherVersion",
       std::string(k_small_lock) +
           std::string("\n    [packages.sdist]\n    url = "
                       "\"https://files.example.org/idna-3.6.tar.gz\"\n    hashes = { sha256 = "
                       "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\" }\n"),
       "pylock.test.toml:16:11: error: sdist \"idna-3.6.tar.gz\" is version 3.6, but the package "
       "is version 3.7\n"
       "  16 |     url = \"https://files.example.org/idna-3.6.tar.gz\"\n"
       "     |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: a package entry lists only the files of its version\n"},
      {"NegativeSize", edited(k_small_lock, "size = 66836", "size = -1"),
       "pylock.test.toml:12:12: error: `packages.wheels.size` must not be negative\n"
       "  12 |     size = -1\n"
       "     |            ^~\n"
       "hint: the size of the file in bytes, for example: size = 63152\n"},
      {"SizeNotAnInteger", edited(k_small_lock, "size = 66836", "size = \"66836\""),
       "pylock.test.toml:12:12: error: `packages.wheels.size` must be an integer, not a string\n"
       "  12 |     size = \"66836\"\n"
       "     |            ^~~~~~~\n"
       "hint: the size of the file in bytes, for example: size = 63152\n"},
      {"UploadTimeNotUtc",
       edited(k_small_lock, "    size", "    upload-time = 2024-04-11T10:00:00+02:00\n    size"),
       "pylock.test.toml:12:19: error: `packages.wheels.upload-time` is not in UTC\n"
       "  12 |     upload-time = 2024-04-11T10:00:00+02:00\n"
       "     |                   ^~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "  caused by: the specification records upload times in UTC\n"
       "hint: write a date-time in UTC, such as upload-time = 2025-01-25T11:30:10.164985Z\n"},
      {"UploadTimeWithoutOffset",
       edited(k_small_lock, "    size", "    upload-time = 2024-04-11T10:00:00\n    size"),
       "pylock.test.toml:12:19: error: `packages.wheels.upload-time` has no time zone\n"
       "  12 |     upload-time = 2024-04-11T10:00:00\n"
       "     |                   ^~~~~~~~~~~~~~~~~~~\n"
       "  caused by: the specification records upload times in UTC\n"
       "hint: write a date-time in UTC, such as upload-time = 2025-01-25T11:30:10.164985Z\n"},
      {"UploadTimeAsString",
       edited(k_small_lock, "    size", "    upload-time = \"2024-04-11T10:00:00Z\"\n    size"),
       "pylock.test.toml:12:19: error: `packages.wheels.upload-time` must be a date-time, not a "
       "string\n"
       "  12 |     upload-time = \"2024-04-11T10:00:00Z\"\n"
       "     |                   ^~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: write a date-time in UTC, such as upload-time = 2025-01-25T11:30:10.164985Z\n"},
      {"VcsUnknownType",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\n\n    "
       "[packages.vcs]\n    type = \"cvs\"\n    url = \"https://example.org/idna\"\n    commit-id "
       "= \"1.7\"\n",
       "pylock.test.toml:8:12: error: unknown VCS type \"cvs\"\n"
       "  8 |     type = \"cvs\"\n"
       "    |            ^~~~~\n"
       "hint: the registered VCS types are git, hg, bzr and svn\n"},
      {"VcsCommitIsABranch",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\n\n    "
       "[packages.vcs]\n    type = \"git\"\n    url = \"https://github.com/kjd/idna\"\n    "
       "commit-id = \"main\"\n",
       "pylock.test.toml:10:17: error: `packages.vcs.commit-id` must be a full commit hash for "
       "git: \"main\"\n"
       "  10 |     commit-id = \"main\"\n"
       "     |                 ^~~~~~\n"
       "hint: write the 40 (or 64) hex digits of the commit, not a branch or tag name; "
       "requested-revision may keep the name\n"},
      {"VcsWithoutCommitId",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\n\n    "
       "[packages.vcs]\n    type = \"git\"\n    url = \"https://github.com/kjd/idna\"\n",
       "pylock.test.toml:7:5: error: missing `commit-id` in [packages.vcs]\n"
       "  7 |     [packages.vcs]\n"
       "    |     ^~~~~~~~~~~~~~\n"
       "hint: add the exact commit to install, e.g. commit-id = \"<40 hex digits>\"\n"},
      {"VcsWithoutUrlOrPath",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\n\n    "
       "[packages.vcs]\n    type = \"git\"\n    commit-id = "
       "\"0123456789abcdef0123456789abcdef01234567\"\n",
       "pylock.test.toml:7:5: error: [packages.vcs] needs a `url` or a `path`\n"
       "  7 |     [packages.vcs]\n"
       "    |     ^~~~~~~~~~~~~~\n"
       "hint: give the repository, e.g. url = \"https://github.com/owner/project\"\n"},
      {"DirectoryWithVersion",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\nversion = "
       "\"3.7\"\n\n    [packages.directory]\n    path = \"../idna\"\n",
       "pylock.test.toml:6:11: error: package \"idna\" from a directory must not have a `version`\n"
       "  6 | version = \"3.7\"\n"
       "    |           ^~~~~\n"
       "hint: a local directory can change after locking, so its version is not recorded\n"},
      {"SubdirectoryEscapes",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\n\n    "
       "[packages.directory]\n    path = \"../idna\"\n    subdirectory = \"src/../../etc\"\n",
       "pylock.test.toml:9:20: error: `packages.directory.subdirectory` must be a relative path "
       "inside the source tree: \"src/../../etc\"\n"
       "  9 |     subdirectory = \"src/../../etc\"\n"
       "    |                    ^~~~~~~~~~~~~~~\n"
       "hint: write the path of the project inside the source tree, such as \"src/project\"\n"},
      {"ArchiveWithoutHashes",
       "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"idna\"\n\n    "
       "[packages.archive]\n    url = \"https://example.org/idna.zip\"\n",
       "pylock.test.toml:7:5: error: missing `hashes` in [packages.archive]\n"
       "  7 |     [packages.archive]\n"
       "    |     ^~~~~~~~~~~~~~~~~~\n"
       "hint: every file is verified by its hash; add hashes = {sha256 = \"<64 hex digits>\"}\n"},
      {"AttestationWithoutKind",
       std::string(k_small_lock) +
           std::string(
               "\n    [[packages.attestation-identities]]\n    repository = \"kjd/idna\"\n"),
       "pylock.test.toml:15:5: error: missing `kind` in [[packages.attestation-identities]]\n"
       "  15 |     [[packages.attestation-identities]]\n"
       "     |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: add the Trusted Publisher, e.g. kind = \"GitHub\"\n"},
      {"PackageToolNotATable", edited(k_small_lock, "index =", "tool = { uv = 1 }\nindex ="),
       "pylock.test.toml:7:15: error: `packages.tool.uv` must be a table, not an integer\n"
       "  7 | tool = { uv = 1 }\n"
       "    |               ^\n"
       "hint: each tool keeps its data in a table of its own, such as [packages.tool.my-tool]\n"},
      {"DuplicatePackage",
       std::string(k_small_lock) + "\n" +
           std::string(k_small_lock.substr(k_small_lock.find("[[packages]]"))),
       "pylock.test.toml:15:1: error: package \"idna\" is listed twice (first at line 4) without a "
       "marker\n"
       "  15 | [[packages]]\n"
       "     | ^~~~~~~~~~~~\n"
       "hint: an installer must narrow a package down to one entry: give each entry a `marker` for "
       "the environments it is for, or keep one entry\n"},
      {"DuplicatePackageSameMarker",
       edited(k_small_lock, "index =", "marker = \"sys_platform == 'linux'\"\nindex =") +
           edited(edited(k_small_lock.substr(k_small_lock.find("[[packages]]")),
                         "index =", "marker = 'sys_platform == \"linux\"'\nindex ="),
                  "\n", "\n")
               .replace(0, 0, "\n"),
       "pylock.test.toml:16:1: error: package \"idna\" is listed twice (first at line 4) with the "
       "same marker\n"
       "  16 | [[packages]]\n"
       "     | ^~~~~~~~~~~~\n"
       "hint: an installer must narrow a package down to one entry: give each entry a `marker` for "
       "the environments it is for, or keep one entry\n"},
      {"DependencyMatchesNothing",
       edited(k_small_lock, "index =", "dependencies = [{ name = \"urllib3\" }]\nindex ="),
       "pylock.test.toml:7:17: error: dependency { name = \"urllib3\" } of \"idna\" matches no "
       "package entry\n"
       "  7 | dependencies = [{ name = \"urllib3\" }]\n"
       "    |                 ^~~~~~~~~~~~~~~~~~~~\n"
       "hint: each entry of `dependencies` names a package of this lock file\n"},
      {"DependencyAmbiguous",
       edited(k_small_lock, "index =", "dependencies = [{ name = \"idna\" }]\nindex =") + "\n" +
           edited(std::string(k_small_lock.substr(k_small_lock.find("[[packages]]"))),
                  "index =", "marker = \"python_version < '3.8'\"\nindex ="),
       "pylock.test.toml:7:17: error: dependency { name = \"idna\" } of \"idna\" matches 2 package "
       "entries (lines 4 and 16)\n"
       "  7 | dependencies = [{ name = \"idna\" }]\n"
       "    |                 ^~~~~~~~~~~~~~~~~\n"
       "hint: add the keys that tell the entries apart, such as version = \"1.0\"\n"},
      {"DependencyWithUnknownVersion",
       edited(k_small_lock,
              "index =", "dependencies = [{ name = \"idna\", version = \"3.6\" }]\nindex ="),
       "pylock.test.toml:7:17: error: dependency { name = \"idna\", version = \"3.6\" } of "
       "\"idna\" matches no package entry\n"
       "  7 | dependencies = [{ name = \"idna\", version = \"3.6\" }]\n"
       "    |                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
       "hint: each entry of `dependencies` names a package of this lock file\n"},
  };
  for (const Case& row : cases) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(read_error(row.text), row.expected);
  }
}

}  // namespace
}  // namespace gator::lock

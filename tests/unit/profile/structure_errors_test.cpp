// Mistakes in the shape of a profile file: TOML syntax, schema-version, unknown keys, types.
// Every message is asserted whole.
#include <gtest/gtest.h>

#include "profile_fixture.hpp"

namespace gator::profile {
namespace {

using test::minimal_profile;

class StructureErrors : public ::testing::Test {
 protected:
  test::ProfileDir m_dir;
};

TEST_F(StructureErrors, TomlSyntax) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "vendor = \"amd\"\n"
                           "vendor = \"nvidia\"\n"),
            "<dir>/p.toml:4:10: error: invalid TOML: cannot redefine existing string 'vendor' (in "
            "key-value pair)\n"
            "  4 | vendor = \"nvidia\"\n"
            "    |          ^\n"
            "hint: profiles are TOML 1.0 documents (https://toml.io/en/v1.0.0)\n");
}

TEST_F(StructureErrors, TomlSyntaxAtTheEnd) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\npackages = [\"torch\",\n"),
            "<dir>/p.toml:2:22: error: invalid TOML: encountered end-of-file (in array)\n"
            "  2 | packages = [\"torch\",\n"
            "    |                      ^\n"
            "hint: profiles are TOML 1.0 documents (https://toml.io/en/v1.0.0)\n");
}

TEST_F(StructureErrors, DeeplyDottedKeysAreRefusedBeforeParsing) {
  // toml++ would nest one table per part, recursively: 100,000 parts overflow the stack.
  std::string key;
  for (int i = 0; i < 70; ++i)
    key += "a.";
  const std::string line = key + "b = 1";
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n" + line + "\n"),
            "<dir>/p.toml:2:130: error: too many nested keys on one line (more than 64 '.' "
            "outside strings)\n"
            "  2 | " +
                line +
                "\n"
                "    | " +
                std::string(129, ' ') +
                "^\n"
                "hint: profile keys are a few levels deep at most, such as "
                "requirements.sources.torch\n");
  // Dots inside strings, comments and multi-line strings do not count.
  const std::string dots(100, '.');
  static_cast<void>(m_dir.write("q.toml", minimal_profile("# " + dots +
                                                          "\n"
                                                          "[profile]\n"
                                                          "description = \"" +
                                                          dots +
                                                          "\\\"\"\n"
                                                          "[venv]\n"
                                                          "path = '/" +
                                                          dots +
                                                          "'\n"
                                                          "[smoke]\n"
                                                          "command = [\"\"\"\n" +
                                                          dots + "\"\"\"]\n")));
  EXPECT_EQ(m_dir.error("q.toml"), "");
}

TEST_F(StructureErrors, DeeplyNestedValues) {
  const std::string value = std::string(300, '[') + std::string(300, ']');
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\nx = " + value + "\n"),
            "<dir>/p.toml:2:261: error: invalid TOML: exceeded maximum nested value depth of 256 "
            "(TOML_MAX_NESTED_VALUES) (in value)\n"
            "  2 | x = " +
                value +
                "\n"
                "    | " +
                std::string(260, ' ') +
                "^\n"
                "hint: profiles are TOML 1.0 documents (https://toml.io/en/v1.0.0)\n");
}

TEST_F(StructureErrors, MissingSchemaVersion) {
  EXPECT_EQ(m_dir.error_of("p.toml", "[hardware]\nvendor = \"amd\"\n"),
            "<dir>/p.toml:1:1: error: missing `schema-version`\n"
            "hint: add `schema-version = 1` at the top of the profile\n");
}

TEST_F(StructureErrors, UnsupportedSchemaVersionIsCheckedBeforeKeys) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 2\nfuture-key = true\n"),
            "<dir>/p.toml:1:18: error: unsupported schema-version 2\n"
            "  1 | schema-version = 2\n"
            "    |                  ^\n"
            "hint: this gator-provision reads schema-version 1; a newer schema needs a newer "
            "gator-provision\n");
}

TEST_F(StructureErrors, SchemaVersionOfTheWrongType) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = \"1\"\n"),
            "<dir>/p.toml:1:18: error: `schema-version` must be an integer, not a string\n"
            "  1 | schema-version = \"1\"\n"
            "    |                  ^~~\n"
            "hint: for example: schema-version = 1\n");
}

TEST_F(StructureErrors, UnknownTopLevelKeyWithSuggestion) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n\n[hardwre]\nvendor = \"amd\"\n"),
            "<dir>/p.toml:3:2: error: unknown key \"hardwre\"\n"
            "  3 | [hardwre]\n"
            "    |  ^~~~~~~\n"
            "hint: did you mean `hardware`?\n");
}

TEST_F(StructureErrors, UnknownKeyInATableWithSuggestion) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "[hardware]\n"
                           "vendor = \"amd\"\n"
                           "gpu_arch = [\"gfx900\"]\n"),
            "<dir>/p.toml:4:1: error: unknown key \"gpu_arch\" in [hardware]\n"
            "  4 | gpu_arch = [\"gfx900\"]\n"
            "    | ^~~~~~~~\n"
            "hint: did you mean `gpu-arch`?\n");
}

TEST_F(StructureErrors, UnknownKeyWithoutACloseMatch) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[[index]]\n"
                                                     "name = \"pypi\"\n"
                                                     "url = \"https://pypi.org/simple\"\n"
                                                     "priority = 1\n")),
            "<dir>/p.toml:11:1: error: unknown key \"priority\" in [[index]]\n"
            "  11 | priority = 1\n"
            "     | ^~~~~~~~\n"
            "hint: valid keys in [[index]]: name, url, explicit\n");
}

TEST_F(StructureErrors, UnknownKeysAreReportedInSourceOrder) {
  // toml++ keeps keys sorted; the first mistake in the file is the one reported.
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\nzzz = 1\naaa = 2\n"),
            "<dir>/p.toml:2:1: error: unknown key \"zzz\"\n"
            "  2 | zzz = 1\n"
            "    | ^~~\n"
            "hint: valid keys at the top level: schema-version, extends, profile, hardware, "
            "python, target, environment, index, requirements, venv, smoke\n");
}

TEST_F(StructureErrors, StringExpected) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n[hardware]\nvendor = 1\n"),
            "<dir>/p.toml:3:10: error: `hardware.vendor` must be a string, not an integer\n"
            "  3 | vendor = 1\n"
            "    |          ^\n"
            "hint: for example: vendor = \"amd\"\n");
}

TEST_F(StructureErrors, ArrayExpected) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\n[hardware]\ngpu-arch = \"gfx900\"\n"),
            "<dir>/p.toml:3:12: error: `hardware.gpu-arch` must be an array of strings, not a "
            "string\n"
            "  3 | gpu-arch = \"gfx900\"\n"
            "    |            ^~~~~~~~\n"
            "hint: for example: gpu-arch = [\"gfx900\"]\n");
}

TEST_F(StructureErrors, ArrayElementOfTheWrongType) {
  EXPECT_EQ(
      m_dir.error_of("p.toml", minimal_profile("[requirements]\npackages = [\"numpy\", 2.0]\n")),
      "<dir>/p.toml:9:22: error: `requirements.packages` must be an array of strings, but "
      "element 2 is a float\n"
      "  9 | packages = [\"numpy\", 2.0]\n"
      "    |                      ^~~\n"
      "hint: for example: packages = [\"numpy>=1.24.0,<2.0\"]\n");
}

TEST_F(StructureErrors, TableExpected) {
  EXPECT_EQ(m_dir.error_of("p.toml", "schema-version = 1\nhardware = \"amd\"\n"),
            "<dir>/p.toml:2:12: error: `hardware` must be a table, not a string\n"
            "  2 | hardware = \"amd\"\n"
            "    |            ^~~~~\n"
            "hint: write it as a [hardware] section\n");
}

TEST_F(StructureErrors, BooleanExpected) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[[index]]\n"
                                                     "name = \"pypi\"\n"
                                                     "url = \"https://pypi.org/simple\"\n"
                                                     "explicit = \"yes\"\n")),
            "<dir>/p.toml:11:12: error: `index.explicit` must be a boolean, not a string\n"
            "  11 | explicit = \"yes\"\n"
            "     |            ^~~~~\n"
            "hint: for example: explicit = true\n");
}

TEST_F(StructureErrors, IndexMustBeAnArrayOfTables) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[index]\n"
                                                     "name = \"pypi\"\n"
                                                     "url = \"https://pypi.org/simple\"\n")),
            "<dir>/p.toml:8:1: error: `index` must be an array of tables, not a table\n"
            "  8 | [index]\n"
            "    | ^~~~~~~\n"
            "hint: write each index as an [[index]] section with a name and a url\n");
}

TEST_F(StructureErrors, ControlCharacterInAString) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[environment]\nGREETING = \"a\\u0007b\"\n")),
            "<dir>/p.toml:9:12: error: invalid `environment.GREETING`: \"a\\u0007b\"\n"
            "  9 | GREETING = \"a\\u0007b\"\n"
            "    |            ^~~~~~~~~~\n"
            "  caused by: control character in the string\n"
            "hint: profile strings are one line of text without control characters\n");
}

TEST_F(StructureErrors, MissingIndexUrl) {
  EXPECT_EQ(m_dir.error_of("p.toml", minimal_profile("[[index]]\nname = \"mirror\"\n")),
            "<dir>/p.toml:8:1: error: missing `url` in [[index]] \"mirror\"\n"
            "  8 | [[index]]\n"
            "    | ^~~~~~~~~\n"
            "hint: for example: url = \"https://pypi.org/simple\"\n");
}

TEST_F(StructureErrors, MissingIndexName) {
  EXPECT_EQ(m_dir.error_of("p.toml",
                           "schema-version = 1\n"
                           "index = [{ url = \"https://x.org/simple\" }]\n"),
            "<dir>/p.toml:2:10: error: missing `name` in [[index]]\n"
            "  2 | index = [{ url = \"https://x.org/simple\" }]\n"
            "    |          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "hint: for example: name = \"pypi\"\n");
}

}  // namespace
}  // namespace gator::profile

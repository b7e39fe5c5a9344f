#include "venv/pyvenv_cfg.hpp"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace gator::venv {
namespace {

using namespace std::string_view_literals;

PyvenvCfg parsed(std::string_view text) {
  const auto config = parse_pyvenv_cfg(text);
  EXPECT_TRUE(config.has_value()) << (config ? "" : config.error().render());
  return config.value_or(PyvenvCfg{});
}

TEST(PyvenvCfgTest, ReadsWhatCpythonWrites) {
  const PyvenvCfg config = parsed(
      "home = /usr/bin\n"
      "include-system-site-packages = false\n"
      "version = 3.11.2\n"
      "executable = /usr/bin/python3.11\n"
      "command = /usr/bin/python3.11 -m venv --without-pip /tmp/refvenv\n");
  const std::vector<PyvenvEntry> expected = {
      {"home", "/usr/bin"},
      {"include-system-site-packages", "false"},
      {"version", "3.11.2"},
      {"executable", "/usr/bin/python3.11"},
      {"command", "/usr/bin/python3.11 -m venv --without-pip /tmp/refvenv"}};
  EXPECT_EQ(config.entries, expected);
}

// Each row: input, the entries site.py would see.
TEST(PyvenvCfgTest, LinesAreReadAsSitePyReadsThem) {
  struct Row {
    std::string_view text;
    std::vector<PyvenvEntry> entries;
  };
  const Row rows[] = {
      {"", {}},
      {"\n\n\n", {}},
      {"no equals sign here\nhome=/x", {{"home", "/x"}}},
      {"  HOME  =   /opt/py/bin  \n", {{"home", "/opt/py/bin"}}},
      {"Include-System-Site-Packages = TRUE", {{"include-system-site-packages", "TRUE"}}},
      {"command = a = b == c", {{"command", "a = b == c"}}},
      {"prompt =", {{"prompt", ""}}},
      {"a = 1\r\nb = 2\rc = 3\n", {{"a", "1"}, {"b", "2"}, {"c", "3"}}},
      {"\t# comment = kept as site.py keeps it\n", {{"# comment", "kept as site.py keeps it"}}},
      {"home = /a\nhome = /b\n", {{"home", "/a"}, {"home", "/b"}}},
      {"k = caf\xc3\xa9 \xe2\x82\xac", {{"k", "caf\xc3\xa9 \xe2\x82\xac"}}},
  };
  for (const Row& row : rows)
    EXPECT_EQ(parsed(row.text).entries, row.entries) << row.text;
}

TEST(PyvenvCfgTest, ErrorsPointAtTheOffendingByte) {
  struct Row {
    std::string_view text;
    std::size_t offset;
    std::string_view message;
  };
  const Row rows[] = {
      {"home = /usr/bin\n= orphan value\n", 16, "expected a key before '=' in pyvenv.cfg"},
      {"home = /usr\n   \t= x", 16, "expected a key before '=' in pyvenv.cfg"},
      {"home = /usr/\0bin"sv, 12, "pyvenv.cfg contains a NUL byte; it is not a text file"},
  };
  for (const Row& row : rows) {
    const auto config = parse_pyvenv_cfg(row.text);
    ASSERT_FALSE(config.has_value()) << row.text;
    EXPECT_EQ(config.error().offset, row.offset) << row.text;
    EXPECT_EQ(config.error().length, 1u);
    EXPECT_EQ(config.error().message, row.message);
  }
}

TEST(PyvenvCfgTest, FindReturnsTheLastEntryLikeSitePy) {
  const PyvenvCfg config = parsed("home = /a\nversion = 3.11.2\nhome = /b\n");
  ASSERT_NE(config.find("home"), nullptr);
  EXPECT_EQ(*config.find("home"), "/b");
  EXPECT_EQ(config.find("HOME"), nullptr);  // keys are stored lower-case; ask in lower case
  EXPECT_EQ(config.find("executable"), nullptr);
}

TEST(PyvenvCfgTest, SetReplacesOrAppends) {
  PyvenvCfg config = parsed("home = /a\nversion = 3.11.2\nhome = /b\n");
  config.set("home", "/c");
  config.set("gator-profile", "mi25");
  EXPECT_EQ(render_pyvenv_cfg(config),
            "home = /c\nversion = 3.11.2\nhome = /c\ngator-profile = mi25\n");
}

TEST(PyvenvCfgTest, RenderThenParseGivesTheSameEntries) {
  const char* inputs[] = {"home = /usr/bin\nversion = 3.11.2\n", "x=\ny = a=b\r\n\rz  =  q  ",
                          "  K  = v\nno-equals\n"};
  for (const char* input : inputs) {
    const PyvenvCfg first = parsed(input);
    EXPECT_EQ(parsed(render_pyvenv_cfg(first)), first) << input;
  }
}

}  // namespace
}  // namespace gator::venv

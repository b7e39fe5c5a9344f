#include "wheel/scripts.hpp"

#include <gtest/gtest.h>

#include "conformance.hpp"

namespace gator::wheel {
namespace {

using nlohmann::json;

TEST(ScriptsConformance, Scripts) {
  test::for_each_record("installer.json", "scripts", [](const json& record) {
    const auto section = script_kind_from_section(record["section"].get<std::string>());
    const auto kind = launcher_kind_from_name(record["kind"].get<std::string>());
    if (record.contains("expected_error")) {
      EXPECT_FALSE(section && kind);
      return;
    }
    ASSERT_TRUE(section && kind);
    const metadata::Script script{record["name"], record["module"], record["attr"], *section};
    const std::string text = script_text(script, record["executable"].get<std::string>());
    // POSIX launchers are named after the entry point.
    EXPECT_EQ(script.name, record["expected_filename"].get<std::string>());
    EXPECT_TRUE(text.starts_with(record["expected_startswith"].get<std::string>())) << text;
    for (const json& part : record["expected_contains"])
      EXPECT_NE(text.find(part.get<std::string>()), std::string::npos) << part << "\n" << text;
  });
}

TEST(ScriptsTest, LauncherIsPipsTextWithTheInterpreterShebang) {
  const metadata::Script script{"tool", "demo.cli", "main", metadata::ScriptKind::console};
  EXPECT_EQ(script_text(script, "/opt/venv/bin/python"),
            "#!/opt/venv/bin/python\n"
            "# -*- coding: utf-8 -*-\n"
            "import re\n"
            "import sys\n"
            "from demo.cli import main\n"
            "if __name__ == '__main__':\n"
            "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
            "    sys.exit(main())\n");
}

TEST(ScriptsTest, ShebangFallsBackToShWrapperForSpacesAndLongPaths) {
  EXPECT_EQ(build_shebang("/usr/bin/python3"), "#!/usr/bin/python3");
  EXPECT_EQ(build_shebang("/path to/python"),
            "#!/bin/sh\n'''exec' '/path to/python' \"$0\" \"$@\"\n' '''");
  // 124 bytes plus "#!" and the newline is the longest the kernel takes.
  const std::string fits = "/" + std::string(123, 'p');
  EXPECT_EQ(build_shebang(fits), "#!" + fits);
  const std::string too_long = "/" + std::string(124, 'p');
  EXPECT_EQ(build_shebang(too_long), "#!/bin/sh\n'''exec' " + too_long + " \"$0\" \"$@\"\n' '''");
  EXPECT_EQ(build_shebang("/it's here/python"),
            "#!/bin/sh\n'''exec' '/it'\"'\"'s here/python' \"$0\" \"$@\"\n' '''");
}

TEST(ScriptsTest, ShellQuoteMatchesShlexQuote) {
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("/usr/bin/python3.11"), "/usr/bin/python3.11");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("$HOME"), "'$HOME'");
  EXPECT_EQ(shell_quote("it's"), "'it'\"'\"'s'");
}

TEST(ScriptsTest, RewriteShebangOnlyTouchesHashBangPython) {
  EXPECT_EQ(rewrite_shebang("#!python3 -E\r\nprint(1)\n", "/v/bin/python"),
            "#!/v/bin/python\nprint(1)\n");
  EXPECT_EQ(rewrite_shebang("#!/usr/bin/env python\nprint(1)\n", "/v/bin/python"), std::nullopt);
  EXPECT_EQ(rewrite_shebang("", "/v/bin/python"), std::nullopt);
  EXPECT_EQ(rewrite_shebang("#!python\nx\n", "/a b/python"),
            "#!/bin/sh\n'''exec' '/a b/python' \"$0\" \"$@\"\n' '''\nx\n");
}

TEST(ScriptsTest, SectionAndLauncherNames) {
  EXPECT_EQ(script_kind_from_section("console"), metadata::ScriptKind::console);
  EXPECT_EQ(script_kind_from_section("gui"), metadata::ScriptKind::gui);
  EXPECT_EQ(script_kind_from_section("console_scripts"), std::nullopt);
  EXPECT_EQ(launcher_kind_from_name("posix"), LauncherKind::posix);
  EXPECT_EQ(launcher_kind_from_name("win-amd64"), std::nullopt);
}

}  // namespace
}  // namespace gator::wheel

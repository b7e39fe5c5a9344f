// The activate scripts as text; their behaviour in real shells is in activate_shell_test.cpp.
#include "venv/activate.hpp"

#include <gtest/gtest.h>

#include "venv/shell_quote.hpp"

namespace gator::venv {
namespace {

TEST(CheckEnvironmentTest, AcceptsIdentifiersWithAnyPrintableValue) {
  EXPECT_TRUE(check_environment({}).has_value());
  EXPECT_TRUE(check_environment({{"HSA_OVERRIDE_GFX_VERSION", "9.0.0"},
                                 {"_private", ""},
                                 {"A1", "$x `y` 'z' \"w\" \\ ! \t caf\xc3\xa9"},
                                 {"LD_LIBRARY_PATH", "/opt/rocm/lib:/usr/lib"}})
                  .has_value());
}

TEST(CheckEnvironmentTest, RefusalsSayWhy) {
  struct Row {
    std::string name;
    std::string value;
    std::string message;
  };
  const Row rows[] = {
      {"", "x",
       "environment variable name \"\" is not a shell identifier (letters, digits and '_', not "
       "starting with a digit)"},
      {"9LIVES", "x",
       "environment variable name \"9LIVES\" is not a shell identifier (letters, digits and "
       "'_', not starting with a digit)"},
      {"A-B", "x",
       "environment variable name \"A-B\" is not a shell identifier (letters, digits and '_', "
       "not starting with a digit)"},
      {"PATH", "/opt/rocm/bin",
       "environment variable PATH cannot be set by a profile: the activate scripts or the "
       "shells manage it themselves"},
      {"PYTHONHOME", "/x",
       "environment variable PYTHONHOME cannot be set by a profile: the activate scripts or the "
       "shells manage it themselves"},
      {"status", "1",
       "environment variable status cannot be set by a profile: the activate scripts or the "
       "shells manage it themselves"},
      {"_GATOR_OLD_PATH", "x",
       "environment variable _GATOR_OLD_PATH cannot be set by a profile: names starting with "
       "_GATOR_ hold the activate scripts' saved values"},
      {"TWO_LINES", "a\nb",
       "the value of environment variable TWO_LINES contains a NUL byte or a line break, which "
       "csh cannot quote"},
      {"CR", "a\rb",
       "the value of environment variable CR contains a NUL byte or a line break, which csh "
       "cannot quote"},
      {"NUL", std::string("a\0b", 3),
       "the value of environment variable NUL contains a NUL byte or a line break, which csh "
       "cannot quote"},
  };
  for (const Row& row : rows) {
    const auto checked = check_environment({{"FINE", "ok"}, {row.name, row.value}});
    ASSERT_FALSE(checked.has_value()) << row.name;
    EXPECT_EQ(checked.error(), row.message);
  }
}

TEST(SanitizePromptTest, OnlyCharactersNoShellInterpretsSurvive) {
  EXPECT_EQ(sanitize_prompt("mi25"), "mi25");
  EXPECT_EQ(sanitize_prompt("rocm-5.7 gfx900+a@b,c:d=e/f_g"), "rocm-5.7 gfx900+a@b,c:d=e/f_g");
  EXPECT_EQ(sanitize_prompt("a$b`c\\d%e!f'g\"h(i)j\tk"), "a_b_c_d_e_f_g_h_i_j_k");
  EXPECT_EQ(sanitize_prompt("caf\xc3\xa9"), "caf__");
  EXPECT_TRUE(is_safe_prompt("mi25 venv"));
  EXPECT_FALSE(is_safe_prompt("$(id)"));
}

TEST(ShellQuoteTest, EachShellGetsItsOwnQuoting) {
  const std::string text = "it's $HOME \\ !x";
  EXPECT_EQ(quote_sh(text), "'it'\\''s $HOME \\ !x'");
  EXPECT_EQ(quote_fish(text), "'it\\'s $HOME \\\\ !x'");
  EXPECT_EQ(quote_csh(text), "'it'\\''s $HOME \\ '\\!'x'");
  EXPECT_EQ(quote_sh(""), "''");
  EXPECT_EQ(quote_fish(""), "''");
  EXPECT_EQ(quote_csh(""), "''");
  EXPECT_TRUE(is_quotable("tab\there"));
  EXPECT_FALSE(is_quotable("line\nbreak"));
}

ActivateSettings settings() {
  return {"/opt/gator/venv", "mi25", {{"HSA_OVERRIDE_GFX_VERSION", "9.0.0"}}};
}

TEST(ActivateScriptTest, ShScriptSetsTheFinalPrefix) {
  const std::string script = render_activate_sh(settings());
  EXPECT_NE(script.find("\nVIRTUAL_ENV='/opt/gator/venv'\nexport VIRTUAL_ENV\n"),
            std::string::npos);
  EXPECT_NE(script.find("\nPATH='/opt/gator/venv/bin'\"${PATH:+:$PATH}\"\nexport PATH\n"),
            std::string::npos);
  EXPECT_NE(script.find("\nHSA_OVERRIDE_GFX_VERSION='9.0.0'\nexport HSA_OVERRIDE_GFX_VERSION\n"),
            std::string::npos);
  EXPECT_NE(script.find("    VIRTUAL_ENV_PROMPT='(mi25) '\n"), std::string::npos);
  EXPECT_NE(script.find("\nunset PYTHONHOME\n"), std::string::npos);
}

TEST(ActivateScriptTest, FishScriptSetsTheFinalPrefix) {
  const std::string script = render_activate_fish(settings());
  EXPECT_NE(script.find("\nset -gx VIRTUAL_ENV '/opt/gator/venv'\n"), std::string::npos);
  EXPECT_NE(script.find("\nset -gx PATH '/opt/gator/venv/bin' $PATH\n"), std::string::npos);
  EXPECT_NE(script.find("\nset -gx HSA_OVERRIDE_GFX_VERSION '9.0.0'\n"), std::string::npos);
  EXPECT_NE(script.find("\nset -eg PYTHONHOME\n"), std::string::npos);
}

TEST(ActivateScriptTest, CshScriptSetsTheFinalPrefix) {
  const std::string script = render_activate_csh(settings());
  EXPECT_NE(script.find("\nsetenv VIRTUAL_ENV '/opt/gator/venv'\n"), std::string::npos);
  EXPECT_NE(script.find("    setenv PATH '/opt/gator/venv/bin':\"$PATH:q\"\n"), std::string::npos);
  EXPECT_NE(script.find("\nsetenv HSA_OVERRIDE_GFX_VERSION '9.0.0'\n"), std::string::npos);
  EXPECT_NE(script.find("\nunsetenv PYTHONHOME\n"), std::string::npos);
  // The whole deactivate alias is one line.
  const auto alias = script.find("\nalias deactivate '");
  ASSERT_NE(alias, std::string::npos);
  const std::string line = script.substr(alias + 1, script.find('\n', alias + 1) - alias - 1);
  EXPECT_TRUE(line.ends_with("unalias deactivate'")) << line;
}

TEST(ActivateScriptTest, NoEnvironmentMeansNoProfileSection) {
  const ActivateSettings bare{"/v", "v", {}};
  for (const std::string& script :
       {render_activate_sh(bare), render_activate_fish(bare), render_activate_csh(bare)}) {
    EXPECT_EQ(script.find("The profile's environment"), std::string::npos);
    EXPECT_NE(script.find("'/v/bin'"), std::string::npos);
  }
}

}  // namespace
}  // namespace gator::venv

// The activate scripts sourced by real shells: bash and dash always, fish and tcsh when
// installed (scripts/setup.sh installs them). Environments are compared whole, via `env -0`.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "venv/create.hpp"
#include "venv/shell_quote.hpp"
#include "venv_test_support.hpp"

namespace gator::venv {
namespace {
namespace fs = std::filesystem;
using test::parse_env0;

struct Dialect {
  std::string shell;
  std::string script;  // file under bin/
  std::string source;  // the sourcing command
  std::string (*quote)(std::string_view);
  std::string list_variables;      // prints the shell's variables (to look for leftovers)
  std::string deactivate_defined;  // prints DEACTIVATE-DEFINED when deactivate exists
};

const Dialect k_dialects[] = {
    {"bash", "activate", "source", quote_sh, "set",
     "command -v deactivate >/dev/null && echo DEACTIVATE-DEFINED"},
    {"dash", "activate", ".", quote_sh, "set",
     "command -v deactivate >/dev/null && echo DEACTIVATE-DEFINED"},
    {"fish", "activate.fish", "source", quote_fish, "set -n",
     "functions -q deactivate; and echo DEACTIVATE-DEFINED"},
    {"tcsh", "activate.csh", "source", quote_csh, "set",
     "if ( \"`alias deactivate`\" != \"\" ) then\necho DEACTIVATE-DEFINED\nendif"},
};

// Values no shell may expand or mangle.
const std::map<std::string, std::string> k_tricky = {
    {"V_SPACES", "  two  spaces  "},
    {"V_SINGLE", "it's 'quoted'"},
    {"V_DOUBLE", "say \"hi\""},
    {"V_DOLLAR", "$HOME ${HOME} $(id) $1 $$ $"},
    {"V_BACKTICK", "`id` `"},
    {"V_BACKSLASH", "C:\\path\\ \\n \\\\ \\"},
    {"V_BANG", "!! !$ !-1 x!y !"},
    {"V_GLOB", "* ? [a-z] ~ ~root {a,b}"},
    {"V_META", "a;b|c&d<e>f(g)h#i"},
    {"V_PERCENT", "%s %d %%"},
    {"V_TAB", "a\tb"},
    {"V_UTF8", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x8a"},
    {"V_EMPTY", ""},
    {"V_MIXED", "'\"\\'$`!'"},
    {"LD_LIBRARY_PATH", "/opt/rocm/lib:/usr/lib"},
};

void PrintTo(const Dialect& dialect, std::ostream* out) {
  *out << dialect.shell;
}

class ActivateShellTest : public ::testing::TestWithParam<Dialect> {
 protected:
  static void SetUpTestSuite() {
    s_root = test::root() / "shells";
    fs::remove_all(s_root);
    fs::create_directories(s_root);
    make(s_root / "mi25", "mi25",
         {{"HSA_OVERRIDE_GFX_VERSION", "9.0.0"}, {"PYTORCH_ROCM_ARCH", "gfx900"}});
    make(s_root / "other", "other", {{"OTHER_ONLY", "1"}, {"HSA_OVERRIDE_GFX_VERSION", "10.3.0"}});
    make(s_root / "tricky", "tricky", k_tricky);
    make(s_root / "it's a $venv (x) !1", "odd", {});
  }

  static void make(const fs::path& path, const std::string& profile,
                   std::map<std::string, std::string> environment) {
    VenvOptions options;
    options.final_prefix = path;
    options.profile = profile;
    options.environment = std::move(environment);
    create_venv(path, test::base_python(), options);
  }

  void SetUp() override {
    m_shell = test::find_shell(GetParam().shell);
    if (!m_shell)
      GTEST_SKIP() << GetParam().shell << " is not installed (scripts/setup.sh installs it)";
    m_work = test::scratch_dir();
  }

  [[nodiscard]] std::string source(const std::string& venv) const {
    return GetParam().source + " " +
           GetParam().quote((s_root / venv / "bin" / GetParam().script).string());
  }

  // A line writing the exported environment, sorted, to <work>/<name>.
  [[nodiscard]] std::string dump(const std::string& name) const {
    return "env -0 | sort -z > " + GetParam().quote((m_work / name).string());
  }

  [[nodiscard]] std::map<std::string, std::string> dumped(const std::string& name) const {
    std::ifstream in(m_work / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    EXPECT_FALSE(text.str().empty()) << name << " was not written";
    return parse_env0(text.str());
  }

  util::ProcessResult run(const std::string& script,
                          const std::map<std::string, std::string>& env = {}) const {
    auto result = test::run_shell(*m_shell, script, env);
    EXPECT_EQ(result.exit_code, 0) << script << "\nstdout:\n"
                                   << result.out << "\nstderr:\n"
                                   << result.err;
    return result;
  }

  static fs::path s_root;
  std::optional<fs::path> m_shell;
  fs::path m_work;
};
fs::path ActivateShellTest::s_root;

TEST_P(ActivateShellTest, ActivationSetsTheVenvAndTheProfileEnvironment) {
  const auto result = run(dump("before") + "\n" + source("mi25") + "\n" + dump("during") +
                              "\npython -c 'import sys; print(sys.prefix)'\n",
                          {{"PYTHONHOME", "/nonexistent/home"}});
  const auto before = dumped("before");
  const auto during = dumped("during");
  const std::string prefix = (s_root / "mi25").string();
  EXPECT_EQ(during.at("VIRTUAL_ENV"), prefix);
  EXPECT_EQ(during.at("PATH"), prefix + "/bin:" + before.at("PATH"));
  EXPECT_EQ(during.count("PYTHONHOME"), 0u);
  EXPECT_EQ(during.at("HSA_OVERRIDE_GFX_VERSION"), "9.0.0");
  EXPECT_EQ(during.at("PYTORCH_ROCM_ARCH"), "gfx900");
  EXPECT_EQ(during.at("VIRTUAL_ENV_PROMPT"), "(mi25) ");
  // python on PATH is the venv's, and it knows it is in the venv.
  EXPECT_EQ(result.out, prefix + "\n");
  // Nothing else changed.
  auto expected = before;
  expected.erase("PYTHONHOME");
  for (const char* name : {"VIRTUAL_ENV", "PATH", "HSA_OVERRIDE_GFX_VERSION", "PYTORCH_ROCM_ARCH",
                           "VIRTUAL_ENV_PROMPT"})
    expected[name] = during.at(name);
  EXPECT_EQ(during, expected);
}

TEST_P(ActivateShellTest, SourcingTwiceThenDeactivatingOnceRestoresTheEnvironmentExactly) {
  const auto result =
      run(dump("before") + "\n" + source("mi25") + "\n" + dump("once") + "\n" + source("mi25") +
              "\n" + dump("twice") + "\ndeactivate\n" + dump("after") + "\n" +
              GetParam().list_variables + "\n" + GetParam().deactivate_defined + "\necho done\n",
          {{"PYTHONHOME", "/some where/python home"},
           {"HSA_OVERRIDE_GFX_VERSION", "old 'value' $HOME \\ !x"},
           {"VIRTUAL_ENV_PROMPT", "(previous) "}});
  const auto before = dumped("before");
  EXPECT_EQ(dumped("once"), dumped("twice"));
  EXPECT_EQ(dumped("after"), before);
  EXPECT_EQ(before.at("HSA_OVERRIDE_GFX_VERSION"), "old 'value' $HOME \\ !x");
  EXPECT_EQ(before.count("PYTORCH_ROCM_ARCH"), 0u);
  EXPECT_EQ(result.out.find("_GATOR_"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("DEACTIVATE-DEFINED"), std::string::npos) << result.out;
}

TEST_P(ActivateShellTest, DeactivateNondestructiveKeepsTheFunction) {
  const auto result = run(dump("before") + "\n" + source("mi25") + "\ndeactivate nondestructive\n" +
                          dump("after") + "\n" + GetParam().deactivate_defined + "\n");
  EXPECT_EQ(dumped("after"), dumped("before"));
  EXPECT_NE(result.out.find("DEACTIVATE-DEFINED"), std::string::npos) << result.out;
}

TEST_P(ActivateShellTest, SpecialCharactersArriveLiterally) {
  run(dump("before") + "\n" + source("tricky") + "\n" + dump("during") + "\ndeactivate\n" +
      dump("after") + "\n");
  const auto during = dumped("during");
  for (const auto& [name, value] : k_tricky) {
    ASSERT_EQ(during.count(name), 1u) << name;
    EXPECT_EQ(during.at(name), value) << name;
  }
  EXPECT_EQ(dumped("after"), dumped("before"));
}

TEST_P(ActivateShellTest, AVenvPathWithQuotesDollarsAndSpaces) {
  const fs::path prefix = s_root / "it's a $venv (x) !1";
  const auto result = run(source("it's a $venv (x) !1") + "\n" + dump("during") +
                          "\npython -c 'import sys; print(sys.prefix)'\ndeactivate\n");
  const auto during = dumped("during");
  EXPECT_EQ(during.at("VIRTUAL_ENV"), prefix.string());
  EXPECT_EQ(during.at("PATH").substr(0, during.at("PATH").find(':')), (prefix / "bin").string());
  EXPECT_EQ(during.at("VIRTUAL_ENV_PROMPT"), "(odd) ");
  EXPECT_EQ(result.out, prefix.string() + "\n");
}

TEST_P(ActivateShellTest, SwitchingToAnotherVenvUndoesTheFirst) {
  run(dump("before") + "\n" + source("mi25") + "\n" + source("other") + "\n" + dump("during") +
      "\ndeactivate\n" + dump("after") + "\n");
  const auto before = dumped("before");
  const auto during = dumped("during");
  EXPECT_EQ(during.at("VIRTUAL_ENV"), (s_root / "other").string());
  EXPECT_EQ(during.at("PATH"), (s_root / "other" / "bin").string() + ":" + before.at("PATH"));
  EXPECT_EQ(during.at("HSA_OVERRIDE_GFX_VERSION"), "10.3.0");
  EXPECT_EQ(during.at("OTHER_ONLY"), "1");
  EXPECT_EQ(during.count("PYTORCH_ROCM_ARCH"), 0u);  // mi25's, undone on the switch
  EXPECT_EQ(dumped("after"), before);
}

TEST_P(ActivateShellTest, DisabledPromptLeavesPromptVariablesAlone) {
  run(dump("before") + "\n" + source("mi25") + "\n" + dump("during") + "\ndeactivate\n" +
          dump("after") + "\n",
      {{"VIRTUAL_ENV_DISABLE_PROMPT", "1"}});
  EXPECT_EQ(dumped("during").count("VIRTUAL_ENV_PROMPT"), 0u);
  EXPECT_EQ(dumped("after"), dumped("before"));
}

INSTANTIATE_TEST_SUITE_P(Shells, ActivateShellTest, ::testing::ValuesIn(k_dialects),
                         [](const auto& param_info) { return param_info.param.shell; });

// The prompt is each shell's own business, so these are written per shell.
class PromptTest : public ActivateShellTest {};

TEST_P(PromptTest, PromptIsPrefixedAndRestored) {
  const std::string shell = GetParam().shell;
  std::string script;
  std::string expected;
  if (shell == "bash" || shell == "dash") {
    script = "PS1='orig> '\n" + source("mi25") +
             "\nprintf '[%s]\\n' \"$PS1\"\nenv | grep -c '^PS1=' || true\ndeactivate\n"
             "printf '[%s]\\n' \"$PS1\"\nunset PS1\n" +
             source("mi25") + "\nprintf '[%s]\\n' \"${PS1-unset}\"\ndeactivate\n" +
             "printf '[%s]\\n' \"${PS1-unset}\"\n";
    expected = "[(mi25) orig> ]\n0\n[orig> ]\n[unset]\n[unset]\n";
  } else if (shell == "fish") {
    script = "function fish_prompt\n    printf 'orig> '\nend\n" + source("mi25") +
             "\nprintf '[%s]\\n' (fish_prompt)\nfalse\nprintf '[%s]\\n' (fish_prompt)\n"
             "deactivate\nprintf '[%s]\\n' (fish_prompt)\n"
             "functions -q _gator_old_fish_prompt; and echo LEFTOVER\necho end\n";
    expected = "[(mi25) orig> ]\n[(mi25) orig> ]\n[orig> ]\nend\n";
  } else {
    script = "set prompt = 'orig> '\n" + source("mi25") +
             "\necho \"[$prompt]\"\ndeactivate\necho \"[$prompt]\"\nunset prompt\n" +
             source("mi25") + "\nif ( $?prompt ) echo still\ndeactivate\n" +
             "if ( $?prompt ) echo still\necho end\n";
    expected = "[(mi25) orig> ]\n[orig> ]\nend\n";
  }
  EXPECT_EQ(run(script).out, expected);
}

INSTANTIATE_TEST_SUITE_P(Shells, PromptTest, ::testing::ValuesIn(k_dialects),
                         [](const auto& param_info) { return param_info.param.shell; });

// bash's own modes and a venv made by CPython's venv module.
class BashActivateTest : public ActivateShellTest {};

TEST_P(BashActivateTest, WorksUnderSetEu) {
  const auto result = run("set -eu\n" + dump("before") + "\n" + source("mi25") + "\n" +
                          source("mi25") + "\ndeactivate\n" + dump("after") + "\necho ok\n");
  EXPECT_EQ(result.out, "ok\n");
  EXPECT_EQ(dumped("after"), dumped("before"));
}

TEST_P(BashActivateTest, ReplacesAnActiveCpythonVenv) {
  const fs::path cpython = s_root / "cpython-venv";
  if (!fs::exists(cpython / "pyvenv.cfg")) {
    const auto made = util::run_process({"/usr/bin/python3.11",
                                         {"-m", "venv", "--without-pip", cpython.string()},
                                         std::nullopt,
                                         {},
                                         std::chrono::minutes(2)});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  run(dump("before") + "\nsource " + quote_sh((cpython / "bin" / "activate").string()) + "\n" +
      source("mi25") + "\n" + dump("during") + "\ndeactivate\n" + dump("after") + "\n");
  const auto before = dumped("before");
  EXPECT_EQ(dumped("during").at("PATH"),
            (s_root / "mi25" / "bin").string() + ":" + before.at("PATH"));
  EXPECT_EQ(dumped("during").at("VIRTUAL_ENV"), (s_root / "mi25").string());
  EXPECT_EQ(dumped("after").at("PATH"), before.at("PATH"));
  EXPECT_EQ(dumped("after").count("VIRTUAL_ENV"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Bash, BashActivateTest, ::testing::Values(k_dialects[0]),
                         [](const auto& param_info) { return param_info.param.shell; });

}  // namespace
}  // namespace gator::venv

#include "pep508/marker.hpp"

#include <string>

#include <gtest/gtest.h>

namespace gator::pep508 {
namespace {

Marker parse(std::string_view text) {
  auto marker = Marker::parse(text);
  EXPECT_TRUE(marker) << text << "\n" << (marker ? "" : marker.error().render());
  return marker ? *marker : *Marker::parse("os_name == 'unparsable test input'");
}

std::string canonical(std::string_view text) {
  return parse(text).to_string();
}

// The full rendered error, so that the message and the span are both pinned.
std::string parse_error(std::string_view text) {
  const auto marker = Marker::parse(text);
  return marker ? "parsed: " + marker->to_string() : marker.error().render();
}

MarkerEnvironment linux_py312() {
  TargetInterpreter target;
  target.python = InterpreterVersion{3, 12, 4, "final", 0};
  return default_environment(target);
}

std::expected<bool, MarkerError> evaluate(std::string_view text, const MarkerEnvironment& env,
                                          EvaluationContext context = EvaluationContext::metadata) {
  return parse(text).evaluate(env, context);
}

TEST(MarkerParse, PrintsCanonicalText) {
  EXPECT_EQ(canonical("python_version>='3.8'"), "python_version >= \"3.8\"");
  EXPECT_EQ(canonical("  os_name=='nt'and(sys_platform!='x'or'3' in python_version)\t"),
            "os_name == \"nt\" and (sys_platform != \"x\" or \"3\" in python_version)");
  EXPECT_EQ(canonical("'a' not   in\tos_name"), "\"a\" not in os_name");
  EXPECT_EQ(canonical("python_version === 'x' or python_version ~= '3.8'"),
            "python_version === \"x\" or python_version ~= \"3.8\"");
}

TEST(MarkerParse, LegacyNamesPrintAsPep508Names) {
  EXPECT_EQ(canonical("os.name == 'posix'"), "os_name == \"posix\"");
  EXPECT_EQ(canonical("sys.platform == 'linux'"), "sys_platform == \"linux\"");
  EXPECT_EQ(canonical("platform.version == 'x'"), "platform_version == \"x\"");
  EXPECT_EQ(canonical("platform.machine == 'x'"), "platform_machine == \"x\"");
  EXPECT_EQ(canonical("platform.python_implementation == 'x'"),
            "platform_python_implementation == \"x\"");
  EXPECT_EQ(canonical("python_implementation == 'x'"), "platform_python_implementation == \"x\"");
  EXPECT_EQ(parse("os.name == 'posix'"), parse("os_name == \"posix\""));
}

TEST(MarkerParse, ParenthesesAroundOneItemAreDropped) {
  EXPECT_EQ(canonical("((os_name == 'a'))"), "os_name == \"a\"");
  EXPECT_EQ(canonical("(os_name == 'a' or os_name == 'b')"),
            "os_name == \"a\" or os_name == \"b\"");
  // A nested group keeps one pair, however many were written.
  EXPECT_EQ(canonical("python_version < '3.10' and ((os_name == 'a' or os_name == 'b'))"),
            "python_version < \"3.10\" and (os_name == \"a\" or os_name == \"b\")");
  EXPECT_EQ(canonical("(os_name == 'a' and os_name == 'b') and os_name == 'c'"),
            "(os_name == \"a\" and os_name == \"b\") and os_name == \"c\"");
  EXPECT_NE(parse("(os_name == 'a' and os_name == 'b') and os_name == 'c'"),
            parse("os_name == 'a' and os_name == 'b' and os_name == 'c'"));
}

TEST(MarkerParse, AstHasCommentedShape) {
  const Marker marker = parse("os_name == 'a' or (python_version >= '3' and extra == 'X_Y')");
  ASSERT_EQ(marker.nodes().size(), 5u);
  const MarkerNode& root = marker.root();
  ASSERT_FALSE(root.comparison);
  ASSERT_EQ(root.children.size(), 2u);
  EXPECT_EQ(root.joins, std::vector<MarkerJoin>{MarkerJoin::or_});
  const MarkerNode& group = marker.nodes()[root.children[1]];
  ASSERT_EQ(group.children.size(), 2u);
  const MarkerComparison& extra = *marker.nodes()[group.children[1]].comparison;
  EXPECT_EQ(extra.lhs, MarkerOperand(MarkerVariable::extra));
  EXPECT_EQ(extra.op, MarkerOperator::equal);
  EXPECT_EQ(extra.rhs, MarkerOperand(std::string("x-y")));  // stored as a name
}

TEST(MarkerParse, StringLiteralsFollowPythonEscapes) {
  EXPECT_EQ(canonical(R"(os_name == "\x41\u00e9\101\n\t")"),
            "os_name == \"A\xc3\xa9"
            "A\\n\t\"");
  EXPECT_EQ(canonical(R"(os_name == "C:\dir")"), R"(os_name == "C:\\dir")");  // unknown escape
  EXPECT_EQ(canonical(R"(os_name == "a\\b")"), R"(os_name == "a\\b")");
  EXPECT_EQ(canonical(R"(os_name == 'say "hi"')"), R"(os_name == 'say "hi"')");
  EXPECT_EQ(canonical(R"(os_name == "it's")"), R"(os_name == "it's")");
  EXPECT_EQ(canonical("os_name == \"a\\\nb\""), "os_name == \"ab\"");  // line continuation
  EXPECT_EQ(canonical(R"(os_name == "")"), R"(os_name == "")");
  // Values that could not be written back are refused.
  EXPECT_EQ(parse_error(R"(os_name == "a\x27b'\x22")"),
            "a marker value cannot contain both quote characters (' and \")\n"
            "    os_name == \"a\\x27b'\\x22\"\n"
            "               ^~~~~~~~~~~~~");
  EXPECT_FALSE(Marker::parse(R"(os_name == "\N{DIGIT ONE}")"));
  EXPECT_FALSE(Marker::parse(R"(os_name == "\ud800")"));
  EXPECT_FALSE(Marker::parse(R"(os_name == "\0")"));
  EXPECT_FALSE(Marker::parse(R"(os_name == "\U00110000")"));
  EXPECT_FALSE(Marker::parse(std::string("os_name == \"a\0b\"", 16)));
  EXPECT_FALSE(Marker::parse("os_name == \"a\nb\""));
}

TEST(MarkerParse, ErrorsPointAtTheProblem) {
  EXPECT_EQ(parse_error("this_isnt_a_real_variable >= '1.0'"),
            "expected a marker variable (such as python_version) or a quoted string\n"
            "    this_isnt_a_real_variable >= '1.0'\n"
            "    ^");
  EXPECT_EQ(parse_error("python_version"),
            "expected a marker operator: <=, <, !=, ==, >=, >, ~=, ===, in or not in\n"
            "    python_version\n"
            "                  ^");
  EXPECT_EQ(parse_error("(python_version == '2.7' and os_name == 'linux'"),
            "expected ')' to close the '(' of this group, or 'and' / 'or'\n"
            "    (python_version == '2.7' and os_name == 'linux'\n"
            "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
  EXPECT_EQ(parse_error("(python_version == '2.7') with random text"),
            "expected 'and', 'or' or the end of the marker\n"
            "    (python_version == '2.7') with random text\n"
            "                              ^");
  EXPECT_EQ(parse_error("os_name == \"C:\\\""),
            "invalid quoted string: the closing quote is escaped by a backslash (write \\\\)\n"
            "    os_name == \"C:\\\"\n"
            "               ^~~~~");
  EXPECT_EQ(parse_error("os_name == 'abc"),
            "unterminated string: no closing '\n"
            "    os_name == 'abc\n"
            "               ^~~~");
  EXPECT_EQ(parse_error("'3.7' not python_version"),
            "expected 'in' after 'not'\n"
            "    '3.7' not python_version\n"
            "              ^");
  EXPECT_EQ(parse_error("python_version >= '3'\n"),
            "a marker cannot contain a line break\n"
            "    python_version >= '3'?\n"
            "                         ^");
  // Keywords need a word boundary: `inpython_version` is not `in python_version`.
  EXPECT_FALSE(Marker::parse("'3.6'inpython_version"));
  EXPECT_FALSE(Marker::parse("os_name == 'a' andos_name == 'b'"));
  EXPECT_FALSE(Marker::parse("Python_Version == '3'"));
  EXPECT_FALSE(Marker::parse("extras_x == '3'"));
  EXPECT_FALSE(Marker::parse(""));
  EXPECT_FALSE(Marker::parse("()"));
}

TEST(MarkerEvaluate, VersionVariablesCompareAsVersions) {
  MarkerEnvironment env = linux_py312();
  EXPECT_EQ(evaluate("python_version >= '3.8'", env), true);
  EXPECT_EQ(evaluate("python_version < '3.12'", env), false);
  EXPECT_EQ(evaluate("python_full_version == '3.12.*'", env), true);
  EXPECT_EQ(evaluate("'3.9' <= python_version", env), true);  // the variable may be on the right
  EXPECT_EQ(evaluate("python_version ~= '3.10'", env), true);
  env.python_full_version = "3.13.0a5";
  EXPECT_EQ(evaluate("python_full_version > '3.12'", env), true);  // pre-releases match
  env.python_full_version = "3.11.1+";  // untagged build: repaired to 3.11.1+local
  EXPECT_EQ(evaluate("python_full_version < '3.12'", env), true);
  env.platform_release = "6.1.0-18-amd64";  // not a version: string rules
  EXPECT_EQ(evaluate("platform_release >= '6'", env), false);
  EXPECT_EQ(evaluate("platform_release == '6.1.0-18-amd64'", env), true);
  EXPECT_EQ(evaluate("'amd64' in platform_release", env), true);
  // `===` compares text (case-insensitively), not versions.
  EXPECT_EQ(evaluate("python_version === '3.12'", env), true);
  EXPECT_EQ(evaluate("python_version === '3.12.0'", env), false);
  EXPECT_EQ(evaluate("python_version === 'PY,3'", env), false);  // any text is a `===` version
  EXPECT_EQ(evaluate("python_version == '3.12,'", env), false);  // not a specifier: strings
}

TEST(MarkerEvaluate, StringRules) {
  const MarkerEnvironment env = linux_py312();
  EXPECT_EQ(evaluate("sys_platform == 'linux'", env), true);
  EXPECT_EQ(evaluate("sys_platform != 'linux'", env), false);
  EXPECT_EQ(evaluate("sys_platform > 'a'", env), false);  // no lexicographic order
  EXPECT_EQ(evaluate("sys_platform <= 'linux'", env), true);
  EXPECT_EQ(evaluate("'lin' in sys_platform", env), true);
  EXPECT_EQ(evaluate("sys_platform in 'linux2 darwin'", env), true);
  EXPECT_EQ(evaluate("'b' <= 'a'", env), false);
  EXPECT_EQ(evaluate("'a' >= 'a'", env), true);
  const auto compatible = evaluate("os_name ~= '1.0'", env);
  ASSERT_FALSE(compatible);
  EXPECT_EQ(compatible.error().kind, MarkerErrorKind::undefined_comparison);
  EXPECT_EQ(compatible.error().message,
            "undefined comparison 'posix' ~= '1.0': both sides must be versions and the "
            "variable a version one");
  EXPECT_FALSE(evaluate("sys_platform === 'linux'", env));
}

TEST(MarkerEvaluate, ExtraComparesAsName) {
  MarkerEnvironment env = linux_py312();
  EXPECT_EQ(evaluate("extra == 'test'", env), false);  // metadata: missing extra is ""
  const auto missing = evaluate("extra == 'test'", env, EvaluationContext::requirement);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), (MarkerError{MarkerErrorKind::undefined_environment_name,
                                          "the environment does not define 'extra'"}));
  env.extra = "Foo.Bar";
  EXPECT_EQ(evaluate("extra == 'foo_bar'", env), true);
  EXPECT_EQ(evaluate("'FOO-bar' == extra", env), true);
  env.extra = "v2";
  EXPECT_EQ(evaluate("extra == 'v2.0'", env), false);  // never compared as versions
}

TEST(MarkerEvaluate, SetVariablesDependOnContext) {
  MarkerEnvironment env = linux_py312();
  EXPECT_EQ(evaluate("'dev' in dependency_groups", env, EvaluationContext::lock_file), false);
  const auto undefined = evaluate("'dev' in dependency_groups", env);
  ASSERT_FALSE(undefined);
  EXPECT_EQ(undefined.error().kind, MarkerErrorKind::undefined_environment_name);
  env.extras = std::vector<std::string>{"Cuda_12", "rocm"};
  EXPECT_EQ(evaluate("'cuda-12' in extras", env), true);
  EXPECT_EQ(evaluate("'cpu' not in extras", env), true);
  EXPECT_EQ(evaluate("'cpu' == extras", env), false);
  const auto lhs = evaluate("extras == 'rocm'", env);
  ASSERT_FALSE(lhs);
  EXPECT_EQ(lhs.error().kind, MarkerErrorKind::undefined_comparison);
}

TEST(MarkerEvaluate, EveryComparisonIsEvaluated) {
  // packaging evaluates all comparisons, so an undefined one is reported even when the result
  // is already known.
  const auto result = evaluate("os_name == 'posix' or os_name ~= '1.0'", linux_py312());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, MarkerErrorKind::undefined_comparison);
  MarkerEnvironment env;
  env.os_name = "posix";
  const auto unset = evaluate("os_name == 'posix' and sys_platform == 'linux'", env);
  ASSERT_FALSE(unset);
  EXPECT_EQ(unset.error().message, "the environment does not define 'sys_platform'");
}

TEST(MarkerEvaluate, AndBindsTighterThanOr) {
  const MarkerEnvironment env = linux_py312();
  EXPECT_EQ(evaluate("os_name == 'nt' and os_name == 'nt' or os_name == 'posix'", env), true);
  EXPECT_EQ(evaluate("os_name == 'nt' and (os_name == 'nt' or os_name == 'posix')", env), false);
  EXPECT_EQ(evaluate("os_name == 'posix' or os_name == 'nt' and os_name == 'nt'", env), true);
}

TEST(MarkerCombine, OperandsStayGroups) {
  const Marker a = parse("os_name == 'a' or os_name == 'b'");
  const Marker b = parse("python_version >= '3'");
  EXPECT_EQ((a & b).to_string(),
            "(os_name == \"a\" or os_name == \"b\") and python_version >= \"3\"");
  EXPECT_EQ((b | b).to_string(), "python_version >= \"3\" or python_version >= \"3\"");
  EXPECT_EQ(a & b, parse((a & b).to_string()));
  EXPECT_EQ((a & b).evaluate(linux_py312()), false);
  Marker self = b;
  self |= self;
  EXPECT_EQ(self, b | b);
}

TEST(MarkerDepth, TenThousandNestedParenthesesDoNotExhaustTheStack) {
  constexpr std::size_t k_depth = 10'000;
  const std::string deep =
      std::string(k_depth, '(') + "os_name == 'posix'" + std::string(k_depth, ')');
  const Marker single = parse(deep);
  EXPECT_EQ(single.to_string(), "os_name == \"posix\"");

  // Every level a real group: `(a and (a and (... )))`.
  std::string nested;
  for (std::size_t i = 0; i < k_depth; ++i)
    nested += "os_name == 'posix' and (";
  nested += "python_version >= '3'";
  nested += std::string(k_depth, ')');
  const Marker marker = parse(nested);
  EXPECT_EQ(marker.nodes().size(), 2 * k_depth + 1);
  EXPECT_EQ(marker.evaluate(linux_py312()), true);
  const Marker copy = parse(marker.to_string());
  EXPECT_EQ(copy, marker);

  EXPECT_FALSE(Marker::parse(std::string(k_depth, '(') + "os_name == 'posix'"));
  EXPECT_FALSE(Marker::parse(std::string(k_depth, '(')));
  EXPECT_FALSE(Marker::parse("os_name == 'posix'" + std::string(k_depth, ')')));

  // Combining builds depth too; `&=` appends in place.
  Marker chain = parse("os_name == 'posix'");
  const Marker next = parse("python_version >= '3'");
  for (std::size_t i = 0; i < k_depth; ++i)
    chain &= next;
  EXPECT_TRUE(chain.to_string().starts_with(std::string(k_depth - 1, '(') + "os_name"));
  EXPECT_EQ(chain.evaluate(linux_py312()), true);
  EXPECT_EQ(parse(chain.to_string()), chain);
}

TEST(MarkerQuote, ChoosesTheQuoteCharacter) {
  EXPECT_EQ(quote_marker_value("plain"), "\"plain\"");
  EXPECT_EQ(quote_marker_value("a\"b"), "'a\"b'");
  EXPECT_EQ(quote_marker_value("a'b"), "\"a'b\"");
  const auto both = quote_marker_value("a\"b'c");
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().offset, 1u);
  EXPECT_EQ(both.error().message, "cannot write a marker value that contains both ' and \"");
}

}  // namespace
}  // namespace gator::pep508

#include "pep508/requirement.hpp"

#include <string>

#include <gtest/gtest.h>

namespace gator::pep508 {
namespace {

Requirement parse(std::string_view text) {
  auto requirement = Requirement::parse(text);
  EXPECT_TRUE(requirement) << text << "\n" << (requirement ? "" : requirement.error().render());
  return requirement ? *requirement : *Requirement::parse("unparsable-test-input");
}

std::string parse_error(std::string_view text) {
  const auto requirement = Requirement::parse(text);
  return requirement ? "parsed: " + requirement->to_string() : requirement.error().render();
}

TEST(RequirementParse, Parts) {
  const Requirement r =
      parse("  PyTorch_Triton.ROCm [rocm, Cuda , rocm] ( >=2.3 , <3 ) ; python_version >= '3.8'");
  EXPECT_EQ(r.name(), "PyTorch_Triton.ROCm");
  EXPECT_EQ(r.package_name().str(), "pytorch-triton-rocm");
  EXPECT_EQ(r.extras(), (std::vector<std::string>{"Cuda", "rocm"}));
  EXPECT_TRUE(r.has_extra("cuda"));
  EXPECT_TRUE(r.has_extra("ROCM"));
  EXPECT_FALSE(r.has_extra("cpu"));
  EXPECT_EQ(r.specifier(), *pep440::SpecifierSet::parse("<3,>=2.3"));
  EXPECT_FALSE(r.url());
  ASSERT_TRUE(r.marker());
  EXPECT_EQ(r.marker()->to_string(), "python_version >= \"3.8\"");
  EXPECT_EQ(r.to_string(), "PyTorch_Triton.ROCm[Cuda,rocm]<3,>=2.3; python_version >= \"3.8\"");
}

TEST(RequirementParse, Urls) {
  const Requirement r = parse("torch @ https://download.pytorch.org/whl/torch-2.3.1.whl");
  EXPECT_EQ(r.url(), "https://download.pytorch.org/whl/torch-2.3.1.whl");
  EXPECT_TRUE(r.specifier().empty());
  EXPECT_EQ(r.to_string(), "torch @ https://download.pytorch.org/whl/torch-2.3.1.whl");
  // Anything without spaces is a URL, as in packaging >= 24: `file:.`, `gopher:/x`.
  EXPECT_EQ(parse("name @ file:.").url(), "file:.");
  EXPECT_EQ(parse("name@git+ssh://git@github.com:pypa/packaging.git").url(),
            "git+ssh://git@github.com:pypa/packaging.git");
  // `;` belongs to the URL unless a space separates them.
  EXPECT_EQ(parse("name @ https://x/;v=1").url(), "https://x/;v=1");
  EXPECT_EQ(parse("name @ https://x/ ; os_name == 'nt'").to_string(),
            "name @ https://x/ ; os_name == \"nt\"");
}

TEST(RequirementParse, EmptyExtrasAndSpecifier) {
  EXPECT_EQ(parse("name[]").to_string(), "name");
  EXPECT_EQ(parse("name()").to_string(), "name");
  EXPECT_EQ(parse("name>=1.0,").to_string(), "name>=1.0");
  EXPECT_EQ(parse("name===arbitrary;os_name=='nt'").to_string(),
            "name===arbitrary; os_name == \"nt\"");
}

TEST(RequirementEquality, ComparesNamesExtrasSpecifiersUrlsMarkers) {
  EXPECT_EQ(parse("scikit-learn[All_Extras]>=1.0"), parse("Scikit_Learn [all-extras] >= 1.0.0"));
  EXPECT_NE(parse("a>=1"), parse("a>1"));
  EXPECT_NE(parse("a @ https://x/a.whl"), parse("a @ https://x/b.whl"));
  EXPECT_NE(parse("a; os_name == 'nt'"), parse("a"));
  EXPECT_NE(parse("a[x]"), parse("a"));
}

TEST(RequirementParse, ErrorsPointAtTheProblem) {
  EXPECT_EQ(parse_error(""),
            "expected a package name at the start of the requirement\n"
            "    \n"
            "    ^");
  EXPECT_EQ(parse_error("name[bar baz]"),
            "expected a comma between extra names\n"
            "    name[bar baz]\n"
            "             ^");
  EXPECT_EQ(parse_error("name (>= 1.0"),
            "expected ')' to close the version specifier opened here\n"
            "    name (>= 1.0\n"
            "         ^~~~~~~");
  EXPECT_EQ(parse_error("black (>=20.*) ; extra == 'format'"),
            "a .* suffix can only be used with the == or != operators\n"
            "    black (>=20.*) ; extra == 'format'\n"
            "           ^~~~~~");
  EXPECT_EQ(parse_error("name >= 1.0+local.version"),
            "a local version label can only be used with the == or != operators\n"
            "    name >= 1.0+local.version\n"
            "         ^~~~~~~");
  EXPECT_EQ(parse_error("name @ https://example.com/; extra == 'example'"),
            "expected ';' (after the URL and a space) or the end\n"
            "    name @ https://example.com/; extra == 'example'\n"
            "           ^~~~~~~~~~~~~~~~~~~~~~~");
  EXPECT_EQ(parse_error("name==1.0.org1"),
            "expected ',' (between version specifiers), ';' (before a marker) or the end\n"
            "    name==1.0.org1\n"
            "        ^~~~~~");
  EXPECT_EQ(parse_error("name 1.0"),
            "expected a version specifier (such as >=1.0), '@ URL', ';' or the end\n"
            "    name 1.0\n"
            "         ^");
  EXPECT_EQ(parse_error("demo===x,y"),
            "invalid version specifier: invalid specifier: expected an operator (~=, ==, !=, <=, "
            ">=, <, >, ===)\n"
            "    demo===x,y\n"
            "        ^~~~~~");
  EXPECT_EQ(parse_error("name_>=1"),
            "a name must end with a letter or a digit\n"
            "    name_>=1\n"
            "        ^");
  EXPECT_EQ(parse_error("name>=1\n"),
            "a requirement cannot contain a line break\n"
            "    name>=1?\n"
            "           ^");
  EXPECT_EQ(parse_error("name @ https://x\n"),
            "a requirement cannot contain a line break\n"
            "    name @ https://x?\n"
            "                    ^");
  EXPECT_EQ(parse_error("name; os_name == 'a' )"),
            "expected 'and', 'or' or the end of the requirement\n"
            "    name; os_name == 'a' )\n"
            "                         ^");
}

TEST(RequirementParse, DeepMarkerDoesNotExhaustTheStack) {
  const std::string deep =
      "name; " + std::string(10'000, '(') + "os_name == 'nt'" + std::string(10'000, ')');
  EXPECT_EQ(parse(deep).to_string(), "name; os_name == \"nt\"");
  EXPECT_FALSE(Requirement::parse("name; " + std::string(10'000, '(')));
}

}  // namespace
}  // namespace gator::pep508

#include "util/error.hpp"

#include <set>

#include <gtest/gtest.h>

#include "util/error_chain.hpp"

namespace gator {
namespace {

TEST(ErrorTest, RendersLocationCaretCausesAndHints) {
  Error error(ErrorKind::invalid_input, "invalid version for `python.version`: \"3.1x\"");
  error.at({"profiles/mi25.toml", 7, 11, "version = \"3.1x\"", 6})
      .hint("use a release such as \"3.11\"");
  EXPECT_EQ(error.render("gator-provision"),
            "profiles/mi25.toml:7:11: error: invalid version for `python.version`: \"3.1x\"\n"
            "  7 | version = \"3.1x\"\n"
            "    |           ^~~~~~\n"
            "hint: use a release such as \"3.11\"\n");
}

TEST(ErrorTest, RendersProgramPrefixWithoutLocation) {
  Error error(ErrorKind::integrity, "cannot install numpy 1.26.4");
  error.caused_by("hash mismatch for numpy-1.26.4-py3-none-any.whl").hint("re-lock");
  EXPECT_EQ(error.render("gator-provision"),
            "gator-provision: error: cannot install numpy 1.26.4\n"
            "  caused by: hash mismatch for numpy-1.26.4-py3-none-any.whl\n"
            "hint: re-lock\n");
  EXPECT_EQ(error.kind(), ErrorKind::integrity);
}

TEST(ErrorTest, ExitCodesAreDistinctPerKind) {
  const ErrorKind kinds[] = {ErrorKind::usage,        ErrorKind::invalid_input,
                             ErrorKind::check_failed, ErrorKind::resolution,
                             ErrorKind::network,      ErrorKind::integrity,
                             ErrorKind::io,           ErrorKind::not_implemented,
                             ErrorKind::interrupted,  ErrorKind::internal};
  std::set<int> codes;
  for (ErrorKind kind : kinds) {
    EXPECT_NE(exit_code(kind), 0) << to_string(kind);
    codes.insert(exit_code(kind));
  }
  EXPECT_EQ(codes.size(), std::size(kinds));
  EXPECT_EQ(exit_code(ErrorKind::usage), 2);
  EXPECT_EQ(exit_code(ErrorKind::not_implemented), 9);
}

TEST(ErrorTest, WrapKeepsKindCausesAndHints) {
  Error inner(ErrorKind::network, "cannot fetch https://mirror/simple/torch/");
  inner.caused_by("HTTP 503").hint("retry later");
  const Error outer = wrap(inner, "cannot look up torch on the index \"pytorch\"");
  EXPECT_EQ(outer.kind(), ErrorKind::network);
  EXPECT_EQ(outer.render("gator-provision"),
            "gator-provision: error: cannot look up torch on the index \"pytorch\"\n"
            "  caused by: cannot fetch https://mirror/simple/torch/\n"
            "  caused by: HTTP 503\n"
            "hint: retry later\n");
}

}  // namespace
}  // namespace gator

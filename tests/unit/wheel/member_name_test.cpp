#include "wheel/member_name.hpp"

#include <gtest/gtest.h>

namespace gator::wheel {
namespace {

TEST(MemberNameTest, AcceptsRelativeSlashSeparatedNames) {
  for (const std::string_view name :
       {"demo/__init__.py", "demo-1.0.dist-info/RECORD", "a", "dir/sub/file.txt", "ünïcode.py",
        "..hidden", "a/..b/c", "x..y"}) {
    EXPECT_EQ(check_member_name(name), std::nullopt) << name;
  }
}

TEST(MemberNameTest, RefusesNamesThatEscapeOrAreAmbiguous) {
  const std::string long_name = "demo/" + std::string(256, 'a');
  const std::pair<std::string_view, std::string_view> table[] = {
      {"", "has an empty name"},
      {"/etc/passwd", "is an absolute path"},
      {"../evil.txt", "has a \"..\" path component"},
      {"demo/../../evil.txt", "has a \"..\" path component"},
      {"demo/..", "has a \"..\" path component"},
      {"demo//x.py", "has an empty or \".\" path component"},
      {"./demo/x.py", "has an empty or \".\" path component"},
      {"demo/./x.py", "has an empty or \".\" path component"},
      {"demo\\..\\evil", "has a backslash in its name"},
      {"C:\\evil", "has a backslash in its name"},
      {"demo/x\ny", "has a control character in its name"},
      {std::string_view("demo/x\0y", 8), "has a NUL character in its name"},
      {long_name, "has a path component longer than 255 bytes"},
  };
  for (const auto& [name, reason] : table)
    EXPECT_EQ(check_member_name(name), std::optional<std::string>(reason)) << name;
}

TEST(MemberNameTest, CollisionKeyFoldsAsciiCaseOnly) {
  EXPECT_EQ(collision_key("Demo/README.txt"), "demo/readme.txt");
  EXPECT_EQ(collision_key("Ä.py"), "Ä.py");
}

TEST(MemberNameTest, PycacheComponent) {
  EXPECT_TRUE(is_in_pycache("__pycache__/bad.cpython-312.pyc"));
  EXPECT_TRUE(is_in_pycache("fancy/__pycache__/bad.cpython-312.pyc"));
  EXPECT_FALSE(is_in_pycache("fancy/not__pycache__/x.pyc"));
}

TEST(MemberNameTest, QuotedNameEscapesControlCharacters) {
  EXPECT_EQ(quoted_name("a\nb\"c"), "\"a\\x0ab\\\"c\"");
}

}  // namespace
}  // namespace gator::wheel

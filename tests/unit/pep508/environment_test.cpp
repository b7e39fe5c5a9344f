#include "pep508/environment.hpp"

#include <gtest/gtest.h>

namespace gator::pep508 {
namespace {

TEST(InterpreterVersionParse, AcceptsWhatProfilesAndPythonSay) {
  EXPECT_EQ(InterpreterVersion::parse("3.11"), (InterpreterVersion{3, 11, 0, "final", 0}));
  EXPECT_EQ(InterpreterVersion::parse("3.11.4"), (InterpreterVersion{3, 11, 4, "final", 0}));
  EXPECT_EQ(InterpreterVersion::parse("3"), (InterpreterVersion{3, 0, 0, "final", 0}));
  EXPECT_EQ(InterpreterVersion::parse("3.13.0a2"), (InterpreterVersion{3, 13, 0, "alpha", 2}));
  EXPECT_EQ(InterpreterVersion::parse("3.13.0b1"), (InterpreterVersion{3, 13, 0, "beta", 1}));
  EXPECT_EQ(InterpreterVersion::parse("3.13.0rc1"), (InterpreterVersion{3, 13, 0, "candidate", 1}));
}

TEST(InterpreterVersionParse, RejectsOtherText) {
  const auto bad = InterpreterVersion::parse("3.1x");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().render(),
            "expected a pre-release suffix (a1, b2, rc1) or the end of the version\n"
            "    3.1x\n"
            "       ^");
  EXPECT_FALSE(InterpreterVersion::parse(""));
  EXPECT_FALSE(InterpreterVersion::parse("3."));
  EXPECT_FALSE(InterpreterVersion::parse("3.11.4.1"));
  EXPECT_FALSE(InterpreterVersion::parse("3.13.0rc"));
  EXPECT_FALSE(InterpreterVersion::parse("3.13.0rc1 "));
  EXPECT_FALSE(InterpreterVersion::parse("99999999999.1"));
}

TEST(FormatFullVersion, FollowsPackaging) {
  EXPECT_EQ(format_full_version({3, 4, 2, "final", 0}), "3.4.2");
  EXPECT_EQ(format_full_version({3, 4, 2, "beta", 4}), "3.4.2b4");
  EXPECT_EQ(format_full_version({3, 13, 0, "candidate", 1}), "3.13.0c1");
}

TEST(DefaultEnvironment, DescribesTheTargetNotTheHost) {
  TargetInterpreter target;
  target.python = *InterpreterVersion::parse("3.13.0rc1");
  target.platform_machine = "aarch64";
  target.platform_release = "5.15.0-105-generic";
  const MarkerEnvironment env = default_environment(target);
  EXPECT_EQ(env.implementation_name, "cpython");
  EXPECT_EQ(env.implementation_version, "3.13.0c1");
  EXPECT_EQ(env.python_full_version, "3.13.0rc1");  // platform.python_version() spelling
  EXPECT_EQ(env.python_version, "3.13");
  EXPECT_EQ(env.os_name, "posix");
  EXPECT_EQ(env.sys_platform, "linux");
  EXPECT_EQ(env.platform_system, "Linux");
  EXPECT_EQ(env.platform_machine, "aarch64");
  EXPECT_EQ(env.platform_release, "5.15.0-105-generic");
  EXPECT_EQ(env.platform_version, "");
  EXPECT_EQ(env.platform_python_implementation, "CPython");
  EXPECT_FALSE(env.extra);
  EXPECT_FALSE(env.extras);
  EXPECT_FALSE(env.dependency_groups);

  TargetInterpreter pypy;
  pypy.python = {3, 10, 14, "final", 0};
  pypy.implementation_name = "pypy";
  pypy.implementation = InterpreterVersion{7, 3, 17, "final", 0};
  pypy.python_implementation = "PyPy";
  const MarkerEnvironment pypy_env = default_environment(pypy);
  EXPECT_EQ(pypy_env.implementation_version, "7.3.17");
  EXPECT_EQ(pypy_env.python_full_version, "3.10.14");
}

TEST(MarkerEnvironmentFields, LookUpByVariable) {
  MarkerEnvironment env;
  *env.string_field(MarkerVariable::sys_platform) = "darwin";
  EXPECT_EQ(env.sys_platform, "darwin");
  EXPECT_EQ(env.string_field(MarkerVariable::extras), nullptr);
  EXPECT_EQ(env.set_field(MarkerVariable::extras), &env.extras);
  EXPECT_EQ(env.set_field(MarkerVariable::os_name), nullptr);
  EXPECT_EQ(to_string(MarkerVariable::platform_python_implementation),
            "platform_python_implementation");
  EXPECT_TRUE(is_version_variable(MarkerVariable::platform_release));
  EXPECT_FALSE(is_version_variable(MarkerVariable::platform_version));
  EXPECT_TRUE(is_set_variable(MarkerVariable::dependency_groups));
}

}  // namespace
}  // namespace gator::pep508

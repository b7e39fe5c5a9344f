#include "provision/target.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "profile_builder.hpp"
#include "util/error.hpp"

namespace gator::provision {
namespace {

using testing::make_profile;
using testing::ProfileSpec;

[[nodiscard]] python::InterpreterInfo interpreter(std::string_view version) {
  python::InterpreterInfo info;
  info.version = *pep508::InterpreterVersion::parse(version);
  return info;
}

[[nodiscard]] bool has_tag(const tags::SupportedTags& supported, std::string_view text) {
  return std::any_of(supported.tags().begin(), supported.tags().end(),
                     [&](const tags::Tag& tag) { return tag.to_string() == text; });
}

const HostFacts k_host{"aarch64", "2.28"};

TEST(TargetTest, SeriesTakesTheInterpretersFullVersion) {
  const python::InterpreterInfo info = interpreter("3.11.4");
  const LockTarget target = make_lock_target(make_profile({}), &info, k_host);
  EXPECT_EQ(pep508::format_full_version(target.python), "3.11.4");
  EXPECT_EQ(target.markers.python_full_version, "3.11.4");
  EXPECT_EQ(target.markers.python_version, "3.11");
  EXPECT_EQ(target.python_text, "3.11");
  EXPECT_EQ(target.resolver_target().python.to_string(), "3.11.4");
}

TEST(TargetTest, SeriesWithoutAnInterpreterIsItsFirstRelease) {
  EXPECT_EQ(pep508::format_full_version(make_lock_target(make_profile({}), nullptr, k_host).python),
            "3.11.0");
  const python::InterpreterInfo other = interpreter("3.12.1");
  EXPECT_EQ(pep508::format_full_version(make_lock_target(make_profile({}), &other, k_host).python),
            "3.11.0");
}

TEST(TargetTest, ExactVersionIgnoresTheInterpreter) {
  ProfileSpec spec;
  spec.python = "3.11.2";
  const python::InterpreterInfo info = interpreter("3.11.9");
  EXPECT_FALSE(needs_interpreter(make_profile(spec)));
  EXPECT_EQ(pep508::format_full_version(make_lock_target(make_profile(spec), &info, k_host).python),
            "3.11.2");
  EXPECT_TRUE(needs_interpreter(make_profile({})));
}

TEST(TargetTest, RangeTakesAMatchingInterpreter) {
  ProfileSpec spec;
  spec.python = ">=3.10,<3.13";
  const python::InterpreterInfo info = interpreter("3.12.3");
  EXPECT_TRUE(needs_interpreter(make_profile(spec)));
  EXPECT_EQ(pep508::format_full_version(make_lock_target(make_profile(spec), &info, k_host).python),
            "3.12.3");
}

TEST(TargetTest, RangeWithoutAMatchingInterpreterIsAnError) {
  ProfileSpec spec;
  spec.python = ">=3.10,<3.13";
  const python::InterpreterInfo old = interpreter("3.9.18");
  for (const python::InterpreterInfo* info :
       {static_cast<const python::InterpreterInfo*>(nullptr), &old}) {
    try {
      static_cast<void>(make_lock_target(make_profile(spec), info, k_host));
      FAIL() << "no error";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
      ASSERT_TRUE(error.location());
      EXPECT_EQ(error.location()->file, "profiles/x.toml");
      EXPECT_EQ(error.location()->line, 7u);
      EXPECT_EQ(std::string(error.what()),
                info ? "cannot tell which Python version to lock for: python.version is "
                       "\">=3.10,<3.13\", and the interpreter found is Python 3.9.18, outside "
                       "that range"
                     : "cannot tell which Python version to lock for: python.version is "
                       "\">=3.10,<3.13\", and no interpreter was found");
    }
  }
}

TEST(TargetTest, RemoteTargetKeepsLinuxTagsOutOfThePortableSet) {
  const LockTarget target = make_lock_target(make_profile({}), nullptr, k_host);
  EXPECT_EQ(target.scope, TargetScope::remote);
  EXPECT_EQ(target.arch, "x86_64") << "the profile's arch, not the host's";
  ASSERT_TRUE(target.glibc);
  EXPECT_EQ(target.glibc->minor, 31u);
  EXPECT_TRUE(has_tag(target.supported, "cp311-cp311-linux_x86_64"));
  EXPECT_FALSE(has_tag(target.portable, "cp311-cp311-linux_x86_64"));
  EXPECT_FALSE(has_tag(target.portable, "py3-none-linux_x86_64"));
  EXPECT_TRUE(has_tag(target.portable, "cp311-cp311-manylinux_2_31_x86_64"));
  EXPECT_TRUE(has_tag(target.portable, "cp311-cp311-manylinux_2_17_x86_64"));
  EXPECT_FALSE(has_tag(target.portable, "cp311-cp311-manylinux_2_34_x86_64"));
  EXPECT_TRUE(has_tag(target.portable, "py3-none-any"));
  EXPECT_LT(target.portable.size(), target.supported.size());
}

TEST(TargetTest, UnsetTargetIsTheRunningMachine) {
  ProfileSpec spec;
  spec.target = "";
  const LockTarget target = make_lock_target(make_profile(spec), nullptr, k_host);
  EXPECT_EQ(target.scope, TargetScope::this_machine);
  EXPECT_EQ(target.arch, "aarch64");
  ASSERT_TRUE(target.glibc);
  EXPECT_EQ(target.glibc->minor, 28u);
  EXPECT_TRUE(has_tag(target.portable, "cp311-cp311-linux_aarch64"));
  EXPECT_EQ(target.portable.size(), target.supported.size());
  EXPECT_EQ(target.markers.platform_machine, "aarch64");
  EXPECT_EQ(target.describe(), "python 3.11.0, linux aarch64, glibc 2.28");
}

TEST(TargetTest, ProfileArchWithTheHostsGlibcIsRemote) {
  ProfileSpec spec;
  spec.target = "arch = \"x86_64\"\n";
  const LockTarget target = make_lock_target(make_profile(spec), nullptr, k_host);
  EXPECT_EQ(target.scope, TargetScope::remote);
  EXPECT_EQ(target.arch, "x86_64");
  EXPECT_EQ(target.facts().glibc, "2.28");
}

TEST(TargetTest, NoGlibcMeansOnlyLinuxTags) {
  ProfileSpec spec;
  spec.target = "";
  const LockTarget target = make_lock_target(make_profile(spec), nullptr, HostFacts{"x86_64", {}});
  EXPECT_FALSE(target.glibc);
  EXPECT_FALSE(has_tag(target.supported, "cp311-cp311-manylinux_2_17_x86_64"));
  EXPECT_TRUE(has_tag(target.supported, "cp311-cp311-linux_x86_64"));
}

TEST(TargetTest, Facts) {
  const python::InterpreterInfo info = interpreter("3.11.4");
  const lock::TargetFacts facts = make_lock_target(make_profile({}), &info, k_host).facts();
  EXPECT_EQ(facts.python, "3.11");
  EXPECT_EQ(facts.platform, "linux");
  EXPECT_EQ(facts.arch, "x86_64");
  EXPECT_EQ(facts.glibc, "2.31");
}

TEST(TargetTest, MarkersDescribeTheTarget) {
  const LockTarget target = make_lock_target(make_profile({}), nullptr, k_host);
  EXPECT_EQ(target.markers.sys_platform, "linux");
  EXPECT_EQ(target.markers.platform_system, "Linux");
  EXPECT_EQ(target.markers.platform_machine, "x86_64");
  EXPECT_EQ(target.markers.implementation_name, "cpython");
  EXPECT_EQ(target.markers.os_name, "posix");
}

TEST(TargetTest, HostFactsOfThisProcess) {
  const HostFacts host = host_facts();
  EXPECT_FALSE(host.arch.empty());
}

}  // namespace
}  // namespace gator::provision

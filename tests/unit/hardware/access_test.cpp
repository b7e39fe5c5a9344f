#include "hardware/access.hpp"

#include <gtest/gtest.h>

#include "fake_sysroot.hpp"

namespace gator::hardware {
namespace {

UserAccount gator_in(std::vector<std::uint32_t> groups) {
  return UserAccount{"gator", 4242, 4242, std::move(groups), {}};
}

TEST(DecideAccessTest, FollowsTheKernelsOwnerGroupOtherRule) {
  const UserAccount in_render = gator_in({109, 4242});
  const UserAccount not_in_render = gator_in({4242});
  const UserAccount root{"root", 0, 0, {0}, {}};
  struct Row {
    const UserAccount* user;
    std::uint32_t uid;
    std::uint32_t gid;
    std::uint32_t mode;
    bool read_write;
    std::optional<std::string> join;
  };
  const Row rows[] = {
      {&in_render, 0, 109, 0660, true, std::nullopt},
      {&not_in_render, 0, 109, 0660, false, "render"},
      {&in_render, 0, 109, 0640, false, std::nullopt},         // group may only read
      {&not_in_render, 0, 109, 0600, false, std::nullopt},     // no group helps
      {&not_in_render, 0, 109, 0666, true, std::nullopt},      // world-writable
      {&not_in_render, 4242, 109, 0060, false, std::nullopt},  // the owner class applies
      {&in_render, 4242, 4242, 0600, true, std::nullopt},
      {&root, 4242, 109, 0000, true, std::nullopt},
      {&not_in_render, 0, 555, 0660, false, "555"},  // group without a name
  };
  for (const Row& row : rows) {
    const DeviceAccess access =
        decide_access(*row.user, row.uid, row.gid, row.mode, row.gid == 109 ? "render" : "");
    EXPECT_EQ(access.read_write, row.read_write) << row.user->name << " " << std::oct << row.mode;
    EXPECT_EQ(access.group_to_join, row.join) << row.user->name << " " << std::oct << row.mode;
  }
}

TEST(GroupFileTest, ParsesMembersAndSkipsNoise) {
  const auto groups = parse_group_file(
      "# comment\nroot:x:0:\nvideo:x:44:gator, alice\n\n+nis\nbroken\nbad:x:abc:gator\n"
      "render:x:109:gator\ngator:x:4242:");
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[1].name, "video");
  EXPECT_EQ(groups[1].gid, 44u);
  EXPECT_EQ(groups[1].members, (std::vector<std::string>{"gator", "alice"}));
  EXPECT_EQ(groups[3].name, "gator");
  EXPECT_TRUE(groups[3].members.empty());
}

TEST(ReadUserTest, CollectsPrimaryAndSupplementaryGroups) {
  test::FakeSysroot fake;
  test::write_accounts(fake, "render,video");
  const auto user = read_user(fake.sysroot(), "gator");
  ASSERT_TRUE(user) << user.error().render();
  EXPECT_EQ(user->uid, 4242u);
  EXPECT_EQ(user->gid, 4242u);
  if (test::render_gid() != test::video_gid()) {
    EXPECT_EQ(user->groups, (std::vector<std::uint32_t>{44, 109, 4242}));
    EXPECT_EQ(user->group_names, (std::vector<std::string>{"video", "render", "gator"}));
  }
}

TEST(ReadUserTest, ErrorsNameTheFile) {
  test::FakeSysroot fake;
  EXPECT_EQ(read_user(fake.sysroot(), "gator").error().render(),
            fake.shown("/etc/passwd") + R"(: missing: cannot look up user "gator")");
  test::write_accounts(fake, "render");
  EXPECT_EQ(read_user(fake.sysroot(), "nobody").error().render(),
            fake.shown("/etc/passwd") +
                R"(: no user "nobody" (users from LDAP or other NSS sources are not seen))");
  fake.write("/etc/passwd", "root:x:0:0::/root:/bin/sh\ngator:x:42x:4242::/:/bin/sh\n");
  EXPECT_EQ(
      read_user(fake.sysroot(), "gator").error().render(),
      fake.shown("/etc/passwd") + R"(:2: malformed entry for user "gator": invalid uid "42x")");
  fake.write("/etc/passwd", "gator:x:4242\n");
  EXPECT_EQ(read_user(fake.sysroot(), "gator").error().render(),
            fake.shown("/etc/passwd") +
                R"(:1: malformed entry for user "gator": expected name:password:uid:gid:...)");
  fake.write("/etc/passwd", "gator:x:4242:\n");
  EXPECT_EQ(read_user(fake.sysroot(), "gator").error().render(),
            fake.shown("/etc/passwd") + R"(:1: malformed entry for user "gator": invalid gid "")");
}

TEST(ReadDevicesTest, ListsRenderNodesNumerically) {
  test::FakeSysroot fake;
  test::write_accounts(fake, "render");
  for (const char* node : {"/dev/dri/renderD130", "/dev/dri/renderD128", "/dev/dri/renderD1000",
                           "/dev/dri/card0", "/dev/dri/renderDx"}) {
    fake.device(node, 0660, test::render_gid());
  }
  const DeviceFacts facts = read_devices(fake.sysroot(), std::nullopt);
  EXPECT_FALSE(facts.user);
  ASSERT_TRUE(facts.kfd);
  EXPECT_FALSE(*facts.kfd);
  ASSERT_TRUE(facts.render);
  std::vector<std::string> paths;
  for (const DeviceNode& node : *facts.render) {
    paths.push_back(node.path);
    EXPECT_FALSE(node.access);
    EXPECT_FALSE(node.char_device);  // the fakes are regular files
    EXPECT_EQ(node.group, "render");
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"/dev/dri/renderD128", "/dev/dri/renderD130",
                                             "/dev/dri/renderD1000"}));
}

}  // namespace
}  // namespace gator::hardware

#include "cli/settings.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace gator::cli {
namespace {

Context context_with(std::map<std::string, std::string> environment, unsigned uid = 1000) {
  Context context;
  context.environment = std::move(environment);
  context.uid = uid;
  context.user = uid == 0 ? "root" : "tester";
  return context;
}

TEST(SettingsTest, CacheDirPrecedence) {
  ProfileArgs args;
  EXPECT_EQ(cache_dir(args, context_with({{"XDG_CACHE_HOME", "/x"}, {"HOME", "/h"}})),
            "/x/gator-provision");
  EXPECT_EQ(cache_dir(args, context_with({{"HOME", "/h"}})), "/h/.cache/gator-provision");
  EXPECT_EQ(cache_dir(args, context_with({{"XDG_CACHE_HOME", "/x"}}, 0)),
            "/var/cache/gator-provision");
  args.cache_dir = "/flag";
  EXPECT_EQ(cache_dir(args, context_with({{"XDG_CACHE_HOME", "/x"}}, 0)), "/flag");
}

TEST(SettingsTest, VenvDirPrecedenceAndNormalForm) {
  ProfileArgs args;
  profile::Profile profile;
  profile.name.value = "x";
  profile.files = {"profiles/x.toml"};
  EXPECT_THROW(static_cast<void>(venv_dir(args, profile)), Error);  // neither
  profile.venv_path = profile::Sourced<std::string>{"/opt/gator/./venv/", {}};
  EXPECT_EQ(venv_dir(args, profile), "/opt/gator/venv");
  args.venv = "/srv/other//venv/";
  EXPECT_EQ(venv_dir(args, profile), "/srv/other/venv");
  args.venv = "relative";
  EXPECT_EQ(venv_dir(args, profile), std::filesystem::current_path() / "relative");
}

TEST(SettingsTest, ProfileDirsSearchOrder) {
  Context context = context_with({{"GATOR_PROFILE_PATH", "/a::/b"}});
  context.executable = "/usr/local/bin/gator-provision";
  const std::vector<std::filesystem::path> expected = {"/a", "/b", "profiles",
                                                       "/usr/local/share/gator-provision/profiles"};
  EXPECT_EQ(profile_dirs(context), expected);
}

TEST(SettingsTest, ServiceUserPrecedence) {
  EXPECT_EQ(service_user("svc", context_with({{"SUDO_USER", "alice"}})), "svc");
  EXPECT_EQ(service_user("", context_with({{"SUDO_USER", "alice"}}, 0)), "alice");
  EXPECT_EQ(service_user("", context_with({}, 0)), "root");
}

TEST(SettingsTest, FancyOutputOnlyOnATerminalWithoutNoColor) {
  Context context = context_with({});
  EXPECT_FALSE(fancy_output(context));
  context.stdout_is_tty = true;
  EXPECT_TRUE(fancy_output(context));
  context.environment["NO_COLOR"] = "1";
  EXPECT_FALSE(fancy_output(context));
}

}  // namespace
}  // namespace gator::cli

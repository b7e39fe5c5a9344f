#include "metadata/installer_file.hpp"

#include <gtest/gtest.h>

namespace gator::metadata {
namespace {

TEST(InstallerFileTest, ReadsTheFirstLine) {
  EXPECT_EQ(read_installer_file("pip\n"), "pip");
  EXPECT_EQ(read_installer_file("  uv \r\nignored\n"), "uv");
  EXPECT_EQ(read_installer_file(""), "");
}

TEST(InstallerFileTest, WritesOneLine) {
  EXPECT_EQ(write_installer_file("gator-provision"), "gator-provision\n");
  EXPECT_EQ(write_installer_file("a\nb"), "a b\n");
  EXPECT_EQ(read_installer_file(write_installer_file("gator-provision")), "gator-provision");
}

}  // namespace
}  // namespace gator::metadata

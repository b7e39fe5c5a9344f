#include "venv/inspect.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "util/error.hpp"
#include "venv/create.hpp"
#include "venv_test_support.hpp"

namespace gator::venv {
namespace {
namespace fs = std::filesystem;

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

TEST(ReadVenvTest, OurVenv) {
  const fs::path venv = test::scratch_dir() / "venv";
  VenvOptions options;
  options.final_prefix = venv;
  options.profile = "mi25";
  create_venv(venv, test::base_python(), options);
  const VenvInfo info = read_venv(venv);
  EXPECT_EQ(info.path, venv);
  EXPECT_EQ(info.home, fs::path("/usr/bin"));
  EXPECT_EQ(info.version, test::base_python().markers.python_full_version.value_or(""));
  EXPECT_EQ(info.executable, fs::path("/usr/bin/python3.11"));
  EXPECT_FALSE(info.include_system_site_packages);
  EXPECT_TRUE(info.created_by_gator());
  EXPECT_EQ(info.tool_version, tool_version());
  EXPECT_EQ(info.profile, "mi25");
  EXPECT_EQ(classify_directory(venv), DirectoryKind::gator_venv);
  EXPECT_TRUE(is_gator_venv(venv));
}

TEST(ReadVenvTest, VirtualenvStyleConfig) {
  const fs::path dir = test::scratch_dir();
  write(dir / "pyvenv.cfg",
        "home = /usr/bin\nimplementation = CPython\nvirtualenv = 20.24.0\n"
        "include-system-site-packages = True\nversion_info = 3.11.2.final.0\n");
  const VenvInfo info = read_venv(dir);
  EXPECT_EQ(info.version, "3.11.2.final.0");
  EXPECT_TRUE(info.include_system_site_packages);
  EXPECT_TRUE(info.executable.empty());
  EXPECT_FALSE(info.created_by_gator());
  EXPECT_EQ(*info.config.find("virtualenv"), "20.24.0");
  EXPECT_EQ(classify_directory(dir), DirectoryKind::foreign_venv);
}

TEST(ReadVenvTest, Errors) {
  const fs::path dir = test::scratch_dir();
  try {
    (void)read_venv(dir / "nothing");
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: cannot read " + (dir / "nothing/pyvenv.cfg").string() +
                  "\n  caused by: No such file or directory\nhint: " + (dir / "nothing").string() +
                  " is not a virtual environment\n");
  }
  write(dir / "nohome" / "pyvenv.cfg", "version = 3.11.2\n");
  try {
    (void)read_venv(dir / "nohome");
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: malformed " + (dir / "nohome/pyvenv.cfg").string() +
                  "\n  caused by: pyvenv.cfg has no `home` (the base interpreter's directory)\n");
  }
  write(dir / "binary" / "pyvenv.cfg", std::string("home = /x\0", 10));
  try {
    (void)read_venv(dir / "binary");
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: malformed " + (dir / "binary/pyvenv.cfg").string() +
                  "\n  caused by: pyvenv.cfg contains a NUL byte; it is not a text file\n");
  }
  // Unreadable or malformed configs still mark a venv, just not ours.
  EXPECT_EQ(classify_directory(dir / "nohome"), DirectoryKind::foreign_venv);
  EXPECT_EQ(classify_directory(dir / "binary"), DirectoryKind::foreign_venv);
}

TEST(ClassifyDirectoryTest, EveryKind) {
  const fs::path dir = test::scratch_dir();
  fs::create_directories(dir / "empty");
  write(dir / "project" / "README", "x");
  write(dir / "file", "x");
  fs::create_directories(dir / "cfg-is-dir" / "pyvenv.cfg");
  write(dir / "foreign" / "pyvenv.cfg", "home = /usr/bin\nversion = 3.11.2\n");
  write(dir / "ours" / "pyvenv.cfg", "home = /usr/bin\ngator-provision = 0.0.1\n");
  fs::create_symlink(dir / "ours", dir / "link-to-ours");
  EXPECT_EQ(classify_directory(dir / "missing"), DirectoryKind::missing);
  EXPECT_EQ(classify_directory(dir / "empty"), DirectoryKind::empty);
  EXPECT_EQ(classify_directory(dir / "project"), DirectoryKind::not_a_venv);
  EXPECT_EQ(classify_directory(dir / "file"), DirectoryKind::not_a_venv);
  EXPECT_EQ(classify_directory(dir / "cfg-is-dir"), DirectoryKind::not_a_venv);
  EXPECT_EQ(classify_directory(dir / "foreign"), DirectoryKind::foreign_venv);
  EXPECT_EQ(classify_directory(dir / "ours"), DirectoryKind::gator_venv);
  // A symbolic link is not a directory we may replace.
  EXPECT_EQ(classify_directory(dir / "link-to-ours"), DirectoryKind::not_a_venv);
  EXPECT_FALSE(is_gator_venv(dir / "foreign"));
}

}  // namespace
}  // namespace gator::venv

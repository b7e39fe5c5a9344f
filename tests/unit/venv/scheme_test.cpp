#include "venv/scheme.hpp"

#include <gtest/gtest.h>

namespace gator::venv {
namespace {
namespace fs = std::filesystem;

// What the query reports for Debian 12's /usr/bin/python3.11.
python::InterpreterInfo debian_python() {
  python::InterpreterInfo info;
  info.executable = "/usr/bin/python3.11";
  info.version = {3, 11, 2, "final", 0};
  info.markers.os_name = "posix";
  info.markers.sys_platform = "linux";
  info.markers.platform_machine = "x86_64";
  info.prefix = info.base_prefix = "/usr";
  info.paths = {{"platstdlib", "/usr/lib/python3.11"}, {"stdlib", "/usr/lib/python3.11"}};
  info.soabi = "cpython-311-x86_64-linux-gnu";
  return info;
}

TEST(SchemeTest, DebianPython311) {
  const Scheme paths = scheme("/opt/gator/venv", debian_python());
  EXPECT_EQ(paths.purelib, fs::path("/opt/gator/venv/lib/python3.11/site-packages"));
  EXPECT_EQ(paths.platlib, fs::path("/opt/gator/venv/lib/python3.11/site-packages"));
  EXPECT_EQ(paths.scripts, fs::path("/opt/gator/venv/bin"));
  EXPECT_EQ(paths.headers, fs::path("/opt/gator/venv/include/site/python3.11"));
  EXPECT_EQ(paths.data, fs::path("/opt/gator/venv"));
  const Layout names = layout(debian_python());
  EXPECT_EQ(names.python_dir, "python3.11");
  EXPECT_EQ(names.platlibdir, "lib");
  EXPECT_EQ(names.include_dir, "python3.11");
  EXPECT_TRUE(names.lib64_link);
}

TEST(SchemeTest, FedoraPlatlibdirComesFromPlatstdlib) {
  python::InterpreterInfo info = debian_python();
  info.paths["platstdlib"] = "/usr/lib64/python3.11";
  EXPECT_EQ(layout(info).platlibdir, "lib64");
  EXPECT_EQ(scheme("/v", info).platlib, fs::path("/v/lib64/python3.11/site-packages"));
  EXPECT_EQ(scheme("/v", info).purelib, fs::path("/v/lib/python3.11/site-packages"));
}

TEST(SchemeTest, UnexpectedPlatstdlibFallsBackToLib) {
  for (const char* platstdlib :
       {"", "/elsewhere/lib64/python3.11", "/usr/lib64/python2.7", "/usr/lib64", "/usr"}) {
    python::InterpreterInfo info = debian_python();
    info.paths["platstdlib"] = platstdlib;
    EXPECT_EQ(layout(info).platlibdir, "lib") << platstdlib;
  }
  python::InterpreterInfo info = debian_python();
  info.paths.clear();
  EXPECT_EQ(layout(info).platlibdir, "lib");
}

TEST(SchemeTest, FreeThreadedAndDebugBuilds) {
  python::InterpreterInfo info = debian_python();
  info.version = {3, 13, 1, "final", 0};
  info.free_threaded = true;
  info.debug_build = true;
  info.paths["platstdlib"] = "/usr/lib/python3.13t";
  const Layout names = layout(info);
  EXPECT_EQ(names.python_dir, "python3.13t");
  EXPECT_EQ(names.include_dir, "python3.13td");
  EXPECT_EQ(names.platlibdir, "lib");
  EXPECT_EQ(scheme("/v", info).purelib, fs::path("/v/lib/python3.13t/site-packages"));
  EXPECT_EQ(scheme("/v", info).headers, fs::path("/v/include/site/python3.13"));
}

TEST(SchemeTest, Lib64LinkOnlyOn64BitPosixOtherThanMacos) {
  struct Row {
    const char* soabi;
    const char* machine;
    const char* platform;
    bool link;
  };
  const Row rows[] = {
      {"cpython-311-x86_64-linux-gnu", "x86_64", "linux", true},
      {"cpython-311-aarch64-linux-gnu", "aarch64", "linux", true},
      {"cpython-311-s390x-linux-gnu", "s390x", "linux", true},
      {"cpython-311-powerpc64le-linux-gnu", "ppc64le", "linux", true},
      {"cpython-311-i386-linux-gnu", "x86_64", "linux", false},  // 32-bit userland
      {"cpython-311-arm-linux-gnueabihf", "armv7l", "linux", false},
      {"cpython-311-x86_64-linux-gnux32", "x86_64", "linux", false},
      {"cpython-311-darwin", "arm64", "darwin", false},
      {"pypy39-pp73", "x86_64", "linux", true},  // no triplet: the machine decides
      {"", "i686", "linux", false},
  };
  for (const Row& row : rows) {
    python::InterpreterInfo info = debian_python();
    info.soabi = row.soabi;
    info.markers.platform_machine = row.machine;
    info.markers.sys_platform = row.platform;
    EXPECT_EQ(layout(info).lib64_link, row.link) << row.soabi;
  }
}

}  // namespace
}  // namespace gator::venv

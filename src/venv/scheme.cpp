#include "venv/scheme.hpp"

#include <string_view>

#include "util/strings.hpp"

namespace gator::venv {
namespace {

std::string short_version(const python::InterpreterInfo& base) {
  return std::to_string(base.version.major) + "." + std::to_string(base.version.minor);
}

// sys.platlibdir is not in the query; it is the first component of the base's platstdlib
// below its prefix ("/usr/lib64/python3.11" -> "lib64"). Anything unexpected means "lib".
std::string platlibdir(const python::InterpreterInfo& base) {
  const auto found = base.paths.find("platstdlib");
  if (found == base.paths.end())
    return "lib";
  const std::filesystem::path relative =
      std::filesystem::path(found->second).lexically_relative(base.base_prefix);
  auto part = relative.begin();
  if (relative.empty() || part == relative.end())
    return "lib";
  const std::string first = part->string();
  ++part;
  if (first.empty() || first == "." || first == ".." || part == relative.end() ||
      part->string().rfind("python" + short_version(base), 0) != 0)
    return "lib";
  return first;
}

// 64-bit from the multiarch triplet in SOABI ("cpython-311-x86_64-linux-gnu"): platform.machine()
// reports the kernel, which is 64-bit under a 32-bit userland too.
bool is_64bit(const python::InterpreterInfo& base) {
  std::string arch = base.markers.platform_machine.value_or("");
  const auto parts = util::split(base.soabi, '-');
  if (parts.size() >= 4) {
    if (parts.back().ends_with("x32"))
      return false;
    arch = std::string(parts[2]);
  }
  return arch.find("64") != std::string::npos || arch == "s390x";
}

}  // namespace

Layout layout(const python::InterpreterInfo& base) {
  Layout result;
  const std::string thread = base.free_threaded ? "t" : "";
  result.python_dir = "python" + short_version(base) + thread;
  result.platlibdir = platlibdir(base);
  result.include_dir = result.python_dir + (base.debug_build ? "d" : "");
  result.lib64_link = base.markers.os_name.value_or("posix") == "posix" &&
                      base.markers.sys_platform.value_or("linux") != "darwin" && is_64bit(base);
  return result;
}

Scheme scheme(const std::filesystem::path& prefix, const python::InterpreterInfo& base) {
  const Layout names = layout(base);
  Scheme result;
  result.purelib = prefix / "lib" / names.python_dir / "site-packages";
  result.platlib = prefix / names.platlibdir / names.python_dir / "site-packages";
  result.scripts = prefix / "bin";
  result.headers = prefix / "include" / "site" / ("python" + short_version(base));
  result.data = prefix;
  return result;
}

}  // namespace gator::venv

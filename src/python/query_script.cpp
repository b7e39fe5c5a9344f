#include "python/interpreter.hpp"

namespace gator::python {

// Mirrors packaging's default_environment(); kept to the standard library so that it runs on
// any CPython >= 3.6 without packages. `-I` keeps PYTHON* variables and user site out.
std::string_view query_script() {
  return R"PY(
import json, os, platform, sys, sysconfig

def full_version(info):
    text = "%d.%d.%d" % (info.major, info.minor, info.micro)
    if info.releaselevel != "final":
        text += info.releaselevel[0] + str(info.serial)
    return text

def reported_tags():
    for module in ("packaging", "pip._vendor.packaging"):
        try:
            package = __import__(module, fromlist=["tags"])
            return [str(tag) for tag in package.tags.sys_tags()], "%s %s" % (module, package.__version__)
        except Exception:
            continue
    return [], ""

glibc = None
try:
    name, _, release = (os.confstr("CS_GNU_LIBC_VERSION") or "").partition(" ")
    if name == "glibc":
        glibc = release
except (AttributeError, ValueError, OSError):
    pass

tags, tags_source = reported_tags()
info = sys.version_info
print(json.dumps({
    "executable": sys.executable,
    "version_info": [info.major, info.minor, info.micro, info.releaselevel, info.serial],
    "markers": {
        "implementation_name": sys.implementation.name,
        "implementation_version": full_version(sys.implementation.version),
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    },
    "prefix": sys.prefix,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "paths": sysconfig.get_paths(),
    "glibc": glibc,
    "soabi": sysconfig.get_config_var("SOABI") or "",
    "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX") or "",
    "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "debug_build": hasattr(sys, "gettotalrefcount"),
    "reported_tags": tags,
    "reported_tags_source": tags_source,
}))
)PY";
}

}  // namespace gator::python

#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tags/generators.hpp"
#include "util/parse_error.hpp"

// Interpreter names, versions and ABI tags, derived from a description of the interpreter's
// build (what packaging reads from sysconfig and sys on the running interpreter).
namespace gator::tags {

// The sysconfig/sys facts CPython's ABI tag depends on; unset means the variable is not defined.
// The default describes a release build.
struct CpythonAbiConfig {
  std::optional<bool> py_debug;       // Py_DEBUG (unset on Windows)
  std::optional<bool> with_pymalloc;  // WITH_PYMALLOC: the "m" flag before 3.8
  std::optional<int> unicode_size;    // Py_UNICODE_SIZE: the "u" flag before 3.3
  std::optional<bool> gil_disabled;   // Py_GIL_DISABLED: the "t" flag from 3.13
  bool has_gettotalrefcount = false;  // sys.gettotalrefcount exists (a debug build)
  bool has_debug_extension = false;   // "_d.pyd" is an extension suffix (Windows debug build)
  bool max_unicode_wide = true;       // sys.maxunicode == 0x10FFFF
};

// CPython ABI tags, most specific first: "cp311", "cp37m", "cp313t", or for a debug build from
// 3.8 "cp311d" then "cp311" (debug builds load release extensions too).
[[nodiscard]] std::vector<std::string> cpython_abis(const PythonVersion& version,
                                                    const CpythonAbiConfig& config = {});

// The ABI tag encoded in EXT_SUFFIX (".cpython-311-x86_64-linux-gnu.so" -> cp311,
// ".pypy310-pp73-x86_64-linux-gnu.so" -> pypy310_pp73, ".cp311-win_amd64.pyd" -> cp311). A bare
// ".pyd" (CPython 3.7 and older on Windows) falls back to cpython_abis(version, config). An
// empty list means the suffix names no ABI; a suffix that is not of this shape is an error.
[[nodiscard]] std::expected<std::vector<std::string>, util::ParseError> generic_abi(
    std::optional<std::string_view> ext_suffix, const PythonVersion& version = {},
    const CpythonAbiConfig& config = {});

// The short interpreter name for sys.implementation.name: cpython -> cp, pypy -> pp,
// ironpython -> ip, jython -> jy, python -> py; any other name is kept as it is.
[[nodiscard]] std::string interpreter_name(std::string_view implementation);

// The interpreter version used in tags: major and minor without a separator ("311", "1112").
[[nodiscard]] std::string interpreter_version(const PythonVersion& version);

// packaging's _normalize_string: '.', '-' and ' ' become '_'.
[[nodiscard]] std::string normalize_platform_string(std::string_view text);

}  // namespace gator::tags

#include "tags/abi.hpp"

#include "util/strings.hpp"

namespace gator::tags {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The first `count` fields of `text` split on '-', joined with '-' again.
std::string_view first_fields(std::string_view text, std::size_t count) {
  std::size_t end = 0;
  for (std::size_t i = 0; i < count; ++i) {
    end = text.find('-', end);
    if (end == std::string_view::npos)
      return text;
    if (i + 1 < count)
      ++end;
  }
  return text.substr(0, end);
}

util::ParseError invalid_ext_suffix(std::string_view ext_suffix) {
  return util::ParseError::at(ext_suffix, 0, ext_suffix.size(),
                              "invalid EXT_SUFFIX (sysconfig.get_config_var('EXT_SUFFIX')): "
                              "expected a suffix such as '.cpython-311-x86_64-linux-gnu.so'");
}

}  // namespace

std::vector<std::string> cpython_abis(const PythonVersion& version,
                                      const CpythonAbiConfig& config) {
  const PythonVersion short_version{version.major, version.minor};
  std::string threading, debug, pymalloc, ucs4;
  if (config.py_debug.value_or(false) ||
      (!config.py_debug && (config.has_gettotalrefcount || config.has_debug_extension)))
    debug = "d";
  if (version >= PythonVersion{3, 13} && config.gil_disabled.value_or(false))
    threading = "t";
  if (version < PythonVersion{3, 8}) {
    if (config.with_pymalloc.value_or(true))
      pymalloc = "m";
    if (version < PythonVersion{3, 3}) {
      if (config.unicode_size ? *config.unicode_size == 4 : config.max_unicode_wide)
        ucs4 = "u";
    }
  }
  const std::string base = "cp" + version_nodot(short_version);
  std::vector<std::string> abis{base + threading + debug + pymalloc + ucs4};
  if (version >= PythonVersion{3, 8} && !debug.empty())
    abis.push_back(base + threading);
  return abis;
}

std::expected<std::vector<std::string>, util::ParseError> generic_abi(
    std::optional<std::string_view> ext_suffix, const PythonVersion& version,
    const CpythonAbiConfig& config) {
  if (!ext_suffix || !starts_with(*ext_suffix, "."))
    return std::unexpected(invalid_ext_suffix(ext_suffix.value_or("")));
  const std::vector<std::string_view> parts = util::split(*ext_suffix, '.');
  if (parts.size() < 3)
    return cpython_abis(version, config);
  const std::string_view soabi = parts[1];
  std::string abi;
  if (starts_with(soabi, "cpython")) {
    const std::vector<std::string_view> fields = util::split(soabi, '-');
    if (fields.size() < 2 || fields[1].empty())
      return std::unexpected(invalid_ext_suffix(*ext_suffix));
    abi = "cp" + std::string(fields[1]);
  } else if (starts_with(soabi, "cp")) {
    abi = first_fields(soabi, 1);
  } else if (starts_with(soabi, "pypy")) {
    abi = first_fields(soabi, 2);
  } else if (starts_with(soabi, "graalpy")) {
    abi = first_fields(soabi, 3);
  } else if (!soabi.empty()) {
    abi = soabi;
  } else {
    return std::vector<std::string>{};
  }
  return std::vector<std::string>{normalize_platform_string(abi)};
}

std::string interpreter_name(std::string_view implementation) {
  if (implementation == "python")
    return "py";
  if (implementation == "cpython")
    return "cp";
  if (implementation == "pypy")
    return "pp";
  if (implementation == "ironpython")
    return "ip";
  if (implementation == "jython")
    return "jy";
  return std::string(implementation);
}

std::string interpreter_version(const PythonVersion& version) {
  return version_nodot(version);
}

std::string normalize_platform_string(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '.' || c == '-' || c == ' ')
      c = '_';
  }
  return out;
}

}  // namespace gator::tags

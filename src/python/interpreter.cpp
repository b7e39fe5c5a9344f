#include "python/interpreter.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace gator::python {
namespace {

using nlohmann::json;

constexpr const char* k_marker_fields[] = {"implementation_name",
                                           "implementation_version",
                                           "os_name",
                                           "platform_machine",
                                           "platform_release",
                                           "platform_system",
                                           "platform_version",
                                           "python_full_version",
                                           "python_version",
                                           "platform_python_implementation",
                                           "sys_platform"};

std::optional<std::string>* marker_field(pep508::MarkerEnvironment& env, std::string_view name) {
  using V = pep508::MarkerVariable;
  static constexpr std::pair<std::string_view, V> k_map[] = {
      {"implementation_name", V::implementation_name},
      {"implementation_version", V::implementation_version},
      {"os_name", V::os_name},
      {"platform_machine", V::platform_machine},
      {"platform_release", V::platform_release},
      {"platform_system", V::platform_system},
      {"platform_version", V::platform_version},
      {"python_full_version", V::python_full_version},
      {"python_version", V::python_version},
      {"platform_python_implementation", V::platform_python_implementation},
      {"sys_platform", V::sys_platform}};
  for (const auto& [key, variable] : k_map) {
    if (key == name)
      return env.string_field(variable);
  }
  return nullptr;
}

std::optional<tags::LibcVersion> parse_libc(const std::optional<std::string>& text) {
  if (!text)
    return std::nullopt;
  const auto parts = util::split(*text, '.');
  if (parts.size() < 2)
    return std::nullopt;
  tags::LibcVersion version;
  const auto major =
      std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), version.major);
  const auto minor =
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), version.minor);
  if (major.ec != std::errc() || minor.ec != std::errc())
    return std::nullopt;
  return version;
}

}  // namespace

std::expected<InterpreterInfo, std::string> parse_query_output(std::string_view text) {
  const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!root.is_object())
    return std::unexpected("the interpreter query did not print a JSON object");
  InterpreterInfo info;
  try {
    info.executable = root.at("executable").get<std::string>();
    const json& version = root.at("version_info");
    info.version.major = version.at(0).get<unsigned>();
    info.version.minor = version.at(1).get<unsigned>();
    info.version.micro = version.at(2).get<unsigned>();
    info.version.release_level = version.at(3).get<std::string>();
    info.version.serial = version.at(4).get<unsigned>();
    for (const char* name : k_marker_fields) {
      *marker_field(info.markers, name) = root.at("markers").at(name).get<std::string>();
    }
    info.prefix = root.at("prefix").get<std::string>();
    info.base_prefix = root.at("base_prefix").get<std::string>();
    info.paths = root.at("paths").get<std::map<std::string, std::string>>();
    if (!root.at("glibc").is_null())
      info.glibc = root.at("glibc").get<std::string>();
    info.soabi = root.at("soabi").get<std::string>();
    info.ext_suffix = root.at("ext_suffix").get<std::string>();
    info.free_threaded = root.at("free_threaded").get<bool>();
    info.debug_build = root.at("debug_build").get<bool>();
    info.reported_tags = root.at("reported_tags").get<std::vector<std::string>>();
    info.reported_tags_source = root.at("reported_tags_source").get<std::string>();
  } catch (const json::exception& error) {
    // nlohmann reports which key or type was wrong; the module's callers never see exceptions.
    return std::unexpected(std::string("unexpected interpreter query output: ") + error.what());
  }
  return info;
}

std::string to_json(const InterpreterInfo& info) {
  json markers = json::object();
  pep508::MarkerEnvironment env = info.markers;
  for (const char* name : k_marker_fields)
    markers[name] = marker_field(env, name)->value_or("");
  const json root = {
      {"executable", info.executable.string()},
      {"version_info",
       {info.version.major, info.version.minor, info.version.micro, info.version.release_level,
        info.version.serial}},
      {"markers", markers},
      {"prefix", info.prefix.string()},
      {"base_prefix", info.base_prefix.string()},
      {"paths", info.paths},
      {"glibc", info.glibc ? json(*info.glibc) : json(nullptr)},
      {"soabi", info.soabi},
      {"ext_suffix", info.ext_suffix},
      {"free_threaded", info.free_threaded},
      {"debug_build", info.debug_build},
      {"reported_tags", info.reported_tags},
      {"reported_tags_source", info.reported_tags_source},
  };
  return root.dump();
}

tags::Target tag_target(const InterpreterInfo& info) {
  tags::Target target;
  target.implementation = info.markers.implementation_name.value_or("cpython");
  target.python = tags::PythonVersion{info.version.major, info.version.minor};
  target.free_threaded = info.free_threaded;
  target.debug = info.debug_build;
  if (target.implementation != "cpython")
    target.ext_suffix = info.ext_suffix;
  target.os = tags::parse_os(info.markers.sys_platform.value_or("")).value_or(tags::Os::other);
  target.arch = info.markers.platform_machine.value_or("");
  target.glibc = parse_libc(info.glibc);
  return target;
}

}  // namespace gator::python

#include "pep508/environment.hpp"

#include <charconv>

#include "util/strings.hpp"

namespace gator::pep508 {

std::string_view to_string(MarkerVariable variable) {
  switch (variable) {
    case MarkerVariable::implementation_name:
      return "implementation_name";
    case MarkerVariable::implementation_version:
      return "implementation_version";
    case MarkerVariable::os_name:
      return "os_name";
    case MarkerVariable::platform_machine:
      return "platform_machine";
    case MarkerVariable::platform_release:
      return "platform_release";
    case MarkerVariable::platform_system:
      return "platform_system";
    case MarkerVariable::platform_version:
      return "platform_version";
    case MarkerVariable::python_full_version:
      return "python_full_version";
    case MarkerVariable::python_version:
      return "python_version";
    case MarkerVariable::platform_python_implementation:
      return "platform_python_implementation";
    case MarkerVariable::sys_platform:
      return "sys_platform";
    case MarkerVariable::extra:
      return "extra";
    case MarkerVariable::extras:
      return "extras";
    case MarkerVariable::dependency_groups:
      return "dependency_groups";
  }
  return "";
}

bool is_version_variable(MarkerVariable variable) {
  return variable == MarkerVariable::implementation_version ||
         variable == MarkerVariable::platform_release ||
         variable == MarkerVariable::python_full_version ||
         variable == MarkerVariable::python_version;
}

bool is_set_variable(MarkerVariable variable) {
  return variable == MarkerVariable::extras || variable == MarkerVariable::dependency_groups;
}

const std::optional<std::string>* MarkerEnvironment::string_field(MarkerVariable variable) const {
  return const_cast<MarkerEnvironment*>(this)->string_field(variable);
}

std::optional<std::string>* MarkerEnvironment::string_field(MarkerVariable variable) {
  switch (variable) {
    case MarkerVariable::implementation_name:
      return &implementation_name;
    case MarkerVariable::implementation_version:
      return &implementation_version;
    case MarkerVariable::os_name:
      return &os_name;
    case MarkerVariable::platform_machine:
      return &platform_machine;
    case MarkerVariable::platform_release:
      return &platform_release;
    case MarkerVariable::platform_system:
      return &platform_system;
    case MarkerVariable::platform_version:
      return &platform_version;
    case MarkerVariable::python_full_version:
      return &python_full_version;
    case MarkerVariable::python_version:
      return &python_version;
    case MarkerVariable::platform_python_implementation:
      return &platform_python_implementation;
    case MarkerVariable::sys_platform:
      return &sys_platform;
    case MarkerVariable::extra:
      return &extra;
    case MarkerVariable::extras:
    case MarkerVariable::dependency_groups:
      return nullptr;
  }
  return nullptr;
}

const std::optional<std::vector<std::string>>* MarkerEnvironment::set_field(
    MarkerVariable variable) const {
  if (variable == MarkerVariable::extras)
    return &extras;
  if (variable == MarkerVariable::dependency_groups)
    return &dependency_groups;
  return nullptr;
}

namespace {

// Reads a decimal number at `pos`; false when there is none or it does not fit.
bool read_number(std::string_view text, std::size_t& pos, unsigned& out) {
  const char* begin = text.data() + pos;
  const char* end = text.data() + text.size();
  if (begin == end || !util::is_ascii_digit(*begin))
    return false;
  const auto [next, error] = std::from_chars(begin, end, out);
  if (error != std::errc())
    return false;
  pos += static_cast<std::size_t>(next - begin);
  return true;
}

std::string release_suffix(const std::string& level, bool python_spelling) {
  if (level == "alpha")
    return "a";
  if (level == "beta")
    return "b";
  if (level == "candidate")
    return python_spelling ? "rc" : "c";
  // packaging takes the first letter of whatever the level is.
  return level.empty() ? std::string() : std::string(1, level.front());
}

}  // namespace

std::expected<InterpreterVersion, util::ParseError> InterpreterVersion::parse(
    std::string_view text) {
  InterpreterVersion version;
  std::size_t pos = 0;
  const auto fail = [&](std::string message) {
    return std::unexpected(util::ParseError::at(text, pos, 1, std::move(message)));
  };
  if (!read_number(text, pos, version.major))
    return fail("expected a Python version such as 3.11 or 3.11.4");
  unsigned* const parts[] = {&version.minor, &version.micro};
  for (unsigned* part : parts) {
    if (pos >= text.size() || text[pos] != '.')
      break;
    ++pos;
    if (!read_number(text, pos, *part))
      return fail("expected a number after '.'");
  }
  if (pos < text.size()) {
    const std::string_view rest = text.substr(pos);
    std::size_t letters = 0;
    if (rest.starts_with("rc")) {
      version.release_level = "candidate";
      letters = 2;
    } else if (rest.starts_with('a')) {
      version.release_level = "alpha";
      letters = 1;
    } else if (rest.starts_with('b')) {
      version.release_level = "beta";
      letters = 1;
    } else {
      return fail("expected a pre-release suffix (a1, b2, rc1) or the end of the version");
    }
    pos += letters;
    if (!read_number(text, pos, version.serial))
      return fail("expected the pre-release number");
    if (pos != text.size())
      return fail("unexpected text after the version");
  }
  return version;
}

std::string format_full_version(const InterpreterVersion& version) {
  std::string out = std::to_string(version.major) + "." + std::to_string(version.minor) + "." +
                    std::to_string(version.micro);
  if (version.release_level != "final")
    out += release_suffix(version.release_level, false) + std::to_string(version.serial);
  return out;
}

MarkerEnvironment default_environment(const TargetInterpreter& target) {
  const InterpreterVersion& python = target.python;
  // platform.python_version() spells a candidate "rc", unlike _format_full_version.
  std::string full = std::to_string(python.major) + "." + std::to_string(python.minor) + "." +
                     std::to_string(python.micro);
  if (python.release_level != "final")
    full += release_suffix(python.release_level, true) + std::to_string(python.serial);

  MarkerEnvironment env;
  env.implementation_name = target.implementation_name;
  env.implementation_version = format_full_version(target.implementation.value_or(python));
  env.os_name = target.os_name;
  env.platform_machine = target.platform_machine;
  env.platform_release = target.platform_release;
  env.platform_system = target.platform_system;
  env.platform_version = target.platform_version;
  env.python_full_version = std::move(full);
  env.platform_python_implementation = target.python_implementation;
  env.python_version = std::to_string(python.major) + "." + std::to_string(python.minor);
  env.sys_platform = target.sys_platform;
  return env;
}

}  // namespace gator::pep508

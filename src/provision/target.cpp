#include "provision/target.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include <sys/utsname.h>
#include <unistd.h>

#include "pep440/version.hpp"
#include "tags/target.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace gator::provision {
namespace {

[[nodiscard]] SourceLocation location_of(const profile::Origin& origin) {
  SourceLocation location;
  location.file = origin.file;
  location.line = origin.line;
  location.column = origin.column;
  location.span = std::max<std::size_t>(origin.span, 1);
  return location;
}

[[nodiscard]] Error python_error(const profile::Profile& profile, std::string message) {
  Error error(ErrorKind::invalid_input, std::move(message));
  const profile::Origin& origin = profile.python.version.origin;
  if (!origin.is_default())
    error.at(location_of(origin));
  return error;
}

[[nodiscard]] std::string glibc_text(const tags::LibcVersion& glibc) {
  return std::to_string(glibc.major) + "." + std::to_string(glibc.minor);
}

[[nodiscard]] std::optional<tags::LibcVersion> parse_glibc(std::string_view text) {
  const auto parts = util::split(text, '.');
  if (parts.size() < 2)
    return std::nullopt;
  unsigned numbers[2] = {0, 0};
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string_view part = parts[i];
    if (part.empty() || part.size() > 4)
      return std::nullopt;
    for (char c : part) {
      if (!util::is_ascii_digit(c))
        return std::nullopt;
      numbers[i] = numbers[i] * 10 + static_cast<unsigned>(c - '0');
    }
  }
  return tags::LibcVersion{numbers[0], numbers[1]};
}

// The Python version the lock is for (see make_lock_target).
[[nodiscard]] pep508::InterpreterVersion target_python(const profile::Profile& profile,
                                                       const python::InterpreterInfo* interpreter) {
  const std::string& text = profile.python.version.value.text;
  const auto exact = pep508::InterpreterVersion::parse(text);
  if (exact) {
    if (std::count(text.begin(), text.end(), '.') >= 2)
      return *exact;
    if (interpreter && interpreter->version.major == exact->major &&
        interpreter->version.minor == exact->minor)
      return interpreter->version;
    pep508::InterpreterVersion series = *exact;
    series.micro = 0;
    return series;
  }
  if (interpreter) {
    const auto version = pep440::Version::parse(pep508::format_full_version(interpreter->version));
    if (version && profile.python.version.value.specifier.contains(*version, true))
      return interpreter->version;
  }
  throw python_error(
      profile, "cannot tell which Python version to lock for: python.version is \"" + text + "\"" +
                   (interpreter ? ", and the interpreter found is Python " +
                                      pep508::format_full_version(interpreter->version) +
                                      ", outside that range"
                                : std::string(", and no interpreter was found")))
      .hint(
          "name one Python series in the profile (version = \"3.11\"), or pass --python with "
          "an interpreter the range contains");
}

}  // namespace

HostFacts host_facts() {
  HostFacts facts;
  utsname names{};
  if (::uname(&names) == 0)
    facts.arch = names.machine;
#ifdef _CS_GNU_LIBC_VERSION
  char buffer[64] = {};
  const std::size_t length = ::confstr(_CS_GNU_LIBC_VERSION, buffer, sizeof buffer);
  if (length > 0 && length <= sizeof buffer) {
    std::string_view text(buffer);  // "glibc 2.36"
    if (text.starts_with("glibc "))
      facts.glibc = std::string(text.substr(6));
  }
#endif
  return facts;
}

bool needs_interpreter(const profile::Profile& profile) {
  const std::string& text = profile.python.version.value.text;
  return !pep508::InterpreterVersion::parse(text) || std::count(text.begin(), text.end(), '.') < 2;
}

resolver::Target LockTarget::resolver_target() const {
  const auto version = pep440::Version::parse(pep508::format_full_version(python));
  if (!version)
    throw Error(ErrorKind::internal, "the target's Python version " +
                                         pep508::format_full_version(python) +
                                         " is not a PEP 440 version");
  return resolver::Target{*version, markers};
}

lock::TargetFacts LockTarget::facts() const {
  lock::TargetFacts facts;
  facts.python = python_text;
  facts.platform = platform;
  facts.arch = arch;
  if (glibc)
    facts.glibc = glibc_text(*glibc);
  return facts;
}

std::string LockTarget::describe() const {
  return "python " + pep508::format_full_version(python) + ", " + platform + " " + arch +
         (glibc ? ", glibc " + glibc_text(*glibc) : std::string());
}

LockTarget make_lock_target(const profile::Profile& profile,
                            const python::InterpreterInfo* interpreter, const HostFacts& host) {
  LockTarget target;
  target.python_text = profile.python.version.value.text;
  target.python = target_python(profile, interpreter);
  target.platform = profile.target.platform.value;
  if (profile.target.arch || profile.target.glibc)
    target.scope = TargetScope::remote;

  if (profile.target.arch) {
    target.arch = profile::to_string(profile.target.arch->value);
  } else if (!host.arch.empty()) {
    target.arch = host.arch;
  } else {
    throw Error(ErrorKind::invalid_input,
                "cannot tell the target's architecture: the profile has no [target] arch and "
                "this machine's is unknown")
        .hint("set arch = \"x86_64\" (or \"aarch64\") in the profile's [target]");
  }
  if (profile.target.glibc)
    target.glibc =
        tags::LibcVersion{profile.target.glibc->value.major, profile.target.glibc->value.minor};
  else if (host.glibc)
    target.glibc = parse_glibc(*host.glibc);

  tags::Target description;
  description.implementation = "cpython";
  description.python = tags::PythonVersion{target.python.major, target.python.minor};
  description.os = tags::parse_os(target.platform).value_or(tags::Os::other);
  description.arch = target.arch;
  description.glibc = target.glibc;
  const auto supported = tags::supported_tags(description);
  if (!supported)
    throw Error(ErrorKind::invalid_input, "the lock target (" + target.describe() +
                                              ") has no tag list: " + supported.error().field +
                                              ": " + supported.error().message);
  target.supported = *supported;

  // A linux_<arch> wheel is whatever a build on some machine produced, with no promise about
  // the glibc (or anything else) it needs: it may run here, but nothing says it runs on the
  // servers a remote lock is for, whose glibc floor only manylinux tags encode. Such a lock
  // takes them only where the profile says to (projects pinned to an index, see
  // IndexProvider): PyTorch's own indexes publish their builds as linux_x86_64.
  if (target.scope == TargetScope::remote) {
    std::vector<tags::Tag> portable;
    for (const tags::Tag& tag : target.supported.tags())
      if (!tag.platform().starts_with("linux_"))
        portable.push_back(tag);
    target.portable = tags::SupportedTags(portable);
  } else {
    target.portable = target.supported;
  }

  pep508::TargetInterpreter interpreter_facts;
  interpreter_facts.python = target.python;
  interpreter_facts.platform_machine = target.arch;
  interpreter_facts.sys_platform = target.platform;
  interpreter_facts.platform_system = target.platform == "linux" ? "Linux" : target.platform;
  target.markers = pep508::default_environment(interpreter_facts);
  return target;
}

}  // namespace gator::provision

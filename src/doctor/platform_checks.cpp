#include <string>

#include "doctor/checks.hpp"

namespace gator::doctor::detail {
namespace {

std::string malformed_remedy() {
  return "the file is not what the kernel or installer writes; check the driver installation";
}

}  // namespace

void check_platform(const Inputs& inputs, std::vector<Check>& out) {
  const hardware::MachineFacts& facts = inputs.facts;
  const profile::Target& target = inputs.profile.target;

  const std::string want_arch = target.arch ? profile::to_string(target.arch->value) : "any";
  if (!facts.arch) {
    out.push_back(fail("arch", "CPU architecture", want_arch, facts.arch.error().render(),
                       malformed_remedy()));
  } else if (target.arch && facts.arch->name != profile::to_string(target.arch->value)) {
    out.push_back(fail("arch", "CPU architecture", want_arch, facts.arch->name,
                       "this profile is for " + want_arch + " machines (" +
                           target.arch->origin.to_string() + "); use a profile for " +
                           facts.arch->name));
  } else {
    out.push_back(ok("arch", "CPU architecture", want_arch, facts.arch->name));
  }

  const std::string want_glibc = target.glibc ? ">=" + target.glibc->value.to_string() : "any";
  if (!facts.glibc) {
    out.push_back(
        fail("glibc", "glibc", want_glibc, facts.glibc.error().render(), malformed_remedy()));
  } else if (target.glibc &&
             profile::GlibcVersion{facts.glibc->major, facts.glibc->minor} < target.glibc->value) {
    out.push_back(fail("glibc", "glibc", want_glibc, facts.glibc->text(),
                       "wheels locked for glibc " + target.glibc->value.to_string() +
                           " may not load here; use a newer OS release or lower [target] glibc (" +
                           target.glibc->origin.to_string() + ") and re-lock"));
  } else {
    out.push_back(ok("glibc", "glibc", want_glibc, facts.glibc->text()));
  }
}

void check_python(const Inputs& inputs, std::vector<Check>& out) {
  const profile::Python& python = inputs.profile.python;
  const std::string expected = python.version.value.text;
  if (inputs.python->found) {
    const python::InterpreterInfo& info = *inputs.python->found;
    out.push_back(
        ok("python", "Python", expected,
           info.markers.python_full_version.value_or("?") + " at " + info.executable.string()));
    return;
  }
  std::string found = "no matching interpreter";
  if (!inputs.python->probes.empty()) {
    found += "; looked at:";
    for (const python::Probe& probe : inputs.python->probes) {
      found += "\n      " + probe.path.string() + " (" + probe.origin + "): " + probe.rejected;
    }
  } else {
    found += " on PATH, in /usr/bin, /usr/local/bin or pyenv";
  }
  const bool plain_version =
      !expected.empty() && expected.front() >= '0' && expected.front() <= '9';
  out.push_back(fail("python", "Python", expected, found,
                     plain_version
                         ? "install Python " + expected + " (apt-get install python" + expected +
                               " python" + expected + "-venv) or pass --python PATH"
                         : "install a Python matching " + expected + " or pass --python PATH"));
}

}  // namespace gator::doctor::detail

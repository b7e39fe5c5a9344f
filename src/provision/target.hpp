#pragma once

#include <optional>
#include <string>

#include "lock/lockfile.hpp"
#include "pep508/environment.hpp"
#include "profile/profile.hpp"
#include "python/interpreter.hpp"
#include "resolver/options.hpp"
#include "tags/linux.hpp"
#include "tags/supported.hpp"

// The machine a lock is made for: the profile's [python] and [target], falling back to the
// machine running the tool only for what the profile leaves open, so that a lock made on a
// laptop or in CI is right for the servers.
namespace gator::provision {

// The running machine, for the parts of [target] a profile leaves open.
struct HostFacts {
  std::string arch;                  // uname -m: "x86_64"
  std::optional<std::string> glibc;  // "2.36"; none on musl and other libcs
};

// Asks the kernel (uname) and the C library (confstr) of this process.
[[nodiscard]] HostFacts host_facts();

// Whether the lock is for this machine or for machines described by the profile.
enum class TargetScope {
  this_machine,  // [target] names neither arch nor glibc: both are this machine's
  remote,        // the profile describes the machines (arch and/or glibc)
};

struct LockTarget {
  std::string python_text;            // [python] version as written: "3.11"
  pep508::InterpreterVersion python;  // the full version markers and Requires-Python see
  std::string platform = "linux";
  std::string arch;
  std::optional<tags::LibcVersion> glibc;  // the oldest glibc the lock must run on
  TargetScope scope = TargetScope::this_machine;
  // Every tag the target supports, most preferred first (packaging's sys_tags order).
  tags::SupportedTags supported;
  // `supported` without linux_<arch> tags when the scope is remote (see make_lock_target).
  tags::SupportedTags portable;
  pep508::MarkerEnvironment markers;

  [[nodiscard]] resolver::Target resolver_target() const;
  // What [tool.gator-provision.target] records.
  [[nodiscard]] lock::TargetFacts facts() const;
  // "python 3.11.4, linux x86_64, glibc 2.31"
  [[nodiscard]] std::string describe() const;
};

// Whether make_lock_target would use a discovered interpreter: [python] version names a series
// ("3.11") or a range (">=3.10") rather than one release ("3.11.4").
[[nodiscard]] bool needs_interpreter(const profile::Profile& profile);

// The target of `profile`. The Python version is the profile's when it names one release;
// for a series ("3.11") the discovered `interpreter`'s full version when it is of that series,
// else X.Y.0; for a range the interpreter's version when the range contains it. Throws
// Error(invalid_input), located at [python] version, when no version can be decided, and
// when the target cannot give a tag list.
[[nodiscard]] LockTarget make_lock_target(const profile::Profile& profile,
                                          const python::InterpreterInfo* interpreter,
                                          const HostFacts& host);

}  // namespace gator::provision

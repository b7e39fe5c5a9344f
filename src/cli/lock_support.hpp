#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/profile_args.hpp"
#include "http/observer.hpp"
#include "http/options.hpp"
#include "lock/read.hpp"
#include "lock/select.hpp"
#include "profile/profile.hpp"
#include "provision/indexes.hpp"
#include "provision/lock_profile.hpp"
#include "python/interpreter.hpp"

// What `lock` and `apply` share: the lock file's path and reading, the interpreter, HTTP
// options from the environment, and how transfers and warnings are shown.
namespace gator::cli {

// --index NAME=URL options; Error(usage) for a malformed one.
[[nodiscard]] std::vector<provision::IndexOverride> index_overrides(const ProfileArgs& args);

// --lockfile, else lockfiles/pylock.<profile>.toml.
[[nodiscard]] std::filesystem::path lock_path(const ProfileArgs& args,
                                              const profile::Profile& profile);

// The lock file as it is on disk: its text (to tell whether anything changed) and its model.
struct ExistingLock {
  std::string text;
  lock::ReadResult read;
};

// Nothing when there is no file; its warnings go to stderr; Error(invalid_input) when invalid.
[[nodiscard]] std::optional<ExistingLock> read_existing_lock(const std::filesystem::path& path,
                                                             const Context& context);

// The interpreter for the profile's [python] (--python first), or nothing when none is found.
[[nodiscard]] std::optional<python::InterpreterInfo> find_interpreter(
    const ProfileArgs& args, const profile::Profile& profile, const Context& context);

// TLS bundle and netrc from the environment.
[[nodiscard]] http::ClientOptions client_options(const Context& context);

// Transfers as status lines on stderr: retries unless --quiet, every finished request with
// --verbose.
class StatusLines : public http::Observer {
 public:
  StatusLines(const GlobalOptions& global, const Context& context)
      : m_global(&global), m_context(&context) {}
  void on_retry(const http::TransferRetry& event) override;
  void on_finished(const http::TransferFinished& event) override;

 protected:
  const GlobalOptions* m_global;
  const Context* m_context;
};

// Resolves the profile for the target (preferring the existing lock's versions); prints the
// resolver's warnings (unless --quiet) and statistics (--verbose).
struct LockRequest {
  const profile::Profile* profile = nullptr;
  const provision::LockTarget* target = nullptr;
  const std::optional<ExistingLock>* existing = nullptr;
  bool upgrade = false;
  std::vector<pep508::PackageName> upgrade_packages;
  http::Observer* observer = nullptr;
};

[[nodiscard]] provision::LockOutcome resolve_lock(const LockRequest& request,
                                                  const ProfileArgs& args,
                                                  const GlobalOptions& global,
                                                  const Context& context);

// The wheels to install from `lockfile` for `interpreter` (its markers and tags), by the PEP 751
// installer rules: lock::select_wheels' errors, or Error(invalid_input) when the interpreter has
// no tag list.
[[nodiscard]] std::expected<lock::InstallPlan, Error> select_for_interpreter(
    const lock::Lockfile& lockfile, const python::InterpreterInfo& interpreter);

// The text of a lock as lock files are written.
[[nodiscard]] std::string written_text(const lock::Lockfile& lockfile);

}  // namespace gator::cli

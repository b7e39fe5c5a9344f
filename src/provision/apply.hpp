#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lock/select.hpp"
#include "provision/fetch.hpp"
#include "python/interpreter.hpp"
#include "wheel/install.hpp"

// The install half of `apply`: from an install plan (lock::select_wheels) to a venv switched into
// place. The new venv is built beside the target and swapped in with one rename(2); until then
// the previous venv is untouched, and any failure leaves it exactly as it was.
namespace gator::provision {

// The pyvenv.cfg key holding the fingerprint of what a venv was built from.
inline constexpr std::string_view k_state_key = "gator-state";

enum class ApplyPhase { download, unpack, install, compile, switch_venv };
[[nodiscard]] const char* to_string(ApplyPhase phase);

// Progress of apply_plan, for the CLI to draw; downloads report bytes through http::Observer.
class ApplyObserver {
 public:
  virtual ~ApplyObserver() = default;
  virtual void on_phase(ApplyPhase /*phase*/, std::size_t /*total*/) {}
  virtual void on_step(ApplyPhase /*phase*/, std::size_t /*done*/, std::size_t /*total*/,
                       std::string_view /*item*/) {}
};

struct ApplyOptions {
  std::filesystem::path venv;       // where the venv lives: absolute
  std::filesystem::path cache_dir;  // the content-addressed store
  FetchOptions fetch;
  std::string profile;                             // recorded in pyvenv.cfg, the default prompt
  std::string prompt;                              // empty: the profile's name
  std::map<std::string, std::string> environment;  // exported by the activate scripts
  std::set<std::string> requested;  // canonical names of the direct requirements (REQUESTED)
  wheel::LinkMode link_mode = wheel::LinkMode::automatic;
  bool compile = false;          // byte-compile site-packages before the switch
  bool reinstall = false;        // rebuild even when the venv is up to date
  bool replace_foreign = false;  // a venv not made by gator-provision may be replaced
  // Flush the new venv to disk before the switch (syncfs): survives a power loss right after
  // it, at the cost of waiting for every byte to reach the disk.
  bool durable = false;
  ApplyObserver* observer = nullptr;
};

enum class ApplyOutcome {
  unchanged,  // the venv was built from the same plan: nothing was read or written
  created,    // there was no venv
  replaced,   // the previous venv was swapped out and removed
};

struct ApplyResult {
  ApplyOutcome outcome = ApplyOutcome::unchanged;
  std::string fingerprint;
  std::size_t packages = 0;
  FetchStatistics fetch;
  std::size_t unpacked = 0;  // wheels unpacked now (the others came unpacked from the cache)
  std::size_t reflinked = 0;
  std::size_t hardlinked = 0;
  std::size_t copied = 0;
  std::vector<std::string> warnings;
};

// What a venv built from `plan` for `base` with `options` is: the tool's version, the base
// interpreter, the final location, prompt, environment, byte-compilation and every wheel's name,
// sha256 and REQUESTED mark. Equal fingerprints mean an identical venv.
[[nodiscard]] std::string apply_fingerprint(const lock::InstallPlan& plan,
                                            const python::InterpreterInfo& base,
                                            const ApplyOptions& options);

// Whether the venv at options.venv was made by gator-provision with this fingerprint (reads only
// its pyvenv.cfg).
[[nodiscard]] bool venv_is_current(const std::filesystem::path& venv,
                                   const std::string& fingerprint);

// Makes options.venv hold exactly `plan`: under an exclusive flock on <parent>/.<name>.lock
// (concurrent runs wait, then usually find the venv current), leftovers of killed runs are
// removed; when the venv is current nothing else happens. Otherwise the wheels are fetched
// into the cache and unpacked there, a venv is created in <parent>/.<name>.staging-<pid>, the
// wheels are installed into it (and compiled), and it is swapped with the target atomically
// (renameat2 RENAME_EXCHANGE; a plain rename when there was none); the previous venv is
// removed after the switch. Throws gator::Error: integrity for a wheel whose hash or size
// differs from the lock or that has unsafe or tampered members; invalid_input for malformed
// wheel metadata or a target that is not a gator venv; network, io, interrupted. The target is
// then as it was.
[[nodiscard]] ApplyResult apply_plan(const lock::InstallPlan& plan,
                                     const python::InterpreterInfo& base,
                                     const ApplyOptions& options);

}  // namespace gator::provision

#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cache/file_lock.hpp"
#include "python/interpreter.hpp"

// The directories `apply` works with beside a venv at <parent>/<name>:
//   <parent>/.<name>.lock           flock: one apply (or other writer) of this venv at a time
//   <parent>/.<name>.staging-<pid>  the new venv being built
//   <parent>/.<name>.old-<pid>      the previous venv, between the switch and its removal
// Same directory, so the switch is one rename(2) on one filesystem.
namespace gator::provision {

// Creates the venv's parent directory when missing and checks that new entries can be made in
// it, before any slow work (locking, downloading) that would be wasted on an unwritable target.
// Throws Error(io) naming the directory.
void prepare_target_parent(const std::filesystem::path& venv);

class TargetLock {
 public:
  // Creates <parent> when missing and waits for the exclusive lock. Throws Error(io).
  [[nodiscard]] static TargetLock acquire(const std::filesystem::path& venv);

 private:
  explicit TargetLock(cache::FileLock lock) : m_lock(std::move(lock)) {}
  cache::FileLock m_lock;
};

// Removes the staging and old trees that runs killed mid-way left beside `venv`. Call only while
// holding its TargetLock.
void remove_leftovers(const std::filesystem::path& venv);

// The staging directory of a new venv (not created here: create_venv makes it). Removed on
// destruction unless it was switched into place; after a switch that replaced a venv, the
// previous one is removed instead.
class StagingVenv {
 public:
  explicit StagingVenv(std::filesystem::path venv);
  ~StagingVenv();
  StagingVenv(const StagingVenv&) = delete;
  StagingVenv& operator=(const StagingVenv&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_staging; }

  // Puts the staging directory at the venv's path: a rename when nothing is there, else an
  // atomic exchange (renameat2 RENAME_EXCHANGE) with the previous venv, which is then removed.
  // With `durable`, the filesystem is flushed first (syncfs), so that even a power loss right
  // after the switch finds the new venv's data on disk; without it the switch is atomic for
  // every process but a power loss may leave files whose data the kernel had not written yet
  // (`verify` finds them). Returns whether a previous venv (or empty directory) was replaced.
  // Throws Error(io) with the venv untouched when the switch fails.
  bool switch_into_place(bool durable);

 private:
  std::filesystem::path m_venv;
  std::filesystem::path m_staging;
  bool m_switched = false;
};

// Byte-compiles the site-packages of the venv built at `staging` with its own interpreter
// (`python -I -m compileall`, parallel), recording `final_prefix` as the source path in the .pyc
// files. Files that do not compile (Python 2 test data in some wheels) are warnings, as pip
// treats them; returns the warnings.
[[nodiscard]] std::vector<std::string> compile_bytecode(const std::filesystem::path& staging,
                                                        const std::filesystem::path& final_prefix,
                                                        const python::InterpreterInfo& base);

}  // namespace gator::provision

#include "provision/staging.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <set>
#include <system_error>

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "util/error.hpp"
#include "util/subprocess.hpp"
#include "venv/scheme.hpp"

namespace gator::provision {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] fs::path sibling(const fs::path& venv, std::string_view suffix) {
  return venv.parent_path() / ("." + venv.filename().string() + std::string(suffix));
}

[[nodiscard]] std::string pid_text() {
  return std::to_string(static_cast<long>(::getpid()));
}

[[noreturn]] void fail(const std::string& message, int error) {
  throw Error(ErrorKind::io, message).caused_by(std::strerror(error));
}

void sync_filesystem(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    fail("cannot open " + directory.string(), errno);
  const int status = ::syncfs(fd);
  const int error = errno;
  ::close(fd);
  if (status != 0)
    fail("cannot flush the new venv to disk in " + directory.string(), error);
}

void sync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    static_cast<void>(::fsync(fd));
    ::close(fd);
  }
}

}  // namespace

void prepare_target_parent(const fs::path& venv) {
  const fs::path parent = venv.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw Error(ErrorKind::io, "cannot create " + parent.string()).caused_by(ec.message());
  if (::access(parent.c_str(), W_OK | X_OK) != 0) {
    throw Error(ErrorKind::io, "cannot create the venv in " + parent.string())
        .caused_by(std::strerror(errno))
        .hint(
            "the venv, its staging copy and its lock file are made in that directory: choose "
            "another --venv, or run as a user who may write there");
  }
}

TargetLock TargetLock::acquire(const fs::path& venv) {
  prepare_target_parent(venv);
  return TargetLock(cache::FileLock::acquire(sibling(venv, ".lock"), cache::LockMode::exclusive));
}

void remove_leftovers(const fs::path& venv) {
  const std::string staging = "." + venv.filename().string() + ".staging-";
  const std::string old = "." + venv.filename().string() + ".old-";
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(venv.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(staging) || name.starts_with(old)) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

StagingVenv::StagingVenv(fs::path venv)
    : m_venv(std::move(venv)), m_staging(sibling(m_venv, ".staging-" + pid_text())) {
  std::error_code ec;
  fs::remove_all(m_staging, ec);  // a leftover of an earlier process with this pid
}

StagingVenv::~StagingVenv() {
  std::error_code ec;
  if (!m_switched) {
    fs::remove_all(m_staging, ec);
    return;
  }
  // After an exchange the previous venv sits at the staging path; name it as old first so that
  // a kill during the removal leaves an obvious leftover.
  if (!fs::exists(m_staging, ec))
    return;
  const fs::path old = sibling(m_venv, ".old-" + pid_text());
  if (::rename(m_staging.c_str(), old.c_str()) == 0)
    fs::remove_all(old, ec);
  else
    fs::remove_all(m_staging, ec);
}

bool StagingVenv::switch_into_place(bool durable) {
  if (durable)
    sync_filesystem(m_staging);
  if (::renameat2(AT_FDCWD, m_staging.c_str(), AT_FDCWD, m_venv.c_str(), RENAME_NOREPLACE) == 0) {
    m_switched = true;
    sync_directory(m_venv.parent_path());
    return false;
  }
  if (errno != EEXIST && errno != ENOTEMPTY)
    fail("cannot move the new venv " + m_staging.string() + " to " + m_venv.string(), errno);
  if (::renameat2(AT_FDCWD, m_staging.c_str(), AT_FDCWD, m_venv.c_str(), RENAME_EXCHANGE) != 0) {
    fail("cannot switch " + m_venv.string() + " to the new venv " + m_staging.string() +
             " (the previous venv is unchanged)",
         errno);
  }
  m_switched = true;
  sync_directory(m_venv.parent_path());
  return true;
}

std::vector<std::string> compile_bytecode(const fs::path& staging, const fs::path& final_prefix,
                                          const python::InterpreterInfo& base) {
  const venv::Scheme scheme = venv::scheme(staging, base);
  std::set<fs::path> directories{scheme.purelib, scheme.platlib};
  util::ProcessRequest request;
  request.executable = staging / "bin" / "python";
  // -S: no site-packages .pth hook runs (setuptools' imports, and so byte-compiles, a module
  // with the staging path before compileall sees it); -f: rewrite whatever exists anyway.
  request.args = {"-I", "-S", "-m", "compileall", "-q", "-f", "-j", "0"};
  request.args.insert(request.args.end(), {"-s", staging.string(), "-p", final_prefix.string()});
  for (const fs::path& directory : directories) {
    std::error_code ec;
    if (fs::is_directory(directory, ec))
      request.args.push_back(directory.string());
  }
  request.timeout = std::chrono::minutes(30);
  const util::ProcessResult result = util::run_process(request);
  std::vector<std::string> warnings;
  if (result.exit_code != 0) {
    std::string detail = result.out + result.err;
    if (detail.size() > 2000)
      detail = detail.substr(0, 2000) + "...";
    warnings.push_back("some files could not be byte-compiled (compileall exit " +
                       std::to_string(result.exit_code) + "): " + detail);
  }
  return warnings;
}

}  // namespace gator::provision

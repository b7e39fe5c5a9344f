#include "cache/cache.hpp"

#include <cerrno>
#include <cstdlib>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace gator::cache {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_lock_file = ".lock";
constexpr std::string_view k_cachedir_tag =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by gator-provision.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n";

void check_filename(std::string_view filename) {
  const bool bad = filename.empty() || filename == "." || filename == ".." ||
                   filename.size() > 255 || filename.find('/') != std::string_view::npos ||
                   filename.find('\0') != std::string_view::npos;
  if (bad) {
    throw Error(ErrorKind::invalid_input,
                "cannot store \"" + std::string(filename) + "\" in the cache: not a file name");
  }
}

[[nodiscard]] bool is_plain_file(const fs::path& path) {
  struct stat status {};
  return ::lstat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode);
}

[[nodiscard]] bool is_real_directory(const fs::path& path) {
  struct stat status {};
  return ::lstat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

[[nodiscard]] Error mismatch(std::string_view what, std::string_view filename,
                             const std::string& expected, const std::string& actual) {
  return Error(ErrorKind::integrity, std::string(what) + " mismatch for " + std::string(filename) +
                                         "\n    expected: " + expected +
                                         "\n    got:      " + actual);
}

[[nodiscard]] std::string bytes_text(std::uint64_t size) {
  return std::to_string(size) + (size == 1 ? " byte" : " bytes");
}

}  // namespace

void check_digest(const FileDigest& actual, const dist::Sha256& expected_sha256,
                  std::uint64_t expected_size, std::string_view filename) {
  if (actual.size != expected_size)
    throw mismatch("size", filename, bytes_text(expected_size), bytes_text(actual.size));
  if (actual.sha256 != expected_sha256) {
    throw mismatch("hash", filename, "sha256:" + expected_sha256.to_string(),
                   "sha256:" + actual.sha256.to_string());
  }
}

StagingDir::~StagingDir() {
  if (!m_path.empty()) {
    try {
      detail::remove_tree(m_path);
    } catch (const Error&) {
      // Best effort: prune removes leftovers.
    }
  }
}

StagingDir& StagingDir::operator=(StagingDir&& other) noexcept {
  if (this != &other) {
    StagingDir discarded(std::move(m_path));
    m_path = std::move(other.m_path);
    other.m_path.clear();
  }
  return *this;
}

Cache Cache::open(const fs::path& root_in) {
  const fs::path root = fs::absolute(root_in).lexically_normal();
  detail::make_directories(root);
  FileLock lock = FileLock::acquire(root / k_lock_file, LockMode::shared);
  for (const std::string_view folder : {k_wheels_bucket, k_unpacked_bucket, k_staging_dir})
    detail::make_directories(root / folder);
  const fs::path tag = root / "CACHEDIR.TAG";
  if (!is_plain_file(tag))
    detail::write_file_atomically(tag, k_cachedir_tag);
  return Cache(root, std::move(lock));
}

fs::path Cache::wheel_path(const dist::Sha256& sha256, std::string_view filename) const {
  check_filename(filename);
  const std::string& hex = sha256.to_string();
  return wheels_dir() / hex.substr(0, 2) / hex / filename;
}

std::optional<fs::path> Cache::find_wheel(const dist::Sha256& sha256,
                                          std::string_view filename) const {
  fs::path path = wheel_path(sha256, filename);
  if (!is_plain_file(path))
    return std::nullopt;
  return path;
}

fs::path Cache::unpacked_path(const dist::Sha256& wheel_sha256) const {
  return unpacked_dir() / wheel_sha256.to_string();
}

std::optional<fs::path> Cache::find_unpacked(const dist::Sha256& wheel_sha256) const {
  fs::path path = unpacked_path(wheel_sha256);
  if (!is_real_directory(path))
    return std::nullopt;
  return path;
}

fs::path Cache::download_path(const dist::Sha256& sha256, std::string_view filename) const {
  check_filename(filename);
  return staging_dir() / (sha256.to_string() + "-" + std::string(filename));
}

fs::path Cache::temp_path(std::string_view hint) const {
  std::string name(hint.substr(0, 64));
  for (char& c : name) {
    if (c == '/' || c == '\0')
      c = '_';
  }
  return staging_dir() / (".tmp-" + name + "-" + detail::unique_token());
}

StagingDir Cache::create_staging_dir(std::string_view hint) const {
  std::string pattern = temp_path(hint).string() + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(ErrorKind::io,
                detail::describe_errno("cannot create a directory in", staging_dir(), errno));
  }
  return StagingDir(fs::path(pattern));
}

FileLock Cache::lock_entry(const dist::Sha256& sha256) const {
  return FileLock::acquire(staging_dir() / (sha256.to_string() + ".lock"), LockMode::exclusive);
}

fs::path Cache::insert_file(const fs::path& temp, const dist::Sha256& expected_sha256,
                            std::uint64_t expected_size, std::string_view filename,
                            const std::optional<FileDigest>& streamed) {
  // Any failure below leaves nothing behind: the temporary file is ours to remove.
  struct RemoveOnExit {
    const fs::path& path;
    bool armed = true;
    ~RemoveOnExit() {
      if (armed)
        ::unlink(path.c_str());
    }
  } cleanup{temp};
  const fs::path destination = wheel_path(expected_sha256, filename);

  detail::Fd fd(::open(temp.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd)
    throw Error(ErrorKind::io, detail::describe_errno("cannot open", temp, errno));
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0)
    throw Error(ErrorKind::io, detail::describe_errno("cannot stat", temp, errno));
  if (!S_ISREG(status.st_mode))
    throw Error(ErrorKind::io, "cannot store " + temp.string() + ": not a regular file");
  const auto size = static_cast<std::uint64_t>(status.st_size);
  if (size != expected_size)
    throw mismatch("size", filename, bytes_text(expected_size), bytes_text(size));

  FileDigest digest = streamed ? *streamed : hash_descriptor(fd.get(), temp);
  if (digest.size != size) {
    throw Error(ErrorKind::internal, "the digest of " + temp.string() + " covers " +
                                         bytes_text(digest.size) + " but the file has " +
                                         bytes_text(size));
  }
  check_digest(digest, expected_sha256, expected_size, filename);
  if (::fchmod(fd.get(), 0644) != 0)
    throw Error(ErrorKind::io, detail::describe_errno("cannot chmod", temp, errno));
  fd.reset();

  detail::make_directories(destination.parent_path());
  // Another process may have stored the same entry: both are verified, keep the first.
  if (detail::rename_no_replace(temp, destination))
    cleanup.armed = false;
  return destination;
}

fs::path Cache::insert_tree(StagingDir dir, const dist::Sha256& wheel_sha256) {
  const fs::path destination = unpacked_path(wheel_sha256);
  if (::chmod(dir.path().c_str(), 0755) != 0)
    throw Error(ErrorKind::io, detail::describe_errno("cannot chmod", dir.path(), errno));
  if (detail::rename_no_replace(dir.path(), destination))
    dir.m_path.clear();  // now the entry; `dir` must not remove it
  return destination;
}

}  // namespace gator::cache

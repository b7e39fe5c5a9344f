// Any byte string as a wheel file: unpacking never crashes and either refuses it (a gator::Error
// of kind integrity or invalid_input, with nothing left in the cache's staging area) or yields
// a tree of regular files and directories only, which then installs into a target directory
// without anything appearing outside it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <sys/stat.h>

#include "cache/cache.hpp"
#include "util/error.hpp"
#include "wheel/install.hpp"
#include "wheel/unpack.hpp"

namespace {

namespace fs = std::filesystem;

// Never destroyed, so that the exit handler can still remove it.
const fs::path& work_dir() {
  static const fs::path* const dir = [] {
    std::string pattern = (fs::temp_directory_path() / "gator-fuzz-wheel-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      std::abort();
    return new fs::path(pattern);
  }();
  static const bool registered = std::atexit([] {
                                   std::error_code ignored;
                                   fs::remove_all(work_dir(), ignored);
                                 }) == 0;
  (void)registered;
  return *dir;
}

gator::cache::Cache& cache() {
  static gator::cache::Cache instance = gator::cache::Cache::open(work_dir() / "cache");
  return instance;
}

// Only regular files and directories, nothing else (no symlinks, devices, FIFOs).
void check_tree(const fs::path& root) {
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    struct stat status {};
    if (::lstat(entry.path().c_str(), &status) != 0)
      std::abort();
    if (!S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode))
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const auto filename = gator::dist::WheelFilename::parse("demo-1.0-py3-none-any.whl");
  gator::cache::Cache& store = cache();
  const gator::dist::Sha256 sha256 = gator::cache::sha256_of(bytes);
  const fs::path temp = store.temp_path("fuzz");
  {
    std::ofstream out(temp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const fs::path wheel = store.insert_file(temp, sha256, size, filename->filename());
  const fs::path target = work_dir() / "target";
  try {
    const gator::wheel::UnpackedWheel unpacked =
        gator::wheel::unpack_wheel(store, wheel, sha256, *filename);
    check_tree(unpacked.tree);
    gator::wheel::InstallOptions options;
    options.scheme = {target / "site", target / "site", target / "bin", target / "include", target};
    options.python = target / "bin" / "python";
    options.link_mode = gator::wheel::LinkMode::hardlink;
    (void)gator::wheel::install_wheel(unpacked, options);
    check_tree(target);
  } catch (const gator::Error& error) {
    if (error.kind() != gator::ErrorKind::integrity &&
        error.kind() != gator::ErrorKind::invalid_input && error.kind() != gator::ErrorKind::io)
      std::abort();
    if (!fs::is_empty(store.staging_dir()))
      std::abort();
  }
  // Nothing but the cache and the target ever appears in the work directory.
  for (const auto& entry : fs::directory_iterator(work_dir())) {
    const std::string name = entry.path().filename().string();
    if (name != "cache" && name != "target")
      std::abort();
  }
  fs::remove_all(target);
  (void)store.prune({});
  return 0;
}

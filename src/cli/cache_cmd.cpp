#include <filesystem>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "cache/cache.hpp"
#include "cli/commands.hpp"
#include "cli/lock_support.hpp"
#include "cli/progress.hpp"
#include "cli/settings.hpp"
#include "util/error.hpp"

// `cache clean` empties the wheel cache; `cache prune` keeps what the given lock files (by default
// every lockfiles/*.toml) still need.
namespace gator::cli {
namespace {
namespace fs = std::filesystem;

struct CacheArgs {
  ProfileArgs common;  // only cache_dir is used
  std::vector<std::string> lockfiles;
};

[[nodiscard]] std::vector<fs::path> lock_files_to_keep(const CacheArgs& args) {
  std::vector<fs::path> files(args.lockfiles.begin(), args.lockfiles.end());
  if (!files.empty())
    return files;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator("lockfiles", ec)) {
    if (entry.path().extension() == ".toml")
      files.push_back(entry.path());
  }
  if (files.empty()) {
    throw Error(ErrorKind::usage, "cache prune: no lock files to keep the wheels of")
        .hint(
            "run it where lockfiles/ is, or name lock files: gator-provision cache prune "
            "lockfiles/pylock.mi25.toml; `cache clean` removes everything");
  }
  return files;
}

int run_prune(const CacheArgs& args, const GlobalOptions& global, const Context& context) {
  std::unordered_set<dist::Sha256> keep;
  const std::vector<fs::path> files = lock_files_to_keep(args);
  for (const fs::path& file : files) {
    const std::optional<ExistingLock> lock = read_existing_lock(file, context);
    if (!lock)
      throw Error(ErrorKind::usage, "cache prune: no lock file " + file.string());
    for (const lock::Package& package : lock->read.lockfile.packages) {
      for (const lock::Wheel& wheel : package.wheels) {
        if (wheel.hashes.sha256)
          keep.insert(*wheel.hashes.sha256);
      }
    }
  }
  cache::Cache cache = cache::Cache::open(cache_dir(args.common, context));
  const cache::PruneStats stats = cache.prune(keep);
  if (!global.quiet) {
    *context.out << "pruned " << cache.root().string() << ": " << stats.wheels_removed
                 << " wheels and " << stats.trees_removed << " unpacked trees removed, "
                 << stats.staging_removed << " staging leftovers, "
                 << format_bytes(stats.bytes_freed) << " freed; kept the wheels of " << files.size()
                 << " lock files\n";
  }
  return 0;
}

int run_clean(const CacheArgs& args, const GlobalOptions& global, const Context& context) {
  cache::Cache cache = cache::Cache::open(cache_dir(args.common, context));
  cache.clean();
  if (!global.quiet)
    *context.out << "cleaned " << cache.root().string() << "\n";
  return 0;
}

}  // namespace

CommandSpec cache_command() {
  return CommandSpec{
      "cache", "clean the wheel cache, or prune what no lock file needs",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        command.require_subcommand(1);
        auto args = std::make_shared<CacheArgs>();
        command.add_option("--cache-dir", args->common.cache_dir, "cache directory");
        CLI::App* clean = command.add_subcommand(
            "clean", "remove every cached wheel and unpacked tree (waits for running applies)");
        CLI::App* prune = command.add_subcommand(
            "prune", "remove the wheels no given lock file needs (default: lockfiles/*.toml)");
        prune->add_option("LOCKFILE", args->lockfiles, "lock files whose wheels to keep");
        return Action([args, clean, &global, &context] {
          return clean->parsed() ? run_clean(*args, global, context)
                                 : run_prune(*args, global, context);
        });
      }};
}

}  // namespace gator::cli

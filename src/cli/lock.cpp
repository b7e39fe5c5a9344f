#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/profile_args.hpp"
#include "cli/settings.hpp"
#include "http/observer.hpp"
#include "lock/diff.hpp"
#include "lock/fresh.hpp"
#include "lock/read.hpp"
#include "lock/write.hpp"
#include "profile/load.hpp"
#include "provision/atomic_write.hpp"
#include "provision/lock_profile.hpp"
#include "python/discovery.hpp"
#include "util/error.hpp"

// `gator-provision lock PROFILE`: resolve the profile for its target and write
// lockfiles/pylock.PROFILE.toml; `--check` only says whether that file is still right.
namespace gator::cli {
namespace {
namespace fs = std::filesystem;

struct LockArgs {
  ProfileArgs common;
  bool upgrade = false;
  std::vector<std::string> upgrade_packages;
  bool check = false;
};

// The lock file as it is on disk: its text (to tell whether anything changed) and its model.
struct ExistingLock {
  std::string text;
  lock::ReadResult read;
};

[[nodiscard]] std::vector<provision::IndexOverride> index_overrides(const LockArgs& args) {
  std::vector<provision::IndexOverride> overrides;
  for (const std::string& text : args.common.index_overrides) {
    auto parsed = provision::parse_index_override(text);
    if (!parsed)
      throw Error(ErrorKind::usage, "--index " + text + ": " + parsed.error())
          .hint(
              "override an index of the profile with --index NAME=URL, e.g. "
              "--index pypi=https://mirror.example/simple");
    overrides.push_back(std::move(*parsed));
  }
  return overrides;
}

[[nodiscard]] std::vector<pep508::PackageName> upgrade_packages(const LockArgs& args) {
  std::vector<pep508::PackageName> names;
  for (const std::string& text : args.upgrade_packages) {
    auto name = pep508::PackageName::parse(text);
    if (!name)
      throw Error(ErrorKind::usage, "--upgrade-package " + text + ": not a project name")
          .caused_by(name.error().message);
    names.push_back(std::move(*name));
  }
  return names;
}

[[nodiscard]] fs::path lock_path(const LockArgs& args, const profile::Profile& profile) {
  if (!args.common.lockfile.empty())
    return args.common.lockfile;
  return fs::path("lockfiles") / lock::lock_file_name(profile.name.value);
}

[[nodiscard]] std::optional<ExistingLock> read_existing(const fs::path& path,
                                                        const Context& context) {
  std::error_code ignored;
  if (!fs::exists(path, ignored))
    return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorKind::io, "cannot read " + path.string());
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto read = lock::parse_lockfile(text, path.string());
  if (!read) {
    Error error = std::move(read.error());
    error.hint("fix the lock file, or delete it to lock from scratch");
    throw error;
  }
  for (const lock::Warning& warning : read->warnings)
    *context.err << warning.render("gator-provision");
  return ExistingLock{std::move(text), std::move(*read)};
}

[[nodiscard]] std::optional<python::InterpreterInfo> interpreter_for(
    const LockArgs& args, const profile::Profile& profile, const Context& context) {
  if (!provision::needs_interpreter(profile) && args.common.python.empty())
    return std::nullopt;
  python::Discovery discovery = python::discover_interpreter(python::DiscoveryRequest{
      args.common.python, profile.python.version.value.text, context.env("PATH").value_or(""),
      context.env("HOME").value_or(""), context.env("PYENV_ROOT").value_or(""),
      cache_dir(args.common, context)});
  return std::move(discovery.found);
}

[[nodiscard]] http::ClientOptions client_options(const Context& context) {
  http::ClientOptions options;
  if (auto file = context.env("SSL_CERT_FILE"))
    options.ssl_cert_file = *file;
  if (auto dir = context.env("SSL_CERT_DIR"))
    options.ssl_cert_dir = *dir;
  if (auto netrc = context.env("NETRC"))
    options.netrc_file = *netrc;
  else if (auto home = context.env("HOME"); home && fs::exists(fs::path(*home) / ".netrc"))
    options.netrc_file = fs::path(*home) / ".netrc";
  return options;
}

// Transfers as status lines on stderr: retries unless --quiet, every finished request with
// --verbose.
class StatusLines final : public http::Observer {
 public:
  StatusLines(const GlobalOptions& global, const Context& context)
      : m_global(&global), m_context(&context) {}

  void on_retry(const http::TransferRetry& event) override {
    if (m_global->quiet)
      return;
    *m_context->err << "gator-provision: retrying " << event.url << " in " << event.delay.count()
                    << " ms (attempt " << event.failed_attempt << " of " << event.max_attempts
                    << " failed: " << event.reason << ")\n";
  }

  void on_finished(const http::TransferFinished& event) override {
    if (!m_global->verbose)
      return;
    *m_context->err << (event.ok ? "fetched " : "failed  ") << event.url;
    if (event.ok)
      *m_context->err << " (" << event.status << ", " << event.bytes_transferred << " bytes"
                      << (event.cache == http::CacheOutcome::revalidated      ? ", revalidated"
                          : event.cache == http::CacheOutcome::served_offline ? ", offline cache"
                                                                              : "")
                      << ")";
    else
      *m_context->err << ": " << event.error;
    *m_context->err << "\n";
  }

 private:
  const GlobalOptions* m_global;
  const Context* m_context;
};

void print_warnings(const std::vector<resolver::Warning>& warnings, const Context& context) {
  for (const resolver::Warning& warning : warnings)
    *context.err << "gator-provision: warning: " << warning.message << "\n";
}

void print_statistics(const provision::LockStatistics& statistics, const Context& context) {
  *context.err << "resolved with " << statistics.resolver.decisions << " decisions, "
               << statistics.resolver.conflicts << " conflicts, " << statistics.resolver.listings
               << " project pages, " << statistics.resolver.metadata_reads << " metadata reads (";
  bool first = true;
  for (const auto& [source, count] : statistics.metadata) {
    *context.err << (first ? "" : ", ") << count << " " << index::to_string(source);
    first = false;
  }
  *context.err << ")\n"
               << statistics.wheels << " wheels: " << statistics.hashes_from_index
               << " hashes from the index, " << statistics.hashes_reused
               << " from the previous lock, " << statistics.hashes_computed
               << " computed by downloading\n";
}

[[nodiscard]] std::string written_text(const lock::Lockfile& lockfile) {
  auto text = lock::write_lockfile(lockfile);
  if (!text)
    throw Error(ErrorKind::internal, "the lock cannot be written")
        .caused_by(text.error().render("gator-provision"));
  return std::move(*text);
}

int report_stale(const fs::path& path, const std::vector<std::string>& reasons,
                 const Context& context) {
  *context.out << "lock is stale: " << path.string() << "\n";
  for (const std::string& reason : reasons)
    *context.out << "  - " << reason << "\n";
  *context.out << "run `gator-provision lock` to update it\n";
  return exit_code(ErrorKind::check_failed);
}

int run_lock(const LockArgs& args, const GlobalOptions& global, const Context& context) {
  const profile::Profile profile =
      profile::load_profile(args.common.profile, profile::SearchPaths{profile_dirs(context)});
  const std::vector<provision::IndexOverride> overrides = index_overrides(args);
  const fs::path path = lock_path(args, profile);
  const std::optional<ExistingLock> existing = read_existing(path, context);
  const std::optional<python::InterpreterInfo> interpreter =
      interpreter_for(args, profile, context);
  const provision::LockTarget target = provision::make_lock_target(
      profile, interpreter ? &*interpreter : nullptr, provision::host_facts());

  if (args.check) {
    if (!existing)
      return report_stale(path, {"there is no lock file"}, context);
    const lock::GatorFacts expected =
        provision::gator_facts(profile, target, provision::make_index_policy(profile, overrides));
    const lock::Freshness freshness =
        lock::check_freshness(existing->read.lockfile, expected,
                              provision::profile_requirements(profile), target.markers);
    if (!freshness.fresh())
      return report_stale(path, freshness.reasons, context);
  }

  provision::LockOptions options;
  options.cache_dir = cache_dir(args.common, context);
  options.offline = args.common.offline;
  options.http = client_options(context);
  StatusLines status(global, context);
  options.observer = &status;
  options.index_overrides = overrides;
  options.previous = existing ? &existing->read.lockfile : nullptr;
  options.upgrade = args.upgrade;
  options.upgrade_packages = upgrade_packages(args);
  const provision::LockOutcome outcome = provision::lock_profile(profile, target, options);
  if (!global.quiet)
    print_warnings(outcome.warnings, context);
  if (global.verbose)
    print_statistics(outcome.statistics, context);
  const std::string text = written_text(outcome.lockfile);
  const lock::Lockfile empty;
  const lock::LockDiff changes =
      lock::diff(existing ? existing->read.lockfile : empty, outcome.lockfile);

  if (existing && existing->text == text) {
    if (!global.quiet)
      *context.out << "lock is up to date: " << path.string() << "\n";
    return 0;
  }
  if (args.check) {
    std::vector<std::string> reasons;
    if (changes.empty()) {
      reasons.push_back("locking again gives a different file with the same packages");
    } else {
      std::istringstream lines(lock::render_diff(changes));
      for (std::string line; std::getline(lines, line);)
        reasons.push_back("locking again: " + line);
    }
    return report_stale(path, reasons, context);
  }

  provision::write_file_atomically(path, text);
  if (!global.quiet) {
    *context.out << lock::render_diff(changes);
    *context.out << "wrote " << path.string() << ": " << outcome.lockfile.packages.size()
                 << " packages for " << target.describe() << "\n";
  }
  return 0;
}

}  // namespace

CommandSpec lock_command() {
  return CommandSpec{
      "lock", "resolve the profile and write lockfiles/pylock.PROFILE.toml",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        auto args = std::make_shared<LockArgs>();
        add_profile_args(command, args->common);
        command.add_flag("--upgrade", args->upgrade,
                         "ignore the versions in the existing lock file (and re-hash)");
        command.add_option("--upgrade-package", args->upgrade_packages,
                           "ignore the locked version of NAME (repeatable)");
        command.add_flag("--check", args->check,
                         "write nothing; exit 4 when the lock file is stale for the profile");
        return Action([args, &global, &context] { return run_lock(*args, global, context); });
      }};
}

}  // namespace gator::cli

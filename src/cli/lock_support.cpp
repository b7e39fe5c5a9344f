#include "cli/lock_support.hpp"

#include <fstream>
#include <iterator>

#include "cli/settings.hpp"
#include "lock/write.hpp"
#include "python/discovery.hpp"
#include "tags/supported.hpp"
#include "util/error.hpp"

namespace gator::cli {
namespace fs = std::filesystem;

std::vector<provision::IndexOverride> index_overrides(const ProfileArgs& args) {
  std::vector<provision::IndexOverride> overrides;
  for (const std::string& text : args.index_overrides) {
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

fs::path lock_path(const ProfileArgs& args, const profile::Profile& profile) {
  if (!args.lockfile.empty())
    return args.lockfile;
  return fs::path("lockfiles") / lock::lock_file_name(profile.name.value);
}

std::optional<ExistingLock> read_existing_lock(const fs::path& path, const Context& context) {
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

std::optional<python::InterpreterInfo> find_interpreter(const ProfileArgs& args,
                                                        const profile::Profile& profile,
                                                        const Context& context) {
  python::Discovery discovery = python::discover_interpreter(
      python::DiscoveryRequest{args.python, profile.python.version.value.text,
                               context.env("PATH").value_or(""), context.env("HOME").value_or(""),
                               context.env("PYENV_ROOT").value_or(""), cache_dir(args, context)});
  return std::move(discovery.found);
}

http::ClientOptions client_options(const Context& context) {
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

void StatusLines::on_retry(const http::TransferRetry& event) {
  if (m_global->quiet)
    return;
  *m_context->err << "gator-provision: retrying " << event.url << " in " << event.delay.count()
                  << " ms (attempt " << event.failed_attempt << " of " << event.max_attempts
                  << " failed: " << event.reason << ")\n";
}

void StatusLines::on_finished(const http::TransferFinished& event) {
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

namespace {

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

}  // namespace

provision::LockOutcome resolve_lock(const LockRequest& request, const ProfileArgs& args,
                                    const GlobalOptions& global, const Context& context) {
  provision::LockOptions options;
  options.cache_dir = cache_dir(args, context);
  options.offline = args.offline;
  options.http = client_options(context);
  options.observer = request.observer;
  options.index_overrides = index_overrides(args);
  options.previous = request.existing != nullptr && *request.existing
                         ? &(*request.existing)->read.lockfile
                         : nullptr;
  options.upgrade = request.upgrade;
  options.upgrade_packages = request.upgrade_packages;
  provision::LockOutcome outcome =
      provision::lock_profile(*request.profile, *request.target, options);
  if (!global.quiet) {
    for (const resolver::Warning& warning : outcome.warnings)
      *context.err << "gator-provision: warning: " << warning.message << "\n";
  }
  if (global.verbose)
    print_statistics(outcome.statistics, context);
  return outcome;
}

std::expected<lock::InstallPlan, Error> select_for_interpreter(
    const lock::Lockfile& lockfile, const python::InterpreterInfo& interpreter) {
  const auto supported = tags::supported_tags(python::tag_target(interpreter));
  if (!supported) {
    return std::unexpected(
        Error(ErrorKind::invalid_input, "the interpreter " + interpreter.executable.string() +
                                            " has no tag list: " + supported.error().message));
  }
  return lock::select_wheels(lockfile, interpreter.markers, *supported);
}

std::string written_text(const lock::Lockfile& lockfile) {
  auto text = lock::write_lockfile(lockfile);
  if (!text)
    throw Error(ErrorKind::internal, "the lock cannot be written")
        .caused_by(text.error().render("gator-provision"));
  return std::move(*text);
}

}  // namespace gator::cli

#include "provision/apply.hpp"

#include <atomic>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>
#include <utility>

#include "cache/cache.hpp"
#include "cache/file_lock.hpp"
#include "cache/sha256_hasher.hpp"
#include "pep508/name.hpp"
#include "provision/atomic_write.hpp"
#include "provision/staging.hpp"
#include "provision/unpack_wheels.hpp"
#include "util/error.hpp"
#include "util/task_pool.hpp"
#include "venv/create.hpp"
#include "venv/inspect.hpp"
#include "venv/pyvenv_cfg.hpp"
#include "venv/scheme.hpp"
#include "wheel/install.hpp"
#include "wheel/unpack.hpp"

namespace gator::provision {
namespace {
namespace fs = std::filesystem;

// Observer calls from worker threads are serialised.
class Progress {
 public:
  explicit Progress(ApplyObserver* observer) : m_observer(observer) {}
  void phase(ApplyPhase phase, std::size_t total) {
    if (m_observer == nullptr)
      return;
    const std::scoped_lock lock(m_mutex);
    m_observer->on_phase(phase, total);
  }
  void step(ApplyPhase phase, std::size_t done, std::size_t total, std::string_view item) {
    if (m_observer == nullptr)
      return;
    const std::scoped_lock lock(m_mutex);
    m_observer->on_step(phase, done, total, item);
  }

 private:
  ApplyObserver* m_observer;
  std::mutex m_mutex;
};

// Every wheel's verified tree: from the cache when it is there, else fetched (from the cache's
// wheels, a local wheelhouse or the network) and unpacked into the cache.
[[nodiscard]] std::vector<wheel::UnpackedWheel> unpacked_trees(cache::Cache& cache,
                                                               const lock::InstallPlan& plan,
                                                               const ApplyOptions& options,
                                                               Progress& progress,
                                                               ApplyResult& result) {
  std::vector<std::optional<wheel::UnpackedWheel>> trees(plan.wheels.size());
  std::vector<std::size_t> missing;
  std::vector<lock::PlannedWheel> to_fetch;
  for (std::size_t i = 0; i < plan.wheels.size(); ++i) {
    const lock::PlannedWheel& planned = plan.wheels[i];
    const auto tree = planned.wheel.hashes.sha256
                          ? cache.find_unpacked(*planned.wheel.hashes.sha256)
                          : std::nullopt;  // refused by fetch_wheels below
    if (tree) {
      trees[i] = wheel::open_unpacked(*tree, planned.wheel.name);
    } else {
      missing.push_back(i);
      to_fetch.push_back(planned);
    }
  }
  const std::size_t trees_cached = plan.wheels.size() - to_fetch.size();
  result.fetch.cached = trees_cached;
  // A warm run (every tree cached) has nothing to fetch or unpack, and says nothing of it.
  if (!to_fetch.empty()) {
    progress.phase(ApplyPhase::download, to_fetch.size());
    const FetchResult fetched = fetch_wheels(cache, to_fetch, options.fetch);
    result.fetch = fetched.statistics;
    result.fetch.cached += trees_cached;

    progress.phase(ApplyPhase::unpack, to_fetch.size());
    std::size_t done = 0;
    std::vector<wheel::UnpackedWheel> unpacked =
        unpack_wheels(cache, to_fetch, fetched.files, options.fetch, [&](std::string_view name) {
          progress.step(ApplyPhase::unpack, ++done, to_fetch.size(), name);
        });
    result.unpacked = unpacked.size();
    for (std::size_t j = 0; j < missing.size(); ++j)
      trees[missing[j]] = std::move(unpacked[j]);
  }

  std::vector<wheel::UnpackedWheel> out;
  out.reserve(trees.size());
  for (auto& tree : trees) {
    for (std::string& warning : tree->warnings)
      result.warnings.push_back(warning);
    out.push_back(std::move(*tree));
  }
  return out;
}

[[nodiscard]] wheel::Scheme install_scheme(const fs::path& prefix,
                                           const python::InterpreterInfo& base) {
  const venv::Scheme scheme = venv::scheme(prefix, base);
  return wheel::Scheme{scheme.purelib, scheme.platlib, scheme.scripts, scheme.headers, scheme.data};
}

// Whether two of the installations would create the same file. pip lets the later one win;
// that order only holds when they run one after the other.
[[nodiscard]] bool share_a_file(const std::vector<std::unique_ptr<wheel::PreparedInstall>>& all) {
  std::unordered_set<std::string> seen;
  for (const auto& install : all) {
    for (const fs::path& path : install->destinations()) {
      if (!seen.insert(path.string()).second)
        return true;
    }
  }
  return false;
}

void install_all(const lock::InstallPlan& plan, const std::vector<wheel::UnpackedWheel>& wheels,
                 const fs::path& staging, const python::InterpreterInfo& base,
                 const ApplyOptions& options, Progress& progress, ApplyResult& result) {
  progress.phase(ApplyPhase::install, wheels.size());
  wheel::InstallOptions install;
  install.scheme = install_scheme(staging, base);
  install.python = options.venv / "bin" / "python";
  install.link_mode = options.link_mode;
  install.overwrite = wheel::Overwrite::replace;
  const fs::path headers = install.scheme.headers;
  std::vector<std::unique_ptr<wheel::PreparedInstall>> prepared;
  for (std::size_t i = 0; i < wheels.size(); ++i) {
    // Each project's headers in a folder of its own, as pip puts them.
    install.scheme.headers = headers / plan.wheels[i].name;
    install.requested = options.requested.contains(pep508::canonicalize_name(plan.wheels[i].name))
                            ? wheel::Requested::yes
                            : wheel::Requested::no;
    prepared.push_back(std::make_unique<wheel::PreparedInstall>(wheels[i], install));
  }
  std::vector<wheel::InstallResult> installed(wheels.size());
  std::atomic<std::size_t> done{0};
  const auto run = [&](std::size_t i) {
    installed[i] = prepared[i]->install();
    progress.step(ApplyPhase::install, ++done, wheels.size(), plan.wheels[i].wheel.name);
  };
  // The files are links to the cache: linking is all system calls, and the kernel takes them
  // from several threads at once.
  util::TaskPool pool;
  const bool in_order = share_a_file(prepared);
  for (std::size_t i = 0; i < wheels.size(); ++i)
    pool.add(in_order ? 0 : prepared[i]->destinations().size(), [&run, i] { run(i); });
  pool.run(in_order ? 1 : util::TaskPool::default_threads());

  for (const wheel::InstallResult& one : installed) {
    result.reflinked += one.reflinked;
    result.hardlinked += one.hardlinked;
    result.copied += one.copied;
    for (const std::string& warning : one.warnings)
      result.warnings.push_back(warning);
  }
}

void record_fingerprint(const fs::path& staging, const std::string& fingerprint) {
  const fs::path path = staging / "pyvenv.cfg";
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto config = venv::parse_pyvenv_cfg(text);
  if (!in.good() && !in.eof())
    throw Error(ErrorKind::io, "cannot read " + path.string());
  if (!config)
    throw Error(ErrorKind::internal,
                "the new venv's pyvenv.cfg cannot be read back: " + config.error().message);
  config->set(k_state_key, fingerprint);
  write_file_atomically(path, venv::render_pyvenv_cfg(*config));
}

void check_replaceable(const fs::path& target, const ApplyOptions& options) {
  switch (venv::classify_directory(target)) {
    case venv::DirectoryKind::missing:
    case venv::DirectoryKind::empty:
    case venv::DirectoryKind::gator_venv:
      return;
    case venv::DirectoryKind::foreign_venv:
      if (options.replace_foreign)
        return;
      throw Error(ErrorKind::invalid_input,
                  target.string() + " is a virtualenv that gator-provision did not create")
          .hint(
              "it is left alone; pass --replace-foreign to replace it, or choose another "
              "--venv");
    case venv::DirectoryKind::not_a_venv:
      throw Error(ErrorKind::invalid_input, target.string() + " exists and is not a virtualenv")
          .hint(
              "gator-provision never replaces other files; move it away or choose another --venv");
  }
}

}  // namespace

const char* to_string(ApplyPhase phase) {
  switch (phase) {
    case ApplyPhase::download:
      return "download";
    case ApplyPhase::unpack:
      return "unpack";
    case ApplyPhase::install:
      return "install";
    case ApplyPhase::compile:
      return "compile";
    case ApplyPhase::switch_venv:
      return "switch";
  }
  return "?";
}

std::string apply_fingerprint(const lock::InstallPlan& plan, const python::InterpreterInfo& base,
                              const ApplyOptions& options) {
  // One field per line, values without line breaks (the environment was checked for them).
  std::string text = "gator-provision " + venv::tool_version() + "\n";
  text +=
      "base " + base.executable.string() + " " + pep508::format_full_version(base.version) + "\n";
  text += "venv " + options.venv.string() + "\n";
  text += "profile " + options.profile + "\nprompt " + options.prompt + "\n";
  text += std::string("compile ") + (options.compile ? "yes" : "no") + "\n";
  for (const auto& [name, value] : options.environment)
    text += "env " + name + "=" + value + "\n";
  for (const lock::PlannedWheel& planned : plan.wheels) {
    const std::string name = pep508::canonicalize_name(planned.name);
    text += "wheel " + name + " " + planned.wheel.name + " " +
            (planned.wheel.hashes.sha256 ? planned.wheel.hashes.sha256->to_string() : "-") +
            (options.requested.contains(name) ? " requested" : "") + "\n";
  }
  return cache::sha256_of(text).to_string();
}

bool venv_is_current(const fs::path& venv, const std::string& fingerprint) {
  if (venv::classify_directory(venv) != venv::DirectoryKind::gator_venv)
    return false;
  try {
    const venv::VenvInfo info = venv::read_venv(venv);
    const std::string* recorded = info.config.find(k_state_key);
    std::error_code ec;
    return recorded != nullptr && *recorded == fingerprint &&
           fs::exists(venv / "bin" / "python", ec);
  } catch (const Error&) {
    return false;
  }
}

ApplyResult apply_plan(const lock::InstallPlan& plan, const python::InterpreterInfo& base,
                       const ApplyOptions& options) {
  if (!options.venv.is_absolute() || !options.venv.has_filename())
    throw Error(ErrorKind::usage,
                "the venv path must be an absolute path to a directory: " + options.venv.string());
  ApplyResult result;
  result.packages = plan.wheels.size();
  result.fingerprint = apply_fingerprint(plan, base, options);
  const TargetLock target_lock = TargetLock::acquire(options.venv);
  if (!options.reinstall && venv_is_current(options.venv, result.fingerprint))
    return result;  // the common case: read-only, no network, no cache
  check_replaceable(options.venv, options);
  remove_leftovers(options.venv);

  Progress progress(options.observer);
  cache::Cache cache = cache::Cache::open(options.cache_dir);
  const std::vector<wheel::UnpackedWheel> wheels =
      unpacked_trees(cache, plan, options, progress, result);

  StagingVenv staging(options.venv);
  venv::VenvOptions venv_options;
  venv_options.final_prefix = options.venv;
  venv_options.profile = options.profile;
  venv_options.prompt = options.prompt;
  venv_options.environment = options.environment;
  venv::create_venv(staging.path(), base, venv_options);
  install_all(plan, wheels, staging.path(), base, options, progress, result);
  if (options.compile) {
    progress.phase(ApplyPhase::compile, 1);
    for (std::string& warning : compile_bytecode(staging.path(), options.venv, base))
      result.warnings.push_back(std::move(warning));
  }
  record_fingerprint(staging.path(), result.fingerprint);

  progress.phase(ApplyPhase::switch_venv, 1);
  result.outcome =
      staging.switch_into_place(options.durable) ? ApplyOutcome::replaced : ApplyOutcome::created;
  return result;
}

}  // namespace gator::provision

#include "provision/unpack_wheels.hpp"

#include <atomic>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>

#include "dist/wheel_filename.hpp"
#include "util/error.hpp"
#include "util/task_pool.hpp"

namespace gator::provision {
namespace {

// One wheel on its way to the cache. `pending` counts the tasks still to finish (the first
// pass, each part, the digest); the task that brings it to zero puts the tree in place.
struct Job {
  const lock::PlannedWheel* planned = nullptr;
  const FetchedWheel* fetched = nullptr;
  std::shared_ptr<const wheel::ArchiveFile> archive;
  std::unique_ptr<wheel::WheelUnpack> unpack;
  std::optional<cache::FileDigest> digest;
  std::atomic<std::size_t> pending{0};
  std::optional<wheel::UnpackedWheel> result;
};

[[nodiscard]] dist::WheelFilename wheel_filename(const lock::PlannedWheel& planned) {
  auto parsed = dist::WheelFilename::parse(planned.wheel.name);
  if (!parsed) {
    throw Error(ErrorKind::invalid_input,
                "the lock names a wheel with an invalid file name: " + planned.wheel.name)
        .caused_by(parsed.error().message);
  }
  return std::move(*parsed);
}

class Unpacker {
 public:
  Unpacker(cache::Cache& cache, std::vector<Job>& jobs, const FetchOptions& options,
           const UnpackedCallback& on_unpacked)
      : m_cache(cache), m_jobs(jobs), m_options(options), m_on_unpacked(on_unpacked) {}

  void run() {
    // A window of wheels at a time: each holds its archive open, and a plan may have more
    // wheels than a process may open files.
    for (std::size_t i = 0; i < k_open_wheels; ++i)
      start_next();
    m_pool.run(util::TaskPool::default_threads());
  }

 private:
  static constexpr std::size_t k_open_wheels = 64;

  void start_next() {
    const std::size_t index = m_next.fetch_add(1);
    if (index >= m_jobs.size())
      return;
    Job& job = m_jobs[index];
    job.pending = job.fetched->verified ? 1 : 2;
    // The first pass first: it decides the parts, and the others wait for them.
    m_pool.add(std::numeric_limits<std::uint64_t>::max(), [this, &job] {
      job.archive = wheel::ArchiveFile::open(job.fetched->file);
      if (!job.fetched->verified)
        m_pool.add(job.archive->size(), [this, &job] { hash(job); });
      first_pass(job);
    });
  }

  void first_pass(Job& job) {
    job.unpack =
        std::make_unique<wheel::WheelUnpack>(m_cache, job.archive, wheel_filename(*job.planned));
    const auto& parts = job.unpack->parts();
    job.pending += parts.size();
    for (std::size_t part = 0; part < parts.size(); ++part) {
      m_pool.add(parts[part].cost, [this, &job, part] {
        job.unpack->extract_part(part);
        finished_task(job);
      });
    }
    finished_task(job);
  }

  void hash(Job& job) {
    job.digest = job.archive->digest();
    finished_task(job);
  }

  void finished_task(Job& job) {
    if (job.pending.fetch_sub(1) != 1)
      return;
    if (!job.fetched->verified) {
      check_local_wheel(*job.planned, *job.fetched, *job.digest, m_options);
      if (!job.archive->unchanged()) {
        throw Error(ErrorKind::integrity,
                    job.fetched->file.string() + " was written to while it was being unpacked")
            .hint("nothing of it was kept; run the command again once the file stays put");
      }
    }
    job.result = job.unpack->finish(*job.planned->wheel.hashes.sha256);
    job.unpack.reset();
    job.archive.reset();
    if (m_on_unpacked) {
      const std::scoped_lock lock(m_callback_mutex);
      m_on_unpacked(job.planned->wheel.name);
    }
    start_next();
  }

  cache::Cache& m_cache;
  std::vector<Job>& m_jobs;
  std::atomic<std::size_t> m_next{0};
  const FetchOptions& m_options;
  const UnpackedCallback& m_on_unpacked;
  std::mutex m_callback_mutex;
  util::TaskPool m_pool;
};

}  // namespace

std::vector<wheel::UnpackedWheel> unpack_wheels(cache::Cache& cache,
                                                std::span<const lock::PlannedWheel> wheels,
                                                std::span<const FetchedWheel> files,
                                                const FetchOptions& options,
                                                const UnpackedCallback& on_unpacked) {
  if (wheels.size() != files.size())
    throw Error(ErrorKind::internal, "unpack_wheels: one fetched file per planned wheel");
  std::vector<Job> jobs(wheels.size());
  for (std::size_t i = 0; i < wheels.size(); ++i) {
    jobs[i].planned = &wheels[i];
    jobs[i].fetched = &files[i];
  }
  Unpacker(cache, jobs, options, on_unpacked).run();
  std::vector<wheel::UnpackedWheel> unpacked;
  unpacked.reserve(jobs.size());
  for (Job& job : jobs)
    unpacked.push_back(std::move(*job.result));
  return unpacked;
}

}  // namespace gator::provision

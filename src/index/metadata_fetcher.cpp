#include "index/metadata_fetcher.hpp"

#include <fstream>
#include <optional>
#include <set>
#include <system_error>

#include <unistd.h>

#include "dist/sha256.hpp"
#include "index/digest.hpp"
#include "index/project_source.hpp"
#include "index/wheel_file_reader.hpp"
#include "util/error_chain.hpp"

namespace gator::index {
namespace {

namespace fs = std::filesystem;

[[nodiscard]] std::optional<std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad())
    return std::nullopt;
  return text;
}

// Temporary name and rename, so that a concurrent reader never sees half an entry.
void write_atomically(const fs::path& path, std::string_view text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  static unsigned counter = 0;
  const fs::path temporary =
      path.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out)
      return;  // a cache that cannot be written only costs the next run some requests
  }
  fs::rename(temporary, path, ec);
  if (ec)
    fs::remove(temporary, ec);
}

[[nodiscard]] http::Request range_request(const http::RedactedUrl& url, const ByteRequest& read) {
  http::Request request{url};
  request.range = read.suffix
                      ? http::ByteRange::suffix(read.length)
                      : http::ByteRange::between(read.offset, read.offset + read.length - 1);
  request.on_range_ignored = http::RangeIgnored::stop;
  return request;
}

// The URL and the digests the answer was checked against.
[[nodiscard]] std::string memo_key(const IndexFile& file) {
  std::string key = file.url().raw_for_request();
  const auto add = [&key](const FileHashes& hashes) {
    key += hashes.sha256 ? " " + hashes.sha256->to_string() : std::string(" -");
    for (const auto& [algorithm, digest] : hashes.other)
      key += " " + algorithm + ":" + digest;
  };
  add(file.hashes);
  if (file.core_metadata)
    add(file.core_metadata->hashes);
  return key;
}

}  // namespace

const char* to_string(MetadataSource source) {
  switch (source) {
    case MetadataSource::cache:
      return "cache";
    case MetadataSource::sidecar:
      return "sidecar";
    case MetadataSource::range_requests:
      return "range requests";
    case MetadataSource::full_download:
      return "full download";
    case MetadataSource::local_file:
      break;
  }
  return "local file";
}

struct MetadataFetcher::Job {
  const IndexFile* file = nullptr;
  enum class Phase { sidecar, ranges, download } phase = Phase::sidecar;
  std::optional<WheelMetadataReader> reader;
  std::optional<http::Request> pending;
  std::optional<std::expected<WheelMetadata, Error>> result;
  std::uint64_t bytes = 0;
  unsigned requests = 0;

  void fail(Error error) {
    pending.reset();
    result = std::unexpected(std::move(error));
  }
  [[nodiscard]] std::string what() const {
    return "cannot read the metadata of " + file->filename();
  }
};

MetadataFetcher::MetadataFetcher(http::Client& client, MetadataOptions options)
    : m_client(&client), m_options(std::move(options)) {}

fs::path MetadataFetcher::cache_path(const IndexFile& file) const {
  if (m_options.cache_dir.empty())
    return {};
  std::string key;
  if (file.hashes.sha256)
    key = "sha256-" + file.hashes.sha256->to_string();
  else
    key = "url-" + hex_digest("sha256", file.url().without_credentials().raw_for_request())
                       .value_or("unknown");
  return m_options.cache_dir / "metadata-v1" / key;
}

fs::path MetadataFetcher::download_path(const IndexFile& file) const {
  fs::path directory = m_options.download_dir;
  if (directory.empty()) {
    directory = m_options.cache_dir.empty() ? fs::temp_directory_path() / "gator-provision"
                                            : m_options.cache_dir / "metadata-v1" / "downloads";
  }
  const std::string key =
      hex_digest("sha256", file.url().without_credentials().raw_for_request()).value_or("x");
  static unsigned counter = 0;
  return directory / (key.substr(0, 16) + "-" + std::to_string(::getpid()) + "-" +
                      std::to_string(counter++) + ".whl");
}

std::vector<std::expected<WheelMetadata, Error>> MetadataFetcher::fetch_all(
    std::span<const IndexFile* const> files) {
  // One job per URL not answered before; every answer is kept for the fetcher's lifetime, so a
  // prefetch followed by a fetch costs nothing more.
  std::vector<Job> jobs;
  std::set<std::string> queued;
  for (const IndexFile* file : files) {
    const std::string key = memo_key(*file);
    if (!m_memo.contains(key) && queued.insert(key).second)
      jobs.emplace_back().file = file;
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    try {
      start(jobs[i]);
    } catch (const Error& error) {
      if (error.kind() == ErrorKind::interrupted)
        throw;
      jobs[i].fail(wrap(error, jobs[i].what()));
    }
  }
  while (true) {
    std::vector<http::Request> requests;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (jobs[i].pending) {
        requests.push_back(std::move(*jobs[i].pending));
        jobs[i].pending.reset();
        owners.push_back(i);
      }
    }
    if (requests.empty())
      break;
    std::vector<http::Client::Outcome> outcomes = m_client->fetch_all(std::move(requests));
    for (std::size_t r = 0; r < outcomes.size(); ++r) {
      Job& job = jobs[owners[r]];
      ++job.requests;
      if (outcomes[r])
        job.bytes += outcomes[r]->bytes_transferred;
      try {
        switch (job.phase) {
          case Job::Phase::sidecar:
            on_sidecar(job, std::move(outcomes[r]));
            break;
          case Job::Phase::ranges:
            on_range(job, std::move(outcomes[r]));
            break;
          case Job::Phase::download:
            on_download(job, std::move(outcomes[r]));
            break;
        }
      } catch (const Error& error) {
        if (error.kind() == ErrorKind::interrupted)
          throw;
        job.fail(wrap(error, job.what()));
      }
    }
  }
  for (Job& job : jobs) {
    if (!job.result)
      job.fail(Error(ErrorKind::internal, job.what() + ": no result"));
    m_memo.insert_or_assign(memo_key(*job.file), std::move(*job.result));
  }
  std::vector<std::expected<WheelMetadata, Error>> results;
  results.reserve(files.size());
  for (const IndexFile* file : files)
    results.push_back(m_memo.at(memo_key(*file)));
  return results;
}

WheelMetadata MetadataFetcher::fetch(const IndexFile& file) {
  const IndexFile* one = &file;
  auto results = fetch_all(std::span(&one, 1));
  if (!results.front())
    throw std::move(results.front().error());
  return std::move(*results.front());
}

void MetadataFetcher::start(Job& job) {
  const IndexFile& file = *job.file;
  if (file.wheel() == nullptr) {
    Error error(ErrorKind::invalid_input, job.what());
    error.caused_by("it is not a wheel (" + std::string(to_string(file.kind())) + ")");
    job.fail(std::move(error));
    return;
  }
  if (const fs::path cached = cache_path(file); !cached.empty()) {
    if (std::optional<std::string> text = read_whole(cached)) {
      finish_text(job, std::move(*text), MetadataSource::cache);
      if (job.result && *job.result)
        return;
      job.result.reset();  // a stale or damaged entry: fetch again
      std::error_code ec;
      fs::remove(cached, ec);
    }
  }
  if (local_path(file.url())) {
    local(job);
    return;
  }
  if (file.core_metadata) {
    job.phase = Job::Phase::sidecar;
    job.pending = http::Request{metadata_url(file.url())};
    return;
  }
  begin_ranges(job);
}

void MetadataFetcher::local(Job& job) {
  const IndexFile& file = *job.file;
  const fs::path path = *local_path(file.url());
  const fs::path sidecar = path.string() + ".metadata";
  if (std::optional<std::string> text = file.core_metadata ? read_whole(sidecar) : std::nullopt) {
    if (const std::string mismatch = check_hashes(file.core_metadata->hashes, *text);
        !mismatch.empty()) {
      Error error(ErrorKind::integrity,
                  "the metadata file of " + file.filename() + " does not match its hash");
      error.caused_by("from: " + sidecar.string());
      error.caused_by(mismatch);
      job.fail(std::move(error));
      return;
    }
    finish_text(job, std::move(*text), MetadataSource::local_file);
    return;
  }
  auto text = read_wheel_metadata(path, file.project(), m_options.tail_bytes);
  if (!text) {
    Error error(ErrorKind::invalid_input, job.what());
    error.caused_by(text.error().message);
    error.caused_by("in: " + path.string());
    job.fail(std::move(error));
    return;
  }
  finish_text(job, std::move(*text), MetadataSource::local_file);
}

// Ranges are tried for every file, even on a server that ignored them before: a refused range
// costs one aborted request, while assuming "no ranges" for a whole host could cost a 2 GB
// download when only one location there lacks them.
void MetadataFetcher::begin_ranges(Job& job) {
  const IndexFile& file = *job.file;
  job.phase = Job::Phase::ranges;
  job.reader.emplace(file.project(), std::nullopt, m_options.tail_bytes);
  job.pending = range_request(file.url(), *job.reader->next());
}

void MetadataFetcher::on_sidecar(Job& job, http::Client::Outcome outcome) {
  const IndexFile& file = *job.file;
  if (!outcome)
    throw std::move(outcome.error());
  if (!outcome->ok()) {
    begin_ranges(job);  // advertised but missing: read the wheel instead
    return;
  }
  if (const std::string mismatch = check_hashes(file.core_metadata->hashes, outcome->body);
      !mismatch.empty()) {
    Error error(ErrorKind::integrity,
                "the metadata file of " + file.filename() + " does not match its hash");
    error.caused_by("from: " + outcome->url.display());
    error.caused_by(mismatch);
    error.hint("the index serves a .metadata file that differs from the one it lists");
    job.fail(std::move(error));
    return;
  }
  finish_text(job, std::move(outcome->body), MetadataSource::sidecar);
}

void MetadataFetcher::on_range(Job& job, http::Client::Outcome outcome) {
  const IndexFile& file = *job.file;
  if (!outcome)
    throw std::move(outcome.error());
  const http::Response& response = *outcome;
  if (response.range == http::RangeOutcome::ignored) {
    job.reader.reset();
    job.phase = Job::Phase::download;
    http::Request request{file.url()};
    request.destination = download_path(file);
    request.resume = http::Resume::no;
    request.compute_sha256 = true;  // the whole file passes by: check it against the index
    job.pending = std::move(request);
    return;
  }
  if (!response.ok()) {
    Error error(ErrorKind::network, "cannot fetch " + file.url().display());
    error.caused_by("HTTP " + std::to_string(response.status));
    job.fail(std::move(error));
    return;
  }
  const ByteRequest asked = *job.reader->next();
  const std::optional<http::ContentRange> range =
      http::parse_content_range(response.header("content-range").value_or(""));
  if (range) {
    job.reader->supply(range->first, std::string(response.body), range->complete_length);
  } else if (!asked.suffix) {
    job.reader->supply(asked.offset, std::string(response.body));
  } else {
    job.reader->fail("the server answered a range request without Content-Range");
  }
  if (!job.reader->done()) {
    job.pending = range_request(file.url(), *job.reader->next());
    return;
  }
  if (!job.reader->result()) {
    Error error(ErrorKind::invalid_input, job.what());
    error.caused_by(job.reader->result().error().message);
    error.caused_by("from: " + file.url().display());
    job.fail(std::move(error));
    return;
  }
  finish_text(job, job.reader->result().value(), MetadataSource::range_requests);
}

void MetadataFetcher::on_download(Job& job, http::Client::Outcome outcome) {
  const IndexFile& file = *job.file;
  if (!outcome)
    throw std::move(outcome.error());
  if (!outcome->ok()) {
    Error error(ErrorKind::network, "cannot fetch " + file.url().display());
    error.caused_by("HTTP " + std::to_string(outcome->status));
    job.fail(std::move(error));
    return;
  }
  // Metadata from bytes other than the ones the index vouches for is not to be resolved with.
  // (Only sha256 is checked here: an index that lists just other algorithms is checked when the
  // wheel is installed.)
  if (file.hashes.sha256 && outcome->sha256) {
    const dist::Sha256 actual = dist::Sha256::from_bytes(outcome->sha256->bytes);
    if (actual != *file.hashes.sha256) {
      std::error_code ec;
      fs::remove(outcome->file, ec);
      Error error(ErrorKind::integrity,
                  "the wheel " + file.filename() + " does not match its hash");
      error.caused_by("from: " + file.url().display());
      error.caused_by("expected sha256:" + file.hashes.sha256->to_string() +
                      ", got sha256:" + actual.to_string());
      error.hint(
          "the index serves other bytes than the ones it lists (a damaged mirror, or a "
          "replaced file)");
      job.fail(std::move(error));
      return;
    }
  }
  auto text = read_wheel_metadata(outcome->file, file.project(), m_options.tail_bytes);
  std::error_code ec;
  fs::remove(outcome->file, ec);
  if (!text) {
    Error error(ErrorKind::invalid_input, job.what());
    error.caused_by(text.error().message);
    error.caused_by("from: " + file.url().display());
    job.fail(std::move(error));
    return;
  }
  finish_text(job, std::move(*text), MetadataSource::full_download);
}

void MetadataFetcher::finish_text(Job& job, std::string text, MetadataSource source) {
  const IndexFile& file = *job.file;
  auto parsed = metadata::parse_metadata(text);
  if (!parsed) {
    Error error(ErrorKind::invalid_input, "invalid metadata in " + file.filename());
    error.caused_by(parsed.error().message);
    job.fail(std::move(error));
    return;
  }
  const dist::WheelFilename& wheel = *file.wheel();
  if (parsed->name.str() != wheel.name().canonical() || !(parsed->version == wheel.version())) {
    Error error(ErrorKind::invalid_input,
                "the metadata of " + file.filename() + " is for another distribution");
    error.caused_by("it says " + parsed->name.str() + " " + parsed->version.to_string());
    job.fail(std::move(error));
    return;
  }
  if (source != MetadataSource::cache && source != MetadataSource::local_file) {
    if (const fs::path cached = cache_path(file); !cached.empty())
      write_atomically(cached, text);
  }
  WheelMetadata result{std::move(*parsed), std::move(text), source, job.bytes, job.requests};
  job.pending.reset();
  job.result = std::move(result);
}

}  // namespace gator::index

#include "provision/fetch.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "http/client.hpp"
#include "index/project_source.hpp"
#include "util/error.hpp"
#include "util/error_chain.hpp"

namespace gator::provision {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] SourceLocation location_of(const lock::PlannedWheel& planned,
                                         const FetchOptions& options) {
  const lock::SourcePosition& position =
      planned.wheel.position.line != 0 ? planned.wheel.position : planned.position;
  return SourceLocation{options.lock_file.string(), position.line, position.column, "", 1};
}

[[nodiscard]] std::string describe(const lock::PlannedWheel& planned) {
  return planned.wheel.name + " (" + planned.name + ")";
}

[[nodiscard]] const dist::Sha256& required_sha256(const lock::PlannedWheel& planned,
                                                  const FetchOptions& options) {
  if (!planned.wheel.hashes.sha256) {
    throw Error(ErrorKind::integrity,
                "the lock records no sha256 for " + describe(planned) + ": it cannot be verified")
        .at(location_of(planned, options))
        .hint("hashes are required for installs: re-create the lock with `gator-provision lock`");
  }
  return *planned.wheel.hashes.sha256;
}

// A wheel that is not in the cache yet, and how to get it.
struct Missing {
  std::size_t index = 0;  // in the plan
  const lock::PlannedWheel* planned = nullptr;
  dist::Sha256 sha256;
};

[[nodiscard]] fs::path local_path(const lock::PlannedWheel& planned, const FetchOptions& options) {
  const fs::path path(*planned.wheel.path);
  if (path.is_absolute())
    return path;
  return options.lock_file.parent_path() / path;
}

// `where` is the URL the wheel came from, or the path of a local one.
enum class Origin { download, local_file };

[[nodiscard]] Error mismatch(const Error& inner, const lock::PlannedWheel& planned, Origin origin,
                             std::string_view where, const FetchOptions& options) {
  Error error = wrap(inner, "the wheel " + describe(planned) + " from " + std::string(where) +
                                " does not match the lock");
  error.at(location_of(planned, options));
  error.hint(std::string(origin == Origin::local_file
                             ? "the file changed since it was locked"
                             : "the file changed on the server or in transit") +
             "; nothing was installed. If the new file is trusted, re-lock with "
             "`gator-provision lock --upgrade-package " +
             planned.name + "`");
  return error;
}

// Where a wheel is on this machine, if it is a local one (a `path`, or a file:// URL).
[[nodiscard]] std::optional<fs::path> local_source(const lock::PlannedWheel& planned,
                                                   const FetchOptions& options) {
  if (planned.wheel.url)
    return index::local_path(http::RedactedUrl::from(*planned.wheel.url));
  if (planned.wheel.path)
    return local_path(planned, options);
  return std::nullopt;
}

[[nodiscard]] std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

void download(cache::Cache& cache, const std::vector<Missing>& wheels, const FetchOptions& options,
              FetchResult& result) {
  std::vector<http::Request> requests;
  requests.reserve(wheels.size());
  for (const Missing& wheel : wheels) {
    http::Request request{http::RedactedUrl::from(*wheel.planned->wheel.url)};
    request.destination = cache.download_path(wheel.sha256, wheel.planned->wheel.name);
    request.resume = http::Resume::yes;
    request.expected_size = wheel.planned->wheel.size;
    request.compute_sha256 = true;
    requests.push_back(std::move(request));
  }
  http::Client client(options.http, options.observer);
  std::vector<http::Client::Outcome> outcomes = client.fetch_all(std::move(requests));

  std::vector<std::string> failures;
  std::optional<ErrorKind> failure_kind;
  for (std::size_t i = 0; i < wheels.size(); ++i) {
    const Missing& wheel = wheels[i];
    http::Client::Outcome& outcome = outcomes[i];
    if (!outcome) {
      failures.push_back(describe(*wheel.planned) + ": " + first_line(outcome.error().what()));
      if (!failure_kind || outcome.error().kind() != ErrorKind::network)
        failure_kind = outcome.error().kind();
      continue;
    }
    if (!outcome->ok()) {
      failures.push_back(describe(*wheel.planned) + ": HTTP " + std::to_string(outcome->status) +
                         " from " + outcome->url.display());
      failure_kind = failure_kind.value_or(ErrorKind::network);
      continue;
    }
    result.statistics.bytes += outcome->bytes_transferred;
    std::optional<cache::FileDigest> streamed;
    if (outcome->sha256)
      streamed = cache::to_file_digest(*outcome->sha256);
    const std::uint64_t size = wheel.planned->wheel.size.value_or(
        streamed ? streamed->size : fs::file_size(outcome->file));
    try {
      result.files[wheel.index].file =
          cache.insert_file(outcome->file, wheel.sha256, size, wheel.planned->wheel.name, streamed);
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::integrity)
        throw;
      throw mismatch(error, *wheel.planned, Origin::download, outcome->url.display(), options);
    }
    ++result.statistics.downloaded;
  }
  if (!failures.empty()) {
    Error error(*failure_kind,
                std::to_string(failures.size()) + " of " + std::to_string(wheels.size()) +
                    (wheels.size() == 1 ? " wheel" : " wheels") + " could not be downloaded");
    for (const std::string& failure : failures)
      error.caused_by(failure);
    error.hint(options.http.offline
                   ? "--offline uses only wheels already in the cache: run once with network "
                     "access (or point --index at a reachable mirror)"
                   : "wheels downloaded completely are kept in the cache and partial ones resume: "
                     "run the command again once the index is reachable");
    throw error;
  }
}

}  // namespace

FetchResult fetch_wheels(cache::Cache& cache, std::span<const lock::PlannedWheel> wheels,
                         const FetchOptions& options) {
  FetchResult result;
  result.files.resize(wheels.size());
  std::vector<Missing> missing;
  for (std::size_t i = 0; i < wheels.size(); ++i) {
    const dist::Sha256& sha256 = required_sha256(wheels[i], options);
    if (auto found = cache.find_wheel(sha256, wheels[i].wheel.name)) {
      result.files[i].file = std::move(*found);
      ++result.statistics.cached;
    } else if (auto local = local_source(wheels[i], options)) {
      std::error_code ec;
      if (!fs::is_regular_file(*local, ec)) {
        throw Error(ErrorKind::io, "cannot read the wheel " + local->string() + ": " +
                                       (ec ? ec.message() : "not a regular file"))
            .at(location_of(wheels[i], options))
            .hint("a wheel's `path` is relative to the lock file's directory");
      }
      result.files[i] = FetchedWheel{std::move(*local), false};
      ++result.statistics.local;
    } else {
      missing.push_back(Missing{i, &wheels[i], sha256});
    }
  }
  if (missing.empty())
    return result;

  // Entry locks in digest order, so that two runs never wait for each other in a cycle.
  std::map<dist::Sha256, cache::FileLock> locks;
  for (const Missing& wheel : missing) {
    if (!locks.contains(wheel.sha256))
      locks.emplace(wheel.sha256, cache.lock_entry(wheel.sha256));
  }
  std::vector<Missing> to_download;
  std::map<dist::Sha256, std::size_t> first_of;  // a digest planned twice is fetched once
  std::vector<std::pair<std::size_t, std::size_t>> duplicates;
  for (const Missing& wheel : missing) {
    if (auto found = cache.find_wheel(wheel.sha256, wheel.planned->wheel.name)) {
      result.files[wheel.index].file = std::move(*found);  // another run stored it meanwhile
      ++result.statistics.cached;
    } else if (auto first = first_of.find(wheel.sha256); first != first_of.end()) {
      duplicates.emplace_back(wheel.index, first->second);
    } else if (wheel.planned->wheel.url) {
      first_of.emplace(wheel.sha256, wheel.index);
      to_download.push_back(wheel);
    } else {
      throw Error(ErrorKind::invalid_input,
                  "the lock gives neither a url nor a path for " + describe(*wheel.planned))
          .at(location_of(*wheel.planned, options));
    }
  }
  if (!to_download.empty())
    download(cache, to_download, options, result);
  for (const auto& [index, first] : duplicates)
    result.files[index] = result.files[first];
  return result;
}

void check_local_wheel(const lock::PlannedWheel& planned, const FetchedWheel& wheel,
                       const cache::FileDigest& actual, const FetchOptions& options) {
  try {
    cache::check_digest(actual, *planned.wheel.hashes.sha256,
                        planned.wheel.size.value_or(actual.size), planned.wheel.name);
  } catch (const Error& error) {
    throw mismatch(error, planned, Origin::local_file, wheel.file.string(), options);
  }
}

}  // namespace gator::provision

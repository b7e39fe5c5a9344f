#include "provision/file_hashes.hpp"

#include <optional>
#include <system_error>
#include <utility>

#include <unistd.h>

#include "cache/cache.hpp"
#include "index/project_source.hpp"
#include "util/error.hpp"
#include "util/error_chain.hpp"

namespace gator::provision {
namespace fs = std::filesystem;

namespace {

[[nodiscard]] std::string download_failed(const HashRequest& file) {
  return "cannot download " + file.filename + " to compute its sha256 (the index gives none)";
}

void check_size(const HashRequest& file, const cache::FileDigest& digest) {
  if (file.size && *file.size != digest.size)
    throw Error(ErrorKind::integrity, "size mismatch for " + file.filename)
        .caused_by("from:     " + file.url.display())
        .caused_by("expected: " + std::to_string(*file.size) + " bytes (the index's size)")
        .caused_by("got:      " + std::to_string(digest.size) + " bytes");
}

// A private temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    const fs::path base = fs::temp_directory_path();
    for (unsigned attempt = 0;; ++attempt) {
      m_path = base / ("gator-provision-hash-" + std::to_string(::getpid()) + "-" +
                       std::to_string(attempt));
      std::error_code error;
      if (fs::create_directory(m_path, error))
        return;
      if (error || attempt > 100)
        throw Error(ErrorKind::io, "cannot create a temporary directory in " + base.string());
    }
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

}  // namespace

std::vector<cache::FileDigest> hash_files(http::Client& client, std::span<const HashRequest> files,
                                          const fs::path& cache_dir) {
  std::vector<std::optional<cache::FileDigest>> digests(files.size());
  std::vector<std::size_t> remote;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (const auto path = index::local_path(files[i].url)) {
      digests[i] = cache::hash_file(*path);
      check_size(files[i], *digests[i]);
    } else {
      remote.push_back(i);
    }
  }

  if (!remote.empty()) {
    std::optional<cache::Cache> store;
    std::optional<TempDir> temp;
    if (!cache_dir.empty())
      store.emplace(cache::Cache::open(cache_dir));
    else
      temp.emplace();
    std::vector<http::Request> requests;
    std::vector<fs::path> destinations;
    for (std::size_t n = 0; n < remote.size(); ++n) {
      const HashRequest& file = files[remote[n]];
      http::Request request{file.url};
      request.destination = store ? store->temp_path(file.filename)
                                  : temp->path() / (std::to_string(n) + "-" + file.filename);
      request.resume = http::Resume::no;
      request.expected_size = file.size;
      destinations.push_back(request.destination);
      requests.push_back(std::move(request));
    }
    std::vector<http::Client::Outcome> outcomes = client.fetch_all(std::move(requests));
    std::optional<Error> failure;
    for (std::size_t n = 0; n < remote.size(); ++n) {
      const HashRequest& file = files[remote[n]];
      http::Client::Outcome& outcome = outcomes[n];
      try {
        if (!outcome) {
          if (outcome.error().kind() != ErrorKind::network)
            throw outcome.error();
          throw wrap(outcome.error(), download_failed(file));  // it names the URL
        }
        if (!outcome->ok())
          throw Error(ErrorKind::network, download_failed(file))
              .caused_by(file.url.display() + ": HTTP " + std::to_string(outcome->status));
        const fs::path downloaded = outcome->file.empty() ? destinations[n] : outcome->file;
        const cache::FileDigest digest = cache::hash_file(downloaded);
        check_size(file, digest);
        if (store) {
          static_cast<void>(
              store->insert_file(downloaded, digest.sha256, digest.size, file.filename, digest));
        } else {
          std::error_code ignored;
          fs::remove(downloaded, ignored);
        }
        digests[remote[n]] = digest;
      } catch (const Error& error) {
        std::error_code ignored;
        fs::remove(destinations[n], ignored);
        if (!failure || error.kind() == ErrorKind::interrupted)
          failure = error;
      }
    }
    if (failure)
      throw *failure;
  }

  std::vector<cache::FileDigest> result;
  result.reserve(digests.size());
  for (auto& digest : digests)
    result.push_back(std::move(*digest));
  return result;
}

}  // namespace gator::provision

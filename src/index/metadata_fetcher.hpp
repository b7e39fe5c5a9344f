#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "index/index_file.hpp"
#include "index/wheel_metadata_reader.hpp"
#include "metadata/core_metadata.hpp"
#include "util/error.hpp"

// Core metadata of wheels without downloading them: the metadata cache, then the PEP 658/714
// sidecar (`<url>.metadata`, checked against its hash), then HTTP range requests for the zip's
// central directory and the METADATA member, then, only when the server ignores ranges, the
// whole file (checked against the sha256 the index lists). Local files (file:// URLs) are read
// in place.
namespace gator::index {

enum class MetadataSource {
  cache,           // <cache>/metadata-v1/, no network
  sidecar,         // PEP 658/714 .metadata file
  range_requests,  // end of the zip, central directory, METADATA member
  full_download,   // the server does not do ranges
  local_file,      // a file:// wheel (or its .metadata beside it)
};
[[nodiscard]] const char* to_string(MetadataSource source);

struct WheelMetadata {
  metadata::CoreMetadata core;
  std::string text;  // METADATA as served
  MetadataSource source = MetadataSource::cache;
  std::uint64_t bytes_transferred = 0;  // body bytes received for this file, all requests
  unsigned requests = 0;                // HTTP requests made for this file
};

struct MetadataOptions {
  // Extracted METADATA is kept in <cache_dir>/metadata-v1/, keyed by the wheel's sha256 when the
  // index gives one, else by its URL; empty: no cache.
  std::filesystem::path cache_dir;
  // Where whole wheels are downloaded when a server cannot do ranges (removed afterwards);
  // empty: <cache_dir>/metadata-v1/downloads, or the system temporary directory.
  std::filesystem::path download_dir;
  std::uint64_t tail_bytes = k_default_tail_bytes;
};

class MetadataFetcher {
 public:
  // `client` must outlive the fetcher.
  explicit MetadataFetcher(http::Client& client, MetadataOptions options = {});

  // The core metadata of each wheel, fetched in parallel; results in request order. A file
  // that is not a wheel, cannot be fetched, has malformed metadata or metadata naming another
  // project or version yields its Error; only Error(interrupted) is thrown. Answers (errors
  // included) are kept by URL (and expected hashes) for the fetcher's lifetime: asking again costs
  // nothing.
  [[nodiscard]] std::vector<std::expected<WheelMetadata, Error>> fetch_all(
      std::span<const IndexFile* const> files);

  // One wheel; throws the Error.
  [[nodiscard]] WheelMetadata fetch(const IndexFile& file);

 private:
  struct Job;
  void start(Job& job);
  void local(Job& job);
  void on_sidecar(Job& job, http::Client::Outcome outcome);
  void on_range(Job& job, http::Client::Outcome outcome);
  void on_download(Job& job, http::Client::Outcome outcome);
  void begin_ranges(Job& job);
  void finish_text(Job& job, std::string text, MetadataSource source);
  [[nodiscard]] std::filesystem::path cache_path(const IndexFile& file) const;
  [[nodiscard]] std::filesystem::path download_path(const IndexFile& file) const;

  http::Client* m_client;
  MetadataOptions m_options;
  std::map<std::string, std::expected<WheelMetadata, Error>> m_memo;  // by URL and hashes
};

}  // namespace gator::index

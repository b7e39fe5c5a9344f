#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/url.hpp"
#include "util/parse_error.hpp"

namespace gator::http {

// What the HTTP cache keeps beside a body: the validators for revalidation and what a caller
// needs to use the body without the network (status, content type, final URL).
struct CacheMetadata {
  std::string url;     // the request URL without credentials (never written to disk)
  std::string accept;  // the request's Accept header: PEP 691 index pages vary on it
  long status = 200;
  std::string etag;
  std::string last_modified;
  std::string content_type;
  std::string effective_url;   // after redirects, redacted
  std::int64_t stored_at = 0;  // Unix seconds
  std::uint64_t body_size = 0;

  friend bool operator==(const CacheMetadata&, const CacheMetadata&) = default;
};

struct CacheEntry {
  CacheMetadata metadata;
  std::string body;

  friend bool operator==(const CacheEntry&, const CacheEntry&) = default;
};

// One entry file: a "key: value" header block (first line "gator-http-cache 1"), a blank line,
// then the body. Header and body live in one file so one rename replaces both together.
// Line breaks inside values are written as spaces (HTTP header values cannot hold them anyway).
[[nodiscard]] std::string format_cache_metadata(const CacheMetadata& metadata);
[[nodiscard]] std::expected<CacheMetadata, util::ParseError> parse_cache_metadata(
    std::string_view text);
[[nodiscard]] std::string format_cache_entry(const CacheEntry& entry);
// Fails when the header is malformed or the body is not `body-size` bytes (a torn file).
[[nodiscard]] std::expected<CacheEntry, util::ParseError> parse_cache_entry(std::string_view file);

// An on-disk cache of response bodies keyed by URL (credentials removed) and Accept header, in
// `<root>/http-v1/`. Entries are written to a temporary file and renamed into place, so a reader
// sees either the old or the new entry, never a mix; an unreadable or foreign entry is a miss.
class HttpCache {
 public:
  explicit HttpCache(std::filesystem::path root);

  [[nodiscard]] std::optional<CacheEntry> load(const RedactedUrl& url,
                                               std::string_view accept) const;
  // Throws gator::Error(io) when the entry cannot be written.
  void store(const RedactedUrl& url, std::string_view accept, CacheEntry entry) const;

  [[nodiscard]] std::filesystem::path entry_path(const RedactedUrl& url,
                                                 std::string_view accept) const;

 private:
  std::filesystem::path m_dir;
};

}  // namespace gator::http

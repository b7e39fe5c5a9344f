#include "http/cache.hpp"

#include <charconv>
#include <cstdio>
#include <set>

#include "http/files.hpp"
#include "util/strings.hpp"

namespace gator::http {
namespace {

constexpr std::string_view k_magic = "gator-http-cache 1";

// Header values cannot hold line breaks; anything else is kept verbatim.
[[nodiscard]] std::string one_line(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == '\n' || c == '\r')
      c = ' ';
  }
  return out;
}

template <typename Int>
[[nodiscard]] bool parse_int(std::string_view text, Int& out) {
  if (text.empty())
    return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// FNV-1a, 64 bits: only a file name. Collisions are harmless because the entry records its URL
// and Accept header and load() compares them.
[[nodiscard]] std::string cache_key(std::string_view url, std::string_view accept) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  const auto mix = [&hash](std::string_view text) {
    for (char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
  };
  mix(url);
  mix("\n");
  mix(accept);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace

std::string format_cache_metadata(const CacheMetadata& m) {
  std::string out(k_magic);
  out += '\n';
  const auto line = [&out](std::string_view key, std::string_view value) {
    out += key;
    out += ": ";
    out += one_line(value);
    out += '\n';
  };
  line("url", m.url);
  line("accept", m.accept);
  line("status", std::to_string(m.status));
  line("etag", m.etag);
  line("last-modified", m.last_modified);
  line("content-type", m.content_type);
  line("effective-url", m.effective_url);
  line("stored-at", std::to_string(m.stored_at));
  line("body-size", std::to_string(m.body_size));
  return out;
}

std::expected<CacheMetadata, util::ParseError> parse_cache_metadata(std::string_view text) {
  const auto fail = [text](std::size_t offset, std::size_t length, std::string message) {
    return std::unexpected(util::ParseError::at(text, offset, length, std::move(message)));
  };
  std::size_t pos = text.find('\n');
  if (text.substr(0, pos) != k_magic)
    return fail(0, std::min(pos, text.size()), "not a gator HTTP cache entry (version 1)");
  CacheMetadata m;
  std::set<std::string, std::less<>> seen;
  while (pos != std::string_view::npos && pos + 1 < text.size()) {
    const std::size_t start = pos + 1;
    pos = text.find('\n', start);
    const std::string_view line =
        text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    const std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos)
      return fail(start, line.size(), "expected `key: value`");
    const std::string_view key = line.substr(0, colon);
    const std::string_view value = line.substr(colon + 2);
    if (!seen.emplace(key).second)
      return fail(start, colon, "duplicate key `" + std::string(key) + "`");
    bool ok = true;
    if (key == "url")
      m.url = value;
    else if (key == "accept")
      m.accept = value;
    else if (key == "status")
      ok = parse_int(value, m.status);
    else if (key == "etag")
      m.etag = value;
    else if (key == "last-modified")
      m.last_modified = value;
    else if (key == "content-type")
      m.content_type = value;
    else if (key == "effective-url")
      m.effective_url = value;
    else if (key == "stored-at")
      ok = parse_int(value, m.stored_at);
    else if (key == "body-size")
      ok = parse_int(value, m.body_size);
    // Unknown keys are skipped: a newer writer may add some.
    if (!ok)
      return fail(start + colon + 2, value.size(),
                  "expected a number for `" + std::string(key) + "`");
  }
  for (std::string_view required : {"url", "status", "body-size"}) {
    if (!seen.contains(required))
      return fail(0, 0, "missing key `" + std::string(required) + "`");
  }
  return m;
}

std::string format_cache_entry(const CacheEntry& entry) {
  CacheMetadata metadata = entry.metadata;
  metadata.body_size = entry.body.size();
  std::string out = format_cache_metadata(metadata);
  out += '\n';
  out += entry.body;
  return out;
}

std::expected<CacheEntry, util::ParseError> parse_cache_entry(std::string_view file) {
  const std::size_t blank = file.find("\n\n");
  if (blank == std::string_view::npos) {
    return std::unexpected(util::ParseError::at(file.substr(0, 200), 0, 0,
                                                "cache entry without a header/body separator"));
  }
  auto metadata = parse_cache_metadata(file.substr(0, blank + 1));
  if (!metadata)
    return std::unexpected(std::move(metadata.error()));
  const std::string_view body = file.substr(blank + 2);
  if (body.size() != metadata->body_size) {
    return std::unexpected(
        util::ParseError::at(file.substr(0, blank), 0, 0,
                             "cache entry body has " + std::to_string(body.size()) +
                                 " bytes, its header says " + std::to_string(metadata->body_size)));
  }
  return CacheEntry{std::move(*metadata), std::string(body)};
}

HttpCache::HttpCache(std::filesystem::path root) : m_dir(std::move(root) / "http-v1") {}

std::filesystem::path HttpCache::entry_path(const RedactedUrl& url, std::string_view accept) const {
  const std::string key = cache_key(url.without_credentials().raw_for_request(), accept);
  return m_dir / key.substr(0, 2) / (key + ".entry");
}

std::optional<CacheEntry> HttpCache::load(const RedactedUrl& url, std::string_view accept) const {
  const auto file = detail::read_file(entry_path(url, accept));
  if (!file)
    return std::nullopt;
  auto entry = parse_cache_entry(*file);
  if (!entry || entry->metadata.url != url.without_credentials().raw_for_request() ||
      entry->metadata.accept != accept) {
    return std::nullopt;
  }
  return std::move(*entry);
}

void HttpCache::store(const RedactedUrl& url, std::string_view accept, CacheEntry entry) const {
  entry.metadata.url = url.without_credentials().raw_for_request();
  entry.metadata.accept = accept;
  detail::write_file_atomically(entry_path(url, accept), format_cache_entry(entry));
}

}  // namespace gator::http

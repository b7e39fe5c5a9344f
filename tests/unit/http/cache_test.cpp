#include "http/cache.hpp"

#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "http/files.hpp"

namespace gator::http {
namespace {

[[nodiscard]] CacheMetadata sample_metadata() {
  CacheMetadata m;
  m.url = "https://pypi.example/simple/numpy/";
  m.accept = "application/vnd.pypi.simple.v1+json, text/html;q=0.01";
  m.status = 200;
  m.etag = "\"65f1a2b3-1f40\"";
  m.last_modified = "Wed, 13 Mar 2024 10:00:03 GMT";
  m.content_type = "application/vnd.pypi.simple.v1+json";
  m.effective_url = "https://pypi.example/simple/numpy/";
  m.stored_at = 1710324003;
  m.body_size = 5;
  return m;
}

class TempDir {
 public:
  TempDir() {
    m_path = std::filesystem::temp_directory_path() /
             ("gator-http-cache-test-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() { std::filesystem::remove_all(m_path); }
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

TEST(CacheMetadataTest, FormatIsStable) {
  EXPECT_EQ(format_cache_metadata(sample_metadata()),
            "gator-http-cache 1\n"
            "url: https://pypi.example/simple/numpy/\n"
            "accept: application/vnd.pypi.simple.v1+json, text/html;q=0.01\n"
            "status: 200\n"
            "etag: \"65f1a2b3-1f40\"\n"
            "last-modified: Wed, 13 Mar 2024 10:00:03 GMT\n"
            "content-type: application/vnd.pypi.simple.v1+json\n"
            "effective-url: https://pypi.example/simple/numpy/\n"
            "stored-at: 1710324003\n"
            "body-size: 5\n");
}

TEST(CacheMetadataTest, RoundTrips) {
  const CacheMetadata m = sample_metadata();
  EXPECT_EQ(parse_cache_metadata(format_cache_metadata(m)), m);
  CacheMetadata empty;
  empty.url = "http://h/";
  EXPECT_EQ(parse_cache_metadata(format_cache_metadata(empty)), empty);
}

TEST(CacheMetadataTest, LineBreaksInValuesBecomeSpaces) {
  CacheMetadata m = sample_metadata();
  m.etag = "\"a\r\nb\"";
  const auto parsed = parse_cache_metadata(format_cache_metadata(m));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->etag, "\"a  b\"");
}

TEST(CacheMetadataTest, UnknownKeysAreSkipped) {
  const auto parsed = parse_cache_metadata(
      "gator-http-cache 1\nurl: http://h/\nstatus: 200\nbody-size: 0\nvary: x\n");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->url, "http://h/");
}

TEST(CacheMetadataTest, MalformedHeadersAreErrors) {
  struct Row {
    const char* text;
    const char* message;
  };
  const Row rows[] = {
      {"", "not a gator HTTP cache entry (version 1)"},
      {"gator-http-cache 2\nurl: x\n", "not a gator HTTP cache entry (version 1)"},
      {"gator-http-cache 1\nurl x\n", "expected `key: value`"},
      {"gator-http-cache 1\nurl: a\nurl: b\n", "duplicate key `url`"},
      {"gator-http-cache 1\nurl: a\nstatus: ok\n", "expected a number for `status`"},
      {"gator-http-cache 1\nurl: a\nstatus: 200\nbody-size: -1\n",
       "expected a number for `body-size`"},
      {"gator-http-cache 1\nurl: a\nstatus: 200\n", "missing key `body-size`"},
  };
  for (const Row& row : rows) {
    const auto parsed = parse_cache_metadata(row.text);
    ASSERT_FALSE(parsed) << row.text;
    EXPECT_EQ(parsed.error().message, row.message) << row.text;
  }
}

TEST(CacheEntryTest, RoundTripsBinaryBodies) {
  CacheEntry entry{sample_metadata(), std::string("a\0\n\nb", 5)};
  const std::string file = format_cache_entry(entry);
  EXPECT_EQ(parse_cache_entry(file), entry);
}

TEST(CacheEntryTest, TornFilesAreRejected) {
  const std::string file = format_cache_entry({sample_metadata(), "hello"});
  EXPECT_FALSE(parse_cache_entry(file.substr(0, file.size() - 1)));
  EXPECT_FALSE(parse_cache_entry(file + "x"));
  EXPECT_FALSE(parse_cache_entry("gator-http-cache 1\nurl: a\n"));
}

TEST(HttpCacheTest, StoresAndLoadsPerUrlAndAccept) {
  TempDir dir;
  HttpCache cache(dir.path());
  const RedactedUrl url = RedactedUrl::from("https://user:hunter22@pypi.example/simple/numpy/");
  CacheEntry entry{sample_metadata(), "<html>"};
  cache.store(url, "text/html", entry);

  const auto loaded = cache.load(url, "text/html");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->body, "<html>");
  EXPECT_EQ(loaded->metadata.etag, "\"65f1a2b3-1f40\"");
  EXPECT_EQ(loaded->metadata.url, "https://pypi.example/simple/numpy/");
  // Credentials do not change the key and never reach the disk.
  EXPECT_TRUE(cache.load(RedactedUrl::from("https://pypi.example/simple/numpy/"), "text/html"));
  const auto raw = detail::read_file(cache.entry_path(url, "text/html"));
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->find("hunter22"), std::string::npos);
  EXPECT_EQ(cache.entry_path(url, "text/html").parent_path().parent_path(), dir.path() / "http-v1");
  // Another Accept header is another entry.
  EXPECT_FALSE(cache.load(url, "application/vnd.pypi.simple.v1+json"));
  EXPECT_FALSE(cache.load(RedactedUrl::from("https://pypi.example/simple/scipy/"), "text/html"));
  // No temporary files are left behind.
  std::size_t files = 0;
  for (const auto& item : std::filesystem::recursive_directory_iterator(dir.path()))
    files += item.is_regular_file() ? 1U : 0U;
  EXPECT_EQ(files, 1U);
}

TEST(HttpCacheTest, ReplacesEntriesAndTreatsCorruptOnesAsMisses) {
  TempDir dir;
  HttpCache cache(dir.path());
  const RedactedUrl url = RedactedUrl::from("http://127.0.0.1/simple/");
  cache.store(url, "", {sample_metadata(), "one"});
  cache.store(url, "", {sample_metadata(), "two!"});
  ASSERT_TRUE(cache.load(url, ""));
  EXPECT_EQ(cache.load(url, "")->body, "two!");
  EXPECT_EQ(cache.load(url, "")->metadata.body_size, 4U);

  std::ofstream(cache.entry_path(url, ""), std::ios::trunc) << "garbage";
  EXPECT_FALSE(cache.load(url, ""));
}

}  // namespace
}  // namespace gator::http

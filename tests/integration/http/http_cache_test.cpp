// The HTTP cache against nginx: ETag revalidation (304), changed pages, offline hits and misses.
#include "http/client.hpp"
#include "nginx_test.hpp"
#include "recording_observer.hpp"

namespace gator::http {
namespace {

using testing::fast_options;
namespace fs = std::filesystem;

class HttpCacheIntegration : public test::NginxTest {
 protected:
  [[nodiscard]] static Request page_request(const std::string& url) {
    Request request{RedactedUrl::from(url)};
    request.headers.push_back({"Accept", "text/html"});
    request.cache = CacheMode::revalidate;
    return request;
  }
};

TEST_F(HttpCacheIntegration, RevalidationServesTheCachedBodyOn304) {
  const fs::path page = serve_dir() / "numpy" / "index.html";
  write_file(page, "<a href=\"numpy-1.26.4.whl\">numpy-1.26.4.whl</a>\n");
  ClientOptions options = fast_options();
  options.cache_dir = scratch_dir();
  const std::string url = url_for(page);

  const Response first = Client(options).fetch(page_request(url));
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.cache, CacheOutcome::stored);
  EXPECT_TRUE(first.header("etag").has_value());
  EXPECT_TRUE(first.header("last-modified").has_value());

  const Response second = Client(options).fetch(page_request(url));
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.cache, CacheOutcome::revalidated);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.bytes_transferred, 0U);
  EXPECT_EQ(second.header("content-type"), "text/html");

  const auto lines = wait_for_logged_requests(test_name() + "/numpy/index.html", 2);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].status, 200);
  EXPECT_EQ(lines[1].status, 304);
  EXPECT_EQ(lines[1].body_bytes, 0U);
}

TEST_F(HttpCacheIntegration, AChangedPageIsDownloadedAndStoredAgain) {
  const fs::path page = serve_dir() / "index.html";
  write_file(page, "old");
  ClientOptions options = fast_options();
  options.cache_dir = scratch_dir();
  Client client(options);
  EXPECT_EQ(client.fetch(page_request(url_for(page))).cache, CacheOutcome::stored);
  write_file(page, "new and longer");  // another size: another ETag
  const Response changed = client.fetch(page_request(url_for(page)));
  EXPECT_EQ(changed.cache, CacheOutcome::stored);
  EXPECT_EQ(changed.body, "new and longer");
  const Response again = client.fetch(page_request(url_for(page)));
  EXPECT_EQ(again.cache, CacheOutcome::revalidated);
  EXPECT_EQ(again.body, "new and longer");
}

TEST_F(HttpCacheIntegration, TheAcceptHeaderSelectsTheEntry) {
  const fs::path page = serve_dir() / "index.html";
  write_file(page, "page");
  ClientOptions options = fast_options();
  options.cache_dir = scratch_dir();
  Client client(options);
  EXPECT_EQ(client.fetch(page_request(url_for(page))).cache, CacheOutcome::stored);
  Request json = page_request(url_for(page));
  json.headers = {{"Accept", "application/vnd.pypi.simple.v1+json"}};
  EXPECT_EQ(client.fetch(json).cache, CacheOutcome::stored);
  EXPECT_EQ(client.fetch(json).cache, CacheOutcome::revalidated);
}

TEST_F(HttpCacheIntegration, OfflineUsesOnlyTheCache) {
  const fs::path dir = serve_dir();
  write_file(dir / "cached.html", "cached page");
  write_file(dir / "never-fetched.html", "not cached");
  ClientOptions options = fast_options();
  options.cache_dir = scratch_dir();
  (void)Client(options).fetch(page_request(url_for(dir / "cached.html")));
  const std::size_t requests_before = wait_for_logged_requests(test_name(), 1).size();

  options.offline = true;
  testing::RecordingObserver observer;
  Client offline(options, &observer);
  const Response hit = offline.fetch(page_request(url_for(dir / "cached.html")));
  EXPECT_EQ(hit.cache, CacheOutcome::served_offline);
  EXPECT_EQ(hit.body, "cached page");
  EXPECT_EQ(hit.status, 200);

  const std::string missing = url_for(dir / "never-fetched.html");
  try {
    (void)offline.fetch(page_request(missing));
    FAIL() << "expected an offline miss";
  } catch (const Error& error) {
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: cannot fetch " + missing +
                  "\n"
                  "  caused by: offline mode, and the page is not in the HTTP cache\n"
                  "hint: run once without --offline to fill the cache\n");
  }
  EXPECT_EQ(logged_requests(test_name()).size(), requests_before)
      << "offline mode must not send requests";
  EXPECT_TRUE(observer.started.empty());
}

}  // namespace
}  // namespace gator::http

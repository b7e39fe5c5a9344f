// The Client without a network: file:// URLs and offline mode served from the HTTP cache.
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "http/cache.hpp"
#include "http/client.hpp"
#include "http/files.hpp"
#include "util/sha256.hpp"

namespace gator::http {
namespace {

class RecordingObserver : public Observer {
 public:
  void on_started(const TransferStarted& event) override { started.push_back(event); }
  void on_finished(const TransferFinished& event) override { finished.push_back(event); }
  std::vector<TransferStarted> started;
  std::vector<TransferFinished> finished;
};

class ClientLocalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("gator-http-client-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir / "www");
    std::ofstream(m_dir / "www" / "page.html") << "<a href=\"x\">x</a>\n";
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  [[nodiscard]] RedactedUrl file_url(const std::string& name) const {
    return RedactedUrl::from("file://" + (m_dir / "www" / name).string());
  }
  [[nodiscard]] static std::string render(const Error& error) {
    return error.render("gator-provision");
  }

  std::filesystem::path m_dir;
};

TEST_F(ClientLocalTest, FileUrlsAreReadIntoMemoryAndFiles) {
  Client client({});
  const Response page = client.fetch({file_url("page.html")});
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.ok());
  EXPECT_EQ(page.body, "<a href=\"x\">x</a>\n");
  EXPECT_EQ(page.bytes_transferred, page.body.size());
  EXPECT_EQ(page.attempts, 1U);

  Request to_file{file_url("page.html")};
  to_file.destination = m_dir / "out" / "copy.html";
  const Response copy = client.fetch(to_file);
  EXPECT_EQ(copy.file, m_dir / "out" / "copy.html");
  EXPECT_EQ(detail::read_file(copy.file), page.body);
  EXPECT_FALSE(std::filesystem::exists(m_dir / "out" / "copy.html.part"));
}

TEST_F(ClientLocalTest, FileDestinationsAreHashedWhileTheyStream) {
  std::string big;
  for (std::size_t i = 0; i < 3'000'000; ++i)
    big += static_cast<char>('a' + i % 23);
  std::ofstream(m_dir / "www" / "big.whl", std::ios::binary) << big;
  Client client({});
  Request request{file_url("big.whl")};
  request.destination = m_dir / "out" / "big.whl";
  request.compute_sha256 = true;
  const Response response = client.fetch(request);
  ASSERT_TRUE(response.sha256);
  EXPECT_EQ(*response.sha256, util::hash_file(response.file));
  EXPECT_EQ(*response.sha256, util::sha256_of(big));
  EXPECT_EQ(response.sha256->size, 3'000'000U);

  request.compute_sha256 = false;
  EXPECT_FALSE(client.fetch(request).sha256);
}

TEST_F(ClientLocalTest, HashesAreOnlyForFileDestinations) {
  Client client({});
  Request in_memory{file_url("page.html")};
  in_memory.compute_sha256 = true;
  const Response page = client.fetch(in_memory);
  EXPECT_EQ(page.body, "<a href=\"x\">x</a>\n");
  EXPECT_FALSE(page.sha256);

  Request missing{file_url("missing.whl")};
  missing.destination = m_dir / "out" / "missing.whl";
  missing.compute_sha256 = true;
  const Response not_found = client.fetch(missing);
  EXPECT_EQ(not_found.status, 404);
  EXPECT_FALSE(not_found.sha256);
}

TEST_F(ClientLocalTest, HashOfAnEmptyFileAndOfAStalePartIgnored) {
  std::ofstream(m_dir / "www" / "empty.whl").flush();
  std::filesystem::create_directories(m_dir / "out");
  // Local files are never resumed: a stale part (even with a validator) is started over.
  std::ofstream(m_dir / "out" / "empty.whl.part") << "stale bytes";
  std::ofstream(m_dir / "out" / "empty.whl.part.validator") << "\"v1\"\n";
  Client client({});
  Request request{file_url("empty.whl")};
  request.destination = m_dir / "out" / "empty.whl";
  request.compute_sha256 = true;
  const Response response = client.fetch(request);
  EXPECT_EQ(detail::read_file(response.file), "");
  ASSERT_TRUE(response.sha256);
  EXPECT_EQ(*response.sha256, util::sha256_of(""));
  EXPECT_EQ(response.resumed_from, 0U);
}

TEST_F(ClientLocalTest, HashOfARangeWrittenToAFile) {
  std::ofstream(m_dir / "www" / "digits") << "0123456789";
  Client client({});
  Request request{file_url("digits")};
  request.range = ByteRange::between(2, 5);
  request.destination = m_dir / "out" / "middle";
  request.compute_sha256 = true;
  const Response response = client.fetch(request);
  EXPECT_EQ(detail::read_file(response.file), "2345");
  ASSERT_TRUE(response.sha256);
  EXPECT_EQ(*response.sha256, util::sha256_of("2345"));
}

TEST_F(ClientLocalTest, MissingLocalFilesAreNotFoundResponses) {
  Client client({});
  const Response missing = client.fetch({file_url("nope.html")});
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(missing.ok());
}

TEST_F(ClientLocalTest, RangesOfLocalFiles) {
  std::ofstream(m_dir / "www" / "digits") << "0123456789";
  Client client({});
  Request request{file_url("digits")};
  request.range = ByteRange::between(2, 5);
  const Response middle = client.fetch(request);
  EXPECT_EQ(middle.status, 206);
  EXPECT_EQ(middle.range, RangeOutcome::partial);
  EXPECT_EQ(middle.body, "2345");
}

TEST_F(ClientLocalTest, ExpectedSizeMismatchIsAnError) {
  Client client({});
  Request request{file_url("page.html")};
  request.expected_size = 5;
  try {
    (void)client.fetch(request);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::network);
    EXPECT_EQ(error.causes().front(), "the server sent more than the expected 5 bytes");
  }
}

TEST_F(ClientLocalTest, OfflineServesCachedPagesWithoutTheNetwork) {
  const auto url = RedactedUrl::from("https://user:hunter22@pypi.invalid/simple/numpy/");
  CacheEntry entry;
  entry.metadata.status = 200;
  entry.metadata.etag = "\"1\"";
  entry.metadata.content_type = "text/html";
  entry.metadata.effective_url = "https://pypi.invalid/simple/numpy/";
  entry.body = "<html>numpy</html>";
  HttpCache(m_dir / "cache").store(url, "text/html", entry);

  ClientOptions options;
  options.offline = true;
  options.cache_dir = m_dir / "cache";
  RecordingObserver observer;
  Client client(options, &observer);
  Request request{url};
  request.headers.push_back({"Accept", "text/html"});
  request.cache = CacheMode::revalidate;
  const Response response = client.fetch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "<html>numpy</html>");
  EXPECT_EQ(response.cache, CacheOutcome::served_offline);
  EXPECT_EQ(response.header("Content-Type"), "text/html");
  EXPECT_EQ(response.bytes_transferred, 0U);
  EXPECT_TRUE(observer.started.empty());
  ASSERT_EQ(observer.finished.size(), 1U);
  EXPECT_EQ(observer.finished[0].cache, CacheOutcome::served_offline);
  EXPECT_EQ(observer.finished[0].url.display(), "https://****@pypi.invalid/simple/numpy/");
}

TEST_F(ClientLocalTest, OfflineMissesSaySo) {
  ClientOptions options;
  options.offline = true;
  options.cache_dir = m_dir / "cache";
  Client client(options);
  Request page{RedactedUrl::from("https://pypi.invalid/simple/scipy/")};
  page.cache = CacheMode::revalidate;
  Request wheel{RedactedUrl::from("https://pypi.invalid/packages/x.whl")};
  auto outcomes = client.fetch_all({page, wheel, Request{file_url("page.html")}});
  ASSERT_EQ(outcomes.size(), 3U);
  ASSERT_FALSE(outcomes[0]);
  EXPECT_EQ(render(outcomes[0].error()),
            "gator-provision: error: cannot fetch https://pypi.invalid/simple/scipy/\n"
            "  caused by: offline mode, and the page is not in the HTTP cache\n"
            "hint: run once without --offline to fill the cache\n");
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(render(outcomes[1].error()),
            "gator-provision: error: cannot fetch https://pypi.invalid/packages/x.whl\n"
            "  caused by: offline mode: only cached index pages and local files are available\n"
            "hint: run without --offline, or use a local mirror (file:// URLs)\n");
  ASSERT_TRUE(outcomes[2]);  // local files need no network
  EXPECT_EQ(outcomes[2]->status, 200);
}

TEST_F(ClientLocalTest, CancelledBeforeStartIsInterrupted) {
  std::atomic<bool> cancel{true};
  ClientOptions options;
  options.cancel = &cancel;
  Client client(options);
  try {
    (void)client.fetch({file_url("page.html")});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::interrupted);
  }
}

TEST_F(ClientLocalTest, ObserverExceptionsPropagateAndTheClientStaysUsable) {
  struct Throwing : Observer {
    void on_started(const TransferStarted&) override {
      if (armed)
        throw std::runtime_error("observer failed");
    }
    bool armed = true;
  } observer;
  Client client({}, &observer);
  EXPECT_THROW((void)client.fetch({file_url("page.html")}), std::runtime_error);
  observer.armed = false;
  EXPECT_EQ(client.fetch({file_url("page.html")}).status, 200);
}

TEST_F(ClientLocalTest, ResultsKeepRequestOrder) {
  std::ofstream(m_dir / "www" / "a") << "a";
  std::ofstream(m_dir / "www" / "b") << "bb";
  ClientOptions options;
  options.max_concurrency = 1;
  Client client(options);
  const auto outcomes = client.fetch_all({{file_url("b")}, {file_url("missing")}, {file_url("a")}});
  ASSERT_EQ(outcomes.size(), 3U);
  EXPECT_EQ(outcomes[0]->body, "bb");
  EXPECT_EQ(outcomes[1]->status, 404);
  EXPECT_EQ(outcomes[2]->body, "a");
  EXPECT_TRUE(client.fetch_all({}).empty());
}

}  // namespace
}  // namespace gator::http

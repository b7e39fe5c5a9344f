// Retries against nginx fault locations: Retry-After, 429, 5xx, "fails then succeeds", slow
// servers and refused connections.
#include "http/client.hpp"
#include "nginx_test.hpp"
#include "recording_observer.hpp"

namespace gator::http {
namespace {

using namespace std::chrono_literals;
using testing::fast_options;
using testing::RecordingObserver;
namespace fs = std::filesystem;

class HttpFault : public test::NginxTest {
 protected:
  // Runs a request that must fail; returns its error.
  static Error failure(Client& client, const std::string& url) {
    try {
      (void)client.fetch({RedactedUrl::from(url)});
    } catch (const Error& error) {
      return error;
    }
    ADD_FAILURE() << "expected " << url << " to fail";
    return Error(ErrorKind::internal, "no error");
  }

  // nginx cannot count requests, so the test makes the fault go away itself: the location answers
  // 503 (or 429) until the file exists, and the observer's retry event puts it in place.
  static void fails_then_succeeds(const fs::path& dir, const std::string& url,
                                  const std::string& reason) {
    const fs::path staged = dir / "index.html.staged";
    write_file(staged, "<html>finally</html>");
    RecordingObserver observer;
    observer.on_retry_hook = [&](const TransferRetry&) { fs::rename(staged, dir / "index.html"); };
    Client client(fast_options(), &observer);
    const Response response = client.fetch({RedactedUrl::from(url)});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "<html>finally</html>");
    EXPECT_EQ(response.attempts, 2U);
    ASSERT_EQ(observer.retries.size(), 1U);
    EXPECT_EQ(observer.retries[0].reason, reason);
    EXPECT_FALSE(observer.retries[0].delay_from_retry_after);
    EXPECT_LE(observer.retries[0].delay, 10ms);  // fast_options: the first delay is <= 10 ms
    ASSERT_EQ(observer.finished.size(), 1U);
    EXPECT_TRUE(observer.finished[0].ok);
    EXPECT_EQ(observer.finished[0].attempts, 2U);
  }
};

TEST_F(HttpFault, RetryAfterSecondsAreHonoured) {
  ClientOptions options = fast_options();
  options.retry.max_attempts = 2;
  RecordingObserver observer;
  Client client(options, &observer);
  const std::string url = server().base_url() + "/fault/503-retry-after";
  const auto begin = std::chrono::steady_clock::now();
  const Error error = failure(client, url);
  const auto elapsed = std::chrono::steady_clock::now() - begin;

  EXPECT_GE(elapsed, 1s);
  ASSERT_EQ(observer.retries.size(), 1U);
  EXPECT_EQ(observer.retries[0].delay, 1000ms);
  EXPECT_TRUE(observer.retries[0].delay_from_retry_after);
  EXPECT_EQ(observer.retries[0].reason, "HTTP 503 Service Unavailable");
  EXPECT_EQ(observer.retries[0].failed_attempt, 1U);
  EXPECT_EQ(observer.retries[0].max_attempts, 2U);
  EXPECT_EQ(observer.started.size(), 2U);
  EXPECT_EQ(error.kind(), ErrorKind::network);
  EXPECT_EQ(error.render("gator-provision"), "gator-provision: error: cannot fetch " + url +
                                                 "\n"
                                                 "  caused by: HTTP 503 Service Unavailable\n"
                                                 "  caused by: after 2 attempts\n"
                                                 "hint: the server asked to retry after 1 s\n"
                                                 "hint: the server is failing; try again later\n");
}

TEST_F(HttpFault, RetryAfterDatesAreHonoured) {
  ClientOptions options = fast_options();
  options.retry.max_attempts = 2;
  RecordingObserver observer;
  Client client(options, &observer);
  const Error error = failure(client, server().base_url() + "/fault/503-retry-after-date");
  ASSERT_EQ(observer.retries.size(), 1U);
  EXPECT_EQ(observer.retries[0].delay, 0ms);  // a date in the past
  EXPECT_TRUE(observer.retries[0].delay_from_retry_after);
  EXPECT_EQ(error.hints().front(), "the server asked to retry after 0 s");
}

TEST_F(HttpFault, ARetryAfterLongerThanTheLimitFailsAtOnce) {
  ClientOptions options = fast_options();
  options.retry.max_retry_after = 5s;
  RecordingObserver observer;
  Client client(options, &observer);
  const auto begin = std::chrono::steady_clock::now();
  const Error error = failure(client, server().base_url() + "/fault/429-long");
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
  EXPECT_TRUE(observer.retries.empty());
  EXPECT_EQ(error.causes(),
            (std::vector<std::string>{"HTTP 429 Too Many Requests", "after 1 attempt"}));
  EXPECT_EQ(error.hints(),
            (std::vector<std::string>{
                "the server asked to retry after 30 s",
                "the server is limiting the request rate; try again later or with fewer parallel "
                "downloads",
                "this client waits at most 5 s before a retry; try again later"}));
}

TEST_F(HttpFault, ServiceUnavailableThenSuccess) {
  const fs::path dir = serve_dir("flaky");
  fails_then_succeeds(dir, url_for(dir / "index.html"), "HTTP 503 Service Unavailable");
}

TEST_F(HttpFault, TooManyRequestsThenSuccess) {
  const fs::path dir = serve_dir("flaky429");
  fails_then_succeeds(dir, url_for(dir / "index.html"), "HTTP 429 Too Many Requests");
}

TEST_F(HttpFault, ServerErrorsExhaustTheAttemptsWithBackoff) {
  ClientOptions options = fast_options();
  options.retry.max_attempts = 4;
  RecordingObserver observer;
  Client client(options, &observer);
  const Error error = failure(client, server().base_url() + "/fault/500");
  EXPECT_EQ(error.causes(),
            (std::vector<std::string>{"HTTP 500 Internal Server Error", "after 4 attempts"}));
  // The delays are the seeded backoff schedule.
  Backoff expected(options.retry);
  ASSERT_EQ(observer.retries.size(), 3U);
  for (unsigned i = 0; i < 3; ++i) {
    EXPECT_EQ(observer.retries[i].failed_attempt, i + 1);
    EXPECT_EQ(observer.retries[i].delay, expected.delay(i + 1)) << i;
  }
  EXPECT_EQ(wait_for_logged_requests("GET /fault/500 ", 4).size(), 4U);
}

TEST_F(HttpFault, SlowServersTimeOutAndTheRetryResumes) {
  const fs::path file = serve_dir("crawl") / "slow.whl";
  write_file(file, std::string(256 * 1024, 'x'));
  ClientOptions options = fast_options();
  options.retry.max_attempts = 2;
  options.low_speed_limit = 100'000;
  options.low_speed_time = 1s;
  RecordingObserver observer;
  Client client(options, &observer);
  Request request{RedactedUrl::from(url_for(file))};
  request.destination = scratch_dir() / "slow.whl";
  const auto begin = std::chrono::steady_clock::now();
  try {
    (void)client.fetch(request);
    FAIL() << "expected a timeout";
  } catch (const Error& error) {
    EXPECT_NE(error.causes().front().find("too slow"), std::string::npos) << error.causes().front();
    ASSERT_FALSE(error.hints().empty());
    EXPECT_NE(error.hints()[0].find("raise the timeouts"), std::string::npos);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 8s);
  // The second attempt continued the part file instead of starting again.
  ASSERT_EQ(observer.started.size(), 2U);
  EXPECT_EQ(observer.started[0].resume_from, 0U);
  EXPECT_GT(observer.started[1].resume_from, 0U);
  const auto lines = wait_for_logged_requests(test_name() + "/slow.whl", 2);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].status, 200);
  EXPECT_EQ(lines[1].status, 206);
  // What arrived stays for a later resume.
  fs::path part = request.destination;
  part += ".part";
  EXPECT_TRUE(fs::exists(part));
}

TEST_F(HttpFault, RefusedConnectionsAreRetriedAndExplained) {
  ClientOptions options = fast_options();
  options.retry.max_attempts = 2;
  RecordingObserver observer;
  Client client(options, &observer);
  const Error error = failure(client, closed_port_url());
  EXPECT_EQ(observer.retries.size(), 1U);
  EXPECT_EQ(error.causes().back(), "after 2 attempts");
  EXPECT_NE(error.causes().front().find("Failed to connect to 127.0.0.1"), std::string::npos)
      << error.causes().front();
  ASSERT_EQ(error.hints().size(), 1U);
  EXPECT_EQ(error.hints()[0],
            "check that the server is up and reachable from here, and the proxy settings "
            "(http_proxy, https_proxy, no_proxy)");
}

}  // namespace
}  // namespace gator::http

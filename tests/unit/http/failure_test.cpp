#include "http/failure.hpp"

#include <gtest/gtest.h>

namespace gator::http::detail {
namespace {

TEST(FailureTest, StatusText) {
  EXPECT_EQ(status_text(503), "HTTP 503 Service Unavailable");
  EXPECT_EQ(status_text(429), "HTTP 429 Too Many Requests");
  EXPECT_EQ(status_text(418), "HTTP 418");
}

TEST(FailureTest, StatusFailures) {
  const Failure busy = status_failure(503, std::chrono::seconds(30));
  EXPECT_TRUE(busy.retryable);
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.hints, (std::vector<std::string>{"the server asked to retry after 30 s",
                                                  "the server is failing; try again later"}));
  const Failure denied = status_failure(401, std::nullopt);
  EXPECT_FALSE(denied.retryable);
  ASSERT_EQ(denied.hints.size(), 1U);
  EXPECT_NE(denied.hints[0].find("netrc"), std::string::npos);
  EXPECT_TRUE(status_failure(429, std::nullopt).retryable);
  EXPECT_FALSE(status_failure(400, std::nullopt).retryable);
}

TEST(FailureTest, ScrubRemovesCredentialsFromForeignText) {
  const RedactedUrl url = RedactedUrl::from("https://alice:hunter22@host/x");
  EXPECT_EQ(scrub("bad URL https://alice:hunter22@host/x and hunter22", url),
            "bad URL https://****@host/x and ****");
  // Short passwords are only removed together with the user name (no mangled words).
  EXPECT_EQ(scrub("a b:c d", RedactedUrl::from("http://b:c@h/")), "a **** d");
  EXPECT_EQ(scrub("nothing here", RedactedUrl::from("http://h/")), "nothing here");
}

TEST(FailureTest, ErrorsRenderUrlReasonAttemptsAndHints) {
  Failure failure = status_failure(503, std::chrono::seconds(1));
  const Error error = make_error(RedactedUrl::from("http://u:pw1234@127.0.0.1:8080/a"), failure, 3);
  EXPECT_EQ(error.kind(), ErrorKind::network);
  EXPECT_EQ(error.render("gator-provision"),
            "gator-provision: error: cannot fetch http://****@127.0.0.1:8080/a\n"
            "  caused by: HTTP 503 Service Unavailable\n"
            "  caused by: after 3 attempts\n"
            "hint: the server asked to retry after 1 s\n"
            "hint: the server is failing; try again later\n");
  Failure single;
  single.reason = "Failed to connect";
  EXPECT_EQ(make_error(RedactedUrl::from("http://h/"), single, 1).causes().back(),
            "after 1 attempt");
}

}  // namespace
}  // namespace gator::http::detail

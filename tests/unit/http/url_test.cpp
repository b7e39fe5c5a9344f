#include "http/url.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace gator::http {
namespace {

TEST(RedactedUrlTest, DisplayHidesUserinfo) {
  const RedactedUrl url = RedactedUrl::from("https://alice:s3cret@example.org:8443/simple/?q=1#f");
  EXPECT_EQ(url.display(), "https://****@example.org:8443/simple/?q=1#f");
  EXPECT_EQ(url.to_string(), url.display());
  EXPECT_EQ(url.raw_for_request(), "https://alice:s3cret@example.org:8443/simple/?q=1#f");
  EXPECT_TRUE(url.has_credentials());
  EXPECT_EQ(url.userinfo_for_scrubbing(), "alice:s3cret");
  std::ostringstream out;
  out << url;
  EXPECT_EQ(out.str(), "https://****@example.org:8443/simple/?q=1#f");
}

TEST(RedactedUrlTest, TokenWithoutPasswordAndEmptyUserinfoAreHiddenToo) {
  EXPECT_EQ(RedactedUrl::from("https://ghp_token@host/x").display(), "https://****@host/x");
  EXPECT_EQ(RedactedUrl::from("https://@host/x").display(), "https://****@host/x");
  EXPECT_TRUE(RedactedUrl::from("https://@host/x").has_credentials());
}

TEST(RedactedUrlTest, OnlyTheLastAtSignEndsTheUserinfo) {
  const RedactedUrl url = RedactedUrl::from("http://me@corp:p@ss@host/a@b");
  EXPECT_EQ(url.display(), "http://****@host/a@b");
  EXPECT_EQ(url.host(), "host");
  EXPECT_EQ(url.path_and_query(), "/a@b");
}

TEST(RedactedUrlTest, WithoutCredentials) {
  const RedactedUrl url = RedactedUrl::from("https://u:p@h.example:81/a?b#c").without_credentials();
  EXPECT_EQ(url.raw_for_request(), "https://h.example:81/a?b#c");
  EXPECT_EQ(url.display(), "https://h.example:81/a?b#c");
  EXPECT_FALSE(url.has_credentials());
  EXPECT_EQ(url.host(), "h.example");
  EXPECT_EQ(url.port(), 81);
  EXPECT_EQ(url.path_and_query(), "/a?b");
}

TEST(RedactedUrlTest, Components) {
  const RedactedUrl plain = RedactedUrl::from("HTTPS://Example.org");
  EXPECT_EQ(plain.scheme(), "https");
  EXPECT_EQ(plain.raw_for_request(), "https://Example.org");
  EXPECT_EQ(plain.host(), "Example.org");
  EXPECT_EQ(plain.port(), std::nullopt);
  EXPECT_EQ(plain.path_and_query(), "/");
  EXPECT_FALSE(plain.has_credentials());

  const RedactedUrl v6 = RedactedUrl::from("http://[::1]:8080/simple/");
  EXPECT_EQ(v6.host(), "[::1]");
  EXPECT_EQ(v6.port(), 8080);

  const RedactedUrl file = RedactedUrl::from("file:///srv/wheels/index.html");
  EXPECT_EQ(file.scheme(), "file");
  EXPECT_EQ(file.host(), "");
  EXPECT_EQ(file.path_and_query(), "/srv/wheels/index.html");

  EXPECT_EQ(RedactedUrl::from("http://h?x=1").path_and_query(), "/?x=1");
}

TEST(RedactedUrlTest, InvalidUrlsPointAtTheProblem) {
  struct Row {
    const char* input;
    std::size_t offset;
    const char* message;
  };
  const Row rows[] = {
      {"", 0, "invalid URL: expected a scheme"},
      {"/simple/", 0, "invalid URL: expected a scheme"},
      {"https//x", 0, "invalid URL: expected `:` after the scheme"},
      {"mailto:me@x", 7, "invalid URL: expected `//` and a host after the scheme"},
      {"https:///x", 8, "invalid URL: expected a host after `//`"},
      {"https://h:99999/", 10, "invalid URL: the port must be 0 to 65535"},
      {"https://h:8x/", 10, "invalid URL: the port must be 0 to 65535"},
      {"https://[::1/", 8, "invalid URL: unterminated IPv6 address"},
      {"https://[::1]x/", 13, "invalid URL: unexpected text after the host"},
      {"https://h/a b", 11, "invalid URL: spaces and control characters must be percent-encoded"},
      {"https://h/\x01", 10, "invalid URL: spaces and control characters must be percent-encoded"},
  };
  for (const Row& row : rows) {
    const auto parsed = RedactedUrl::parse(row.input);
    ASSERT_FALSE(parsed.has_value()) << row.input;
    EXPECT_EQ(parsed.error().message, row.message) << row.input;
    EXPECT_EQ(parsed.error().offset, row.offset) << row.input;
  }
}

TEST(RedactedUrlTest, ThrowingConstructorDoesNotQuoteCredentials) {
  try {
    (void)RedactedUrl::from("https://alice:s3cret@host:70000/");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
    const std::string text = error.what();
    EXPECT_EQ(text.find("s3cret"), std::string::npos) << text;
    EXPECT_EQ(text.find("alice"), std::string::npos) << text;
    EXPECT_NE(text.find("the port must be 0 to 65535"), std::string::npos) << text;
  }
}

TEST(RedactedUrlTest, EqualityComparesTheFullUrl) {
  EXPECT_EQ(RedactedUrl::from("https://a:b@h/"), RedactedUrl::from("https://a:b@h/"));
  EXPECT_FALSE(RedactedUrl::from("https://a:b@h/") == RedactedUrl::from("https://a:c@h/"));
}

}  // namespace
}  // namespace gator::http

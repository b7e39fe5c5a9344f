// TLS verification, CA options, HTTP/2 and credentials (URL userinfo, netrc, never printed).
#include "http/client.hpp"
#include "nginx_test.hpp"
#include "recording_observer.hpp"

namespace gator::http {
namespace {

using testing::fast_options;
using testing::RecordingObserver;
namespace fs = std::filesystem;

class HttpSecurity : public test::NginxTest {};

TEST_F(HttpSecurity, SelfSignedCertificatesAreRejectedByDefault) {
  GATOR_REQUIRE_TLS();
  const fs::path file = serve_dir() / "index.html";
  write_file(file, "secret index");
  ClientOptions options = fast_options();
  RecordingObserver observer;
  Client client(options, &observer);
  try {
    (void)client.fetch({RedactedUrl::from(tls_url_for(file))});
    FAIL() << "expected a certificate error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::network);
    EXPECT_NE(error.causes().front().find("certificate"), std::string::npos)
        << error.causes().front();
    EXPECT_EQ(error.causes().back(), "after 1 attempt") << "certificate errors are not retried";
    ASSERT_EQ(error.hints().size(), 1U);
    EXPECT_NE(error.hints()[0].find("--cert FILE"), std::string::npos);
  }
  EXPECT_TRUE(observer.retries.empty());
}

TEST_F(HttpSecurity, TheCaFileOptionTrustsTheServerAndHttp2IsUsed) {
  GATOR_REQUIRE_TLS();
  const fs::path dir = serve_dir();
  std::vector<Request> requests;
  for (int i = 0; i < 12; ++i) {
    const fs::path file = dir / ("page-" + std::to_string(i) + ".html");
    write_file(file, "page " + std::to_string(i));
    requests.push_back({RedactedUrl::from(tls_url_for(file))});
  }
  ClientOptions options = fast_options();
  options.ca_file = server().cert_file();
  Client client(options);
  const auto outcomes = client.fetch_all(requests);
  long connections = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    ASSERT_TRUE(outcomes[i]) << outcomes[i].error().render("test");
    EXPECT_EQ(outcomes[i]->body, "page " + std::to_string(i));
    EXPECT_EQ(outcomes[i]->http_version, 20);
    connections += outcomes[i]->new_connections;
  }
  // The streams were multiplexed over one HTTP/2 connection.
  EXPECT_EQ(connections, 1);
}

TEST_F(HttpSecurity, SslCertFileFromTheEnvironmentIsHonoured) {
  GATOR_REQUIRE_TLS();
  const fs::path file = serve_dir() / "index.html";
  write_file(file, "ok");
  ClientOptions options = fast_options();
  options.ssl_cert_file = server().cert_file();  // the caller read SSL_CERT_FILE
  options.http2 = false;
  const Response response = Client(options).fetch({RedactedUrl::from(tls_url_for(file))});
  EXPECT_EQ(response.body, "ok");
  EXPECT_EQ(response.http_version, 11);
}

TEST_F(HttpSecurity, CredentialsNeverAppearInErrorsOrEvents) {
  ClientOptions options = fast_options();
  options.retry.max_attempts = 2;
  RecordingObserver observer;
  Client client(options, &observer);
  const std::string url = closed_port_url("alice:s3cr3t-Pa55");
  try {
    (void)client.fetch({RedactedUrl::from(url)});
    FAIL() << "expected a connection error";
  } catch (const Error& error) {
    const std::string text = error.render("gator-provision") + observer.text.str();
    EXPECT_EQ(text.find("s3cr3t"), std::string::npos) << text;
    EXPECT_EQ(text.find("alice"), std::string::npos) << text;
    EXPECT_NE(text.find("http://****@127.0.0.1:"), std::string::npos) << text;
    EXPECT_EQ(observer.retries.size(), 1U);
    EXPECT_EQ(observer.finished.size(), 1U);
  }
}

TEST_F(HttpSecurity, BasicAuthFromTheUrlOrANetrcFile) {
  const fs::path file = serve_dir("private") / "index.html";
  write_file(file, "members only");
  const std::string url = url_for(file);
  const std::string with_password = "http://gator:hunter2-secret@" + url.substr(7);
  Client client(fast_options());
  EXPECT_EQ(client.fetch({RedactedUrl::from(with_password)}).body, "members only");

  try {
    (void)client.fetch({RedactedUrl::from("http://gator:wrong-password@" + url.substr(7))});
    FAIL() << "expected 401";
  } catch (const Error& error) {
    const std::string text = error.render("gator-provision");
    EXPECT_NE(text.find("HTTP 401 Unauthorized"), std::string::npos) << text;
    EXPECT_NE(text.find("netrc"), std::string::npos) << text;
    EXPECT_EQ(text.find("wrong-password"), std::string::npos) << text;
  }

  const fs::path netrc = scratch_dir() / "netrc";
  write_file(netrc, "machine 127.0.0.1\n  login gator\n  password hunter2-secret\n");
  ClientOptions options = fast_options();
  options.netrc_file = netrc;
  EXPECT_EQ(Client(options).fetch({RedactedUrl::from(url)}).body, "members only");
}

}  // namespace
}  // namespace gator::http

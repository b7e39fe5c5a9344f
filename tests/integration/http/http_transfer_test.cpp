// Transfers against nginx: parallelism, keep-alive, ranges, resume, redirects, statuses.
#include <algorithm>
#include <atomic>
#include <random>

#include "http/client.hpp"
#include "nginx_test.hpp"
#include "recording_observer.hpp"

namespace gator::http {
namespace {

using testing::fast_options;
using testing::RecordingObserver;
namespace fs = std::filesystem;

[[nodiscard]] std::string random_bytes(std::size_t size, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes)
    c = static_cast<char>(rng() & 0xff);
  return bytes;
}

class HttpTransfer : public test::NginxTest {};

TEST_F(HttpTransfer, ParallelDownloadsOverlapAndDeliverEveryByte) {
  const fs::path dir = serve_dir("slow");
  const fs::path out = scratch_dir();
  constexpr std::size_t k_files = 24;
  constexpr std::size_t k_size = 96 * 1024;  // ~0.2 s each at the location's 512 KiB/s
  std::vector<Request> requests;
  for (std::size_t i = 0; i < k_files; ++i) {
    const fs::path file = dir / ("file-" + std::to_string(i) + ".bin");
    write_file(file, random_bytes(k_size, i));
    Request request{RedactedUrl::from(url_for(file))};
    request.expected_size = k_size;
    if (i % 2 == 0)
      request.destination = out / file.filename();
    requests.push_back(std::move(request));
  }
  ClientOptions options = fast_options();
  options.max_concurrency = 8;
  RecordingObserver observer;
  Client client(options, &observer);
  const auto begin = std::chrono::steady_clock::now();
  const auto outcomes = client.fetch_all(requests);
  const auto wall = std::chrono::steady_clock::now() - begin;

  ASSERT_EQ(outcomes.size(), k_files);
  std::chrono::steady_clock::duration serial{0};
  std::vector<std::pair<std::chrono::steady_clock::time_point, int>> edges;
  for (std::size_t i = 0; i < k_files; ++i) {
    ASSERT_TRUE(outcomes[i]) << outcomes[i].error().render("test");
    const Response& response = *outcomes[i];
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.bytes_transferred, k_size);
    const std::string expected = random_bytes(k_size, i);
    if (i % 2 == 0)
      EXPECT_EQ(read_file(response.file), expected) << i;
    else
      EXPECT_EQ(response.body, expected) << i;
    serial += response.finished - response.started;
    edges.emplace_back(response.started, +1);
    edges.emplace_back(response.finished, -1);
  }
  // The most transfers in flight at one moment (an end sorts before a start at the same time).
  std::sort(edges.begin(), edges.end());
  int in_flight = 0;
  int max_overlap = 0;
  for (const auto& edge : edges) {
    in_flight += edge.second;
    max_overlap = std::max(max_overlap, in_flight);
  }
  EXPECT_GT(max_overlap, 1) << "transfers never overlapped";
  EXPECT_LE(max_overlap, 8) << "more transfers at once than max_concurrency";
  EXPECT_LT(wall * 3, serial) << "parallel transfers should take far less than serial ones";
  EXPECT_EQ(observer.started.size(), k_files);
  EXPECT_EQ(observer.finished.size(), k_files);
  EXPECT_FALSE(observer.progress.empty());
  EXPECT_TRUE(observer.retries.empty());
}

TEST_F(HttpTransfer, KeepAliveReusesTheConnection) {
  const fs::path dir = serve_dir();
  Client client(fast_options());
  for (int i = 0; i < 5; ++i) {
    const fs::path file = dir / ("page-" + std::to_string(i) + ".html");
    write_file(file, "<html>" + std::to_string(i) + "</html>");
    const Response response = client.fetch({RedactedUrl::from(url_for(file))});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.http_version, 11);
    EXPECT_EQ(response.new_connections, i == 0 ? 1 : 0) << "request " << i;
  }
  const auto lines = wait_for_logged_requests(test_name() + "/page-", 5);
  ASSERT_EQ(lines.size(), 5U);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].connection, lines[0].connection) << lines[i].request;
    EXPECT_EQ(lines[i].connection_requests, i + 1) << lines[i].request;
  }
}

TEST_F(HttpTransfer, RangesReturnTheExactBytes) {
  const fs::path file = serve_dir() / "archive.whl";
  const std::string content = random_bytes(10'000, 42);
  write_file(file, content);
  Client client(fast_options());
  const auto url = RedactedUrl::from(url_for(file));

  Request middle{url};
  middle.range = ByteRange::between(100, 199);
  const Response part = client.fetch(middle);
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.range, RangeOutcome::partial);
  EXPECT_EQ(part.body, content.substr(100, 100));
  EXPECT_EQ(part.bytes_transferred, 100U);
  EXPECT_EQ(part.header("content-range"), "bytes 100-199/10000");

  Request tail{url};
  tail.range = ByteRange::suffix(22);  // a zip's end of central directory record
  const Response end = client.fetch(tail);
  EXPECT_EQ(end.status, 206);
  EXPECT_EQ(end.body, content.substr(content.size() - 22));
  EXPECT_EQ(end.header("content-range"), "bytes 9978-9999/10000");

  Request rest{url};
  rest.range = ByteRange::starting_at(9990);
  rest.destination = scratch_dir() / "rest.bin";
  const Response to_file = client.fetch(rest);
  EXPECT_EQ(to_file.status, 206);
  EXPECT_EQ(read_file(to_file.file), content.substr(9990));
}

TEST_F(HttpTransfer, ServersIgnoringRangesAreDetected) {
  const fs::path file = serve_dir("norange") / "big.whl";
  const std::string content = random_bytes(3 * 1024 * 1024, 3);
  write_file(file, content);
  Client client(fast_options());
  Request request{RedactedUrl::from(url_for(file))};
  request.range = ByteRange::suffix(22);

  const Response stopped = client.fetch(request);  // RangeIgnored::stop by default
  EXPECT_EQ(stopped.status, 200);
  EXPECT_EQ(stopped.range, RangeOutcome::ignored);
  EXPECT_TRUE(stopped.body.empty());
  EXPECT_LT(stopped.bytes_transferred, content.size() / 2) << "stopping must not read it all";

  request.on_range_ignored = RangeIgnored::accept_body;
  const Response whole = client.fetch(request);
  EXPECT_EQ(whole.status, 200);
  EXPECT_EQ(whole.range, RangeOutcome::ignored);
  EXPECT_EQ(whole.body, content);
}

TEST_F(HttpTransfer, ResumesAnInterruptedDownload) {
  const fs::path file = serve_dir("medium") / "torch.whl";
  const std::string content = random_bytes(4 * 1024 * 1024, 11);
  write_file(file, content);
  const fs::path destination = scratch_dir() / "torch.whl";
  Request request{RedactedUrl::from(url_for(file))};
  request.destination = destination;
  request.expected_size = content.size();

  std::atomic<bool> cancel{false};
  ClientOptions options = fast_options();
  options.cancel = &cancel;
  RecordingObserver observer;
  observer.on_progress_hook = [&cancel](const TransferProgress& event) {
    if (event.done >= 1024 * 1024)
      cancel = true;
  };
  {
    Client client(options, &observer);
    try {
      (void)client.fetch(request);
      FAIL() << "expected the download to be interrupted";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::interrupted);
    }
  }
  fs::path part = destination;
  part += ".part";
  ASSERT_TRUE(fs::exists(part));
  const std::uintmax_t kept = fs::file_size(part);
  EXPECT_GE(kept, 1024U * 1024U);
  EXPECT_LT(kept, content.size());
  EXPECT_FALSE(fs::exists(destination));

  Client client(fast_options());
  const Response response = client.fetch(request);
  EXPECT_EQ(response.status, 206);
  EXPECT_EQ(response.resumed_from, kept);
  EXPECT_EQ(response.bytes_transferred, content.size() - kept);
  EXPECT_EQ(read_file(destination), content);
  EXPECT_FALSE(fs::exists(part));
  const auto lines = wait_for_logged_requests(test_name() + "/torch.whl", 2);
  ASSERT_EQ(lines.size(), 2U);
  const bool resumed_on_the_wire = std::any_of(lines.begin(), lines.end(), [&](const auto& line) {
    return line.status == 206 && line.body_bytes == content.size() - kept;
  });
  EXPECT_TRUE(resumed_on_the_wire);
}

TEST_F(HttpTransfer, ResumeStartsOverWhenTheFileChanged) {
  const fs::path file = serve_dir("medium") / "numpy.whl";
  write_file(file, random_bytes(4 * 1024 * 1024, 5));
  const fs::path destination = scratch_dir() / "numpy.whl";
  Request request{RedactedUrl::from(url_for(file))};
  request.destination = destination;

  std::atomic<bool> cancel{false};
  ClientOptions options = fast_options();
  options.cancel = &cancel;
  RecordingObserver observer;
  observer.on_progress_hook = [&cancel](const TransferProgress& event) {
    if (event.done >= 512 * 1024)
      cancel = true;
  };
  EXPECT_THROW((void)Client(options, &observer).fetch(request), Error);
  fs::path part = destination;
  part += ".part";
  ASSERT_TRUE(fs::exists(part));

  // A new upload under the same name: another size, so another ETag. If-Range makes the
  // server send the whole new file instead of the rest of the old one.
  const std::string replaced = random_bytes(1024 * 1024 + 7, 6);
  write_file(file, replaced);
  const Response response = Client(fast_options()).fetch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.resumed_from, 0U);
  EXPECT_EQ(read_file(destination), replaced);
}

TEST_F(HttpTransfer, FollowsRedirects) {
  write_file(server().document_root() / "redirected" / "target.txt", "arrived\n");
  Client client(fast_options());
  const std::string base = server().base_url();

  const Response one = client.fetch({RedactedUrl::from(base + "/redirect/one")});
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.body, "arrived\n");
  EXPECT_EQ(one.redirects, 1U);
  EXPECT_EQ(one.url.display(), base + "/redirect/one");
  EXPECT_EQ(one.effective_url.display(), base + "/redirected/target.txt");

  EXPECT_EQ(client.fetch({RedactedUrl::from(base + "/redirect/chain")}).redirects, 2U);
  EXPECT_EQ(client.fetch({RedactedUrl::from(base + "/redirect/absolute")}).body, "arrived\n");

  ClientOptions options = fast_options();
  options.max_redirects = 3;
  try {
    (void)Client(options).fetch({RedactedUrl::from(base + "/redirect/loop")});
    FAIL() << "expected a redirect loop error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::network);
    EXPECT_EQ(error.what(), "cannot fetch " + base + "/redirect/loop");
    EXPECT_NE(error.causes().front().find("redirects"), std::string::npos)
        << error.causes().front();
    ASSERT_EQ(error.hints().size(), 1U);
    EXPECT_EQ(error.hints()[0], "the server redirected more than 3 times (a redirect loop?)");
  }
}

TEST_F(HttpTransfer, NotFoundAndForbiddenAreResponsesOtherErrorsThrow) {
  const fs::path dir = serve_dir();
  fs::create_directories(dir / "no-index");
  Client client(fast_options());
  const Response missing = client.fetch({RedactedUrl::from(url_for(dir / "absent.html"))});
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.body.find("404"), std::string::npos);
  EXPECT_EQ(missing.attempts, 1U);
  const Response forbidden = client.fetch({RedactedUrl::from(url_for(dir / "no-index") + "/")});
  EXPECT_EQ(forbidden.status, 403);

  const std::string url = server().base_url() + "/fault/400";
  try {
    (void)client.fetch({RedactedUrl::from(url)});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: cannot fetch " + url +
                  "\n  caused by: HTTP 400 Bad Request\n  caused by: after 1 attempt\n");
  }
}

TEST_F(HttpTransfer, TruncatedBodiesAreRetriedThenReported) {
  const fs::path file = serve_dir() / "short.whl";
  write_file(file, "only ten b");
  RecordingObserver observer;
  Client client(fast_options(), &observer);
  Request request{RedactedUrl::from(url_for(file))};
  request.expected_size = 20;
  try {
    (void)client.fetch(request);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.causes(), (std::vector<std::string>{"truncated body: received 10 of 20 bytes",
                                                        "after 3 attempts"}));
  }
  EXPECT_EQ(observer.retries.size(), 2U);
}

}  // namespace
}  // namespace gator::http

// SHA-256 computed while downloads stream (Request::compute_sha256): plain, parallel, resumed
// from a kept part, and retried after a transfer broke off.
#include <random>

#include "http/client.hpp"
#include "nginx_test.hpp"
#include "recording_observer.hpp"
#include "util/sha256.hpp"

namespace gator::http {
namespace {

using namespace std::chrono_literals;
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

[[nodiscard]] fs::path part_of(const fs::path& destination) {
  fs::path part = destination;
  part += ".part";
  return part;
}

// Breaks a download off after about 1 MiB (the /stall/ location). curl averages the speed over
// the last seconds, so a high limit notices the stall soon after the fast first MiB.
[[nodiscard]] ClientOptions stalling_options() {
  ClientOptions options = fast_options();
  options.retry.max_attempts = 2;
  options.low_speed_limit = 1'000'000;
  options.low_speed_time = 1s;
  return options;
}

class HttpDigest : public test::NginxTest {};

TEST_F(HttpDigest, PlainDownloadsAreHashedWhileTheyStream) {
  const fs::path dir = serve_dir("slow");
  const fs::path out = scratch_dir();
  constexpr std::size_t k_files = 6;
  std::vector<std::string> contents;
  std::vector<Request> requests;
  for (std::size_t i = 0; i < k_files; ++i) {
    contents.push_back(random_bytes(100'000 + i * 7'919, i));
    const std::string name = "f" + std::to_string(i) + ".whl";
    write_file(dir / name, contents.back());
    Request request{RedactedUrl::from(url_for(dir / name))};
    request.destination = out / name;
    request.compute_sha256 = true;
    requests.push_back(std::move(request));
  }
  Client client(fast_options());
  const auto outcomes = client.fetch_all(requests);
  ASSERT_EQ(outcomes.size(), k_files);
  for (std::size_t i = 0; i < k_files; ++i) {
    ASSERT_TRUE(outcomes[i]) << i;
    ASSERT_TRUE(outcomes[i]->sha256) << i;
    EXPECT_EQ(*outcomes[i]->sha256, util::hash_file(outcomes[i]->file)) << i;
    EXPECT_EQ(*outcomes[i]->sha256, util::sha256_of(contents[i])) << i;
    EXPECT_EQ(outcomes[i]->sha256->size, contents[i].size()) << i;
  }

  // Without the flag there is no digest; in-memory bodies never get one.
  Request plain = requests[0];
  plain.compute_sha256 = false;
  EXPECT_FALSE(client.fetch(plain).sha256);
  Request in_memory{requests[0].url};
  in_memory.compute_sha256 = true;
  const Response page = client.fetch(in_memory);
  EXPECT_EQ(page.body, contents[0]);
  EXPECT_FALSE(page.sha256);
}

TEST_F(HttpDigest, AResumedDownloadIsHashedWhole) {
  const fs::path file = serve_dir("medium") / "torch.whl";
  const std::string content = random_bytes(4 * 1024 * 1024, 21);
  write_file(file, content);
  const fs::path destination = scratch_dir() / "torch.whl";
  Request request{RedactedUrl::from(url_for(file))};
  request.destination = destination;
  request.expected_size = content.size();
  request.compute_sha256 = true;

  // An earlier run, interrupted after 1 MiB, leaves the part and its validator.
  std::atomic<bool> cancel{false};
  ClientOptions options = fast_options();
  options.cancel = &cancel;
  RecordingObserver observer;
  observer.on_progress_hook = [&cancel](const TransferProgress& event) {
    if (event.done >= 1024 * 1024)
      cancel = true;
  };
  EXPECT_THROW((void)Client(options, &observer).fetch(request), Error);
  ASSERT_TRUE(fs::exists(part_of(destination)));
  const std::uintmax_t kept = fs::file_size(part_of(destination));
  EXPECT_GE(kept, 1024U * 1024U);
  EXPECT_LT(kept, content.size());

  const Response response = Client(fast_options()).fetch(request);
  EXPECT_EQ(response.status, 206);
  EXPECT_EQ(response.resumed_from, kept);
  EXPECT_EQ(response.bytes_transferred, content.size() - kept);
  ASSERT_TRUE(response.sha256);
  EXPECT_EQ(*response.sha256, util::sha256_of(content));
  EXPECT_EQ(*response.sha256, util::hash_file(destination));
  EXPECT_EQ(response.sha256->size, content.size());
}

TEST_F(HttpDigest, AKeptPartIsHashedAsItIsOnDisk) {
  // A part whose bytes are not the server's (disk corruption, a tampered cache): the server
  // continues it, and the digest shows what the file really holds.
  const fs::path file = serve_dir() / "numpy.whl";
  const std::string content = random_bytes(300'000, 22);
  write_file(file, content);
  const RedactedUrl url = RedactedUrl::from(url_for(file));
  Client client(fast_options());
  Request probe{url};
  probe.range = ByteRange::between(0, 0);
  const Response first_byte = client.fetch(probe);
  const auto etag = first_byte.header("etag");
  ASSERT_TRUE(etag);

  const fs::path destination = scratch_dir() / "numpy.whl";
  std::string corrupt = content.substr(0, 100'000);
  corrupt[4'242] = static_cast<char>(corrupt[4'242] ^ 0x01);
  write_file(part_of(destination), corrupt);
  write_file(fs::path(part_of(destination)) += ".validator", std::string(*etag) + "\n");

  Request request{url};
  request.destination = destination;
  request.compute_sha256 = true;
  const Response response = client.fetch(request);
  EXPECT_EQ(response.status, 206);
  EXPECT_EQ(response.resumed_from, 100'000U);
  ASSERT_TRUE(response.sha256);
  EXPECT_EQ(*response.sha256, util::hash_file(destination));
  EXPECT_NE(*response.sha256, util::sha256_of(content));
  EXPECT_EQ(response.sha256->size, content.size());
}

TEST_F(HttpDigest, ATransferThatBrokeOffIsResumedAndHashedWhole) {
  const fs::path file = serve_dir("stall") / "rocm.whl";
  const std::string content = random_bytes(1536 * 1024, 23);
  write_file(file, content);
  RecordingObserver observer;
  Client client(stalling_options(), &observer);
  Request request{RedactedUrl::from(url_for(file))};
  request.destination = scratch_dir() / "rocm.whl";
  request.expected_size = content.size();
  request.compute_sha256 = true;
  const Response response = client.fetch(request);
  EXPECT_EQ(response.status, 206);
  EXPECT_EQ(response.attempts, 2U);
  ASSERT_EQ(observer.retries.size(), 1U);
  ASSERT_EQ(observer.started.size(), 2U);
  EXPECT_GE(observer.started[1].resume_from, 1024U * 1024U);
  EXPECT_EQ(response.resumed_from, observer.started[1].resume_from);
  ASSERT_TRUE(response.sha256);
  EXPECT_EQ(*response.sha256, util::sha256_of(content));
  EXPECT_EQ(*response.sha256, util::hash_file(response.file));
}

TEST_F(HttpDigest, ARetryThatStartsOverIsHashedFromTheStart) {
  // The first attempt breaks off after 1 MiB; before the retry the file is replaced (another
  // size, so another ETag): If-Range fails, the whole new file comes with 200.
  const fs::path dir = serve_dir("stall");
  write_file(dir / "torch.whl", random_bytes(1536 * 1024, 24));
  const std::string replaced = random_bytes(700 * 1024 + 3, 25);
  write_file(dir / "torch.whl.staged", replaced);
  RecordingObserver observer;
  observer.on_retry_hook = [&](const TransferRetry&) {
    fs::rename(dir / "torch.whl.staged", dir / "torch.whl");
  };
  Client client(stalling_options(), &observer);
  Request request{RedactedUrl::from(url_for(dir / "torch.whl"))};
  request.destination = scratch_dir() / "torch.whl";
  request.compute_sha256 = true;
  const Response response = client.fetch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.attempts, 2U);
  ASSERT_EQ(observer.started.size(), 2U);
  EXPECT_GT(observer.started[1].resume_from, 0U);  // asked to resume ...
  EXPECT_EQ(response.resumed_from, 0U);            // ... and got the whole new file
  EXPECT_EQ(read_file(response.file), replaced);
  ASSERT_TRUE(response.sha256);
  EXPECT_EQ(*response.sha256, util::sha256_of(replaced));
}

}  // namespace
}  // namespace gator::http

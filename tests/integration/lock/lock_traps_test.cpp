// The traps of issue 4 that `gator-provision lock` must refuse or survive, end to end: a
// higher-version decoy of a pinned package, a sidecar or a wheel that does not match the hash
// its index lists, a busy index (503 with Retry-After), and a connection cut in the middle of a
// download.
#include <chrono>
#include <filesystem>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "lock_fixture.hpp"

namespace gator::provision {
namespace {
namespace fs = std::filesystem;

class LockTrapTest : public LockCommandTest {
 protected:
  [[nodiscard]] static bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }
  // Lines of `text` that start with `prefix` and contain `part`.
  [[nodiscard]] static std::size_t count_lines(const std::string& text, const std::string& prefix,
                                               const std::string& part) {
    std::size_t count = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (line.starts_with(prefix) && contains(line, part))
        ++count;
    return count;
  }
};

// The profile asks for torch>=2.0 from the PyTorch-like index; the PyPI-like one offers torch
// 99.0 (and 2.3.1 with a better tag). The pinned index's newest matching version wins, and the
// other index is never asked about torch.
TEST_F(LockTrapTest, HigherVersionDecoyOfAPinnedPackageIsNeverConsidered) {
  testing::ProfileSpec decoyed = spec();
  decoyed.packages = {"torch>=2.0", "numpy>=1.24.0,<2.0"};
  write_profile(decoyed);
  const util::ProcessResult result = run({});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_TRUE(contains(result.out, "added       torch 2.3.1+rocm5.7")) << result.out;
  EXPECT_FALSE(contains(result.out, "99.0")) << result.out;

  const lock::Lockfile lockfile = lock::load_lockfile(lock_path()).lockfile;
  const lock::Package& torch = package(lockfile, "torch");
  EXPECT_EQ(torch.version->to_string(), "2.3.1+rocm5.7");
  EXPECT_EQ(torch.index, m_pytorch_url);
  EXPECT_EQ(package(lockfile, "pytorch-triton-rocm").index, m_pytorch_url);
  EXPECT_TRUE(logged_requests("/simple/torch/").empty());
  EXPECT_TRUE(logged_requests("evil").empty());
  EXPECT_TRUE(logged_requests("torch-99.0").empty());
}

// A PEP 658 sidecar whose bytes are not the ones its link's hash names: the index is serving
// something other than what it lists, so the lock stops (integrity, exit 7) rather than resolve
// with metadata nobody vouches for.
TEST_F(LockTrapTest, SidecarNotMatchingItsListedHashIsAnIntegrityError) {
  const std::string wheel =
      "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
  const fs::path sidecar = m_pypi->root() / "files" / (wheel + ".metadata");
  const std::string listed = cache::sha256_of(read_file(sidecar)).to_string();
  const std::string served =
      "Metadata-Version: 2.1\nName: numpy\nVersion: 1.26.4\nRequires-Dist: evil-payload\n\n";
  write_file(sidecar, served);
  write_profile(spec());
  const util::ProcessResult result = run({});
  EXPECT_EQ(result.exit_code, 7) << describe(result);
  EXPECT_EQ(result.err,
            "gator-provision: error: the metadata file of " + wheel +
                " does not match its hash\n"
                "  caused by: from: " +
                url_for(sidecar) +
                "\n"
                "  caused by: expected sha256:" +
                listed + ", got sha256:" + cache::sha256_of(served).to_string() +
                "\n"
                "hint: the index serves a .metadata file that differs from the one it lists\n");
  EXPECT_FALSE(contains(result.err, "evil-payload")) << result.err;
  EXPECT_FALSE(fs::exists(lock_path()));
}

// A wheel whose bytes are not the ones its #sha256 names, on a server that ignores Range
// requests: the lock downloads the whole wheel to read its METADATA, so it sees the bytes and
// must check them (exit 7, naming the URL, the listed and the actual hash).
TEST_F(LockTrapTest, DownloadedWheelNotMatchingItsListedHashIsAnIntegrityError) {
  m_pypi_url = serve_pypi_index("norange");
  const std::string wheel = "filelock-3.15.4-py3-none-any.whl";
  const fs::path file = m_pypi->root() / "files" / wheel;
  const std::string listed = m_pypi->sha256(wheel);
  // The same METADATA in other bytes (another module comment), so that only the hash tells.
  const std::string served = testing::build_wheel({"filelock", "3.15.4", "py2.py3-none-any"});
  write_file(file, served);
  write_profile(spec());
  const util::ProcessResult result = run({});
  EXPECT_EQ(result.exit_code, 7) << describe(result);
  EXPECT_EQ(result.err, "gator-provision: error: the wheel " + wheel +
                            " does not match its hash\n"
                            "  caused by: from: " +
                            url_for(file) +
                            "\n"
                            "  caused by: expected sha256:" +
                            listed + ", got sha256:" + cache::sha256_of(served).to_string() +
                            "\n"
                            "hint: the index serves other bytes than the ones it lists (a "
                            "damaged mirror, or a replaced file)\n");
  EXPECT_FALSE(fs::exists(lock_path()));
  EXPECT_FALSE(wait_for_logged_requests(wheel + " HTTP", 1).empty()) << "it was downloaded";
}

// The PyPI-like index answers 503 with Retry-After: 1 for numpy's page until the test, having
// seen that answer in nginx's log, puts the page in place: the lock waits as asked, retries,
// says so on stderr, and succeeds.
TEST_F(LockTrapTest, BusyIndexIsRetriedAfterRetryAfter) {
  m_pypi_url = serve_pypi_index("busy");
  const fs::path page = m_pypi->root() / "simple" / "numpy";
  const fs::path hidden = m_pypi->root() / "simple" / "numpy.later";
  fs::rename(page, hidden);
  write_profile(spec());
  const std::string page_url = m_pypi_url + "/numpy/";
  const std::string needle = fs::relative(page, server().document_root()).generic_string() + "/";
  auto release = std::async(std::launch::async, [&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      for (const test::AccessLogLine& line : logged_requests(needle))
        if (line.status == 503) {
          fs::rename(hidden, page);
          return true;
        }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  });
  const util::ProcessResult result = run({});
  ASSERT_TRUE(release.get()) << "no 503 was logged\n" << describe(result);
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_TRUE(contains(result.err, "gator-provision: retrying " + page_url +
                                       " in 1000 ms (attempt 1 of 4 failed: HTTP 503"))
      << result.err;
  const lock::Lockfile lockfile = lock::load_lockfile(lock_path()).lockfile;
  EXPECT_EQ(package(lockfile, "numpy").version->to_string(), "1.26.4");
  std::vector<int> statuses;
  for (const test::AccessLogLine& line : logged_requests(needle + " "))
    statuses.push_back(line.status);
  EXPECT_EQ(statuses, (std::vector<int>{503, 200}));
}

// Every whole-file download from the PyTorch-like index is cut off after the headers (a proxy
// dropping the connection; Range requests, which read the metadata, get through). The lock
// retries, then fails as a network error (exit 6) naming the file and what happened, and
// writes nothing: a truncated file must never be hashed into the lock.
TEST_F(LockTrapTest, TruncatedDownloadIsRetriedThenANetworkError) {
  const fs::path pytorch = serve_dir("pytorch");
  const std::string cut_href =
      "/cut/" + fs::relative(pytorch / "files", server().document_root()).generic_string() + "/";
  m_pytorch.emplace(pytorch, cut_href);
  build_pytorch_index(*m_pytorch);
  m_pytorch->write_pages();
  m_pytorch_url = url_for(pytorch / "rocm5.7");
  write_profile(spec());
  const util::ProcessResult result = run({});
  EXPECT_EQ(result.exit_code, 6) << describe(result);
  // Both unhashed wheels of the closure are cut off; the error names the first (in name order).
  const std::string files = server().base_url() + cut_href;
  const std::string wheel = "pytorch_triton_rocm-2.3.1-cp311-cp311-linux_x86_64.whl";
  EXPECT_TRUE(contains(result.err, "gator-provision: error: cannot download " + wheel +
                                       " to compute its sha256 (the index gives none)\n"
                                       "  caused by: cannot fetch " +
                                       files + wheel +
                                       "\n"
                                       "  caused by: transfer closed with " +
                                       std::to_string(m_pytorch->size(wheel)) +
                                       " bytes remaining to read\n"
                                       "  caused by: after 4 attempts\n"))
      << result.err;
  for (const std::string& file :
       {files + wheel, files + "torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl"})
    EXPECT_EQ(count_lines(result.err, "gator-provision: retrying " + file + " in ",
                          " of 4 failed: transfer closed with "),
              3u)
        << result.err;
  EXPECT_FALSE(fs::exists(lock_path()));
}

}  // namespace
}  // namespace gator::provision

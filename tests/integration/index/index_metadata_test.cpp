// Core metadata of wheels served by nginx: range requests against a 200 MB wheel (bytes
// measured), PEP 658 sidecars with and without a matching hash, a server without ranges (whose
// whole files are checked against their hash), the metadata cache and offline runs, many wheels
// at once.
#include <iostream>

#include "index/finder.hpp"
#include "index/metadata_fetcher.hpp"
#include "index_fixture.hpp"
#include "zip_builder.hpp"

namespace gator::index {
namespace {

using testing::fast_options;
using testing::name;
namespace fs = std::filesystem;

// Removes a (large) file when the test ends, whatever happens.
struct RemoveOnExit {
  fs::path path;
  ~RemoveOnExit() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

[[nodiscard]] std::string pseudo_random(std::size_t size, std::uint32_t seed) {
  std::string out(size, '\0');
  for (char& c : out) {
    seed = seed * 1103515245 + 12345;
    c = static_cast<char>(seed >> 24);
  }
  return out;
}

class IndexMetadata : public test::NginxTest {
 protected:
  // A wheel with `payload` bytes of incompressible data before its .dist-info.
  [[nodiscard]] static std::string small_wheel(const std::string& project,
                                               const std::string& version, std::size_t payload,
                                               std::uint32_t seed = 1) {
    const std::string dist_info = project + "-" + version + ".dist-info/";
    return testing::build_zip(
        {{project + "/data.bin", pseudo_random(payload, seed), false},
         {dist_info + "METADATA",
          testing::metadata_text(project, version, "Requires-Dist: numpy>=1.24\n")},
         {dist_info + "WHEEL", "Wheel-Version: 1.0\n"},
         {dist_info + "RECORD", ""}});
  }
  [[nodiscard]] IndexFile file_at(const fs::path& path) const {
    return IndexFile(path.filename().string(), http::RedactedUrl::from(url_for(path)));
  }
};

TEST_F(IndexMetadata, LargeWheelWithoutSidecarCostsAFewHundredKiB) {
  constexpr std::uint64_t k_payload = 200ULL << 20;
  const fs::path root = serve_dir();
  const fs::path wheel = root / "files" / "bigpkg-1.0-cp311-cp311-linux_x86_64.whl";
  fs::create_directories(wheel.parent_path());
  const RemoveOnExit cleanup{wheel};
  const std::string metadata = testing::metadata_text(
      "bigpkg", "1.0", "Requires-Dist: numpy>=1.24\nRequires-Python: >=3.9\n");
  testing::write_large_wheel(wheel.string(), "bigpkg-1.0.dist-info", metadata, k_payload);
  ASSERT_GT(fs::file_size(wheel), k_payload);
  // An index page without metadata attributes, as the PyTorch index serves.
  write_file(root / "simple" / "bigpkg" / "index.html", "<a href=\"../../files/" +
                                                            wheel.filename().string() + "\">" +
                                                            wheel.filename().string() + "</a>\n");

  http::Client client(fast_options());
  auto policy =
      IndexPolicy::create({{"torchlike", http::RedactedUrl::from(url_for(root / "simple"))}});
  Finder finder(client, std::move(*policy));
  const ProjectFiles& files = finder.find(name("bigpkg"));
  ASSERT_EQ(files.files.size(), 1U);
  ASSERT_FALSE(files.files[0].core_metadata);

  MetadataFetcher fetcher(client);
  const WheelMetadata result = fetcher.fetch(files.files[0]);
  EXPECT_EQ(result.source, MetadataSource::range_requests);
  EXPECT_EQ(result.text, metadata);
  EXPECT_EQ(result.core.name.str(), "bigpkg");
  ASSERT_TRUE(result.core.requires_python);
  EXPECT_EQ(result.core.requires_dist.size(), 1U);

  const auto lines = wait_for_logged_requests(test_name() + "/files/", result.requests);
  const std::uint64_t served = testing::logged_bytes(lines);
  std::cout << "[ metrics  ] 200 MiB wheel metadata: " << result.requests << " range request(s), "
            << result.bytes_transferred << " bytes received, " << served
            << " body bytes logged by nginx, wheel size " << fs::file_size(wheel) << "\n";
  RecordProperty("bytes_transferred", std::to_string(result.bytes_transferred));
  RecordProperty("requests", std::to_string(result.requests));
  EXPECT_LE(result.bytes_transferred, 256U * 1024);
  EXPECT_LE(served, 256U * 1024);
  EXPECT_LE(result.requests, 3U);
  for (const auto& line : lines)
    EXPECT_EQ(line.status, 206) << line.request;
}

TEST_F(IndexMetadata, TorchShapedWheelWithALargeCentralDirectory) {
  // torch wheels hold ~10,000 files, so their central directory (~1.5 MB) is larger than the
  // tail read; .dist-info comes last, so its entries are in the tail anyway.
  std::vector<testing::ZipMember> members;
  for (int i = 0; i < 12000; ++i) {
    members.push_back(
        {"torch/include/ATen/ops/some_generated_operator_header_" + std::to_string(i) + ".h",
         "#pragma once\n", false});
  }
  const std::string metadata = testing::metadata_text(
      "torch", "2.3.1+rocm5.7",
      "Requires-Dist: filelock\nRequires-Dist: pytorch-triton-rocm==2.3.1\n");
  members.push_back({"torch-2.3.1+rocm5.7.dist-info/METADATA", metadata});
  members.push_back({"torch-2.3.1+rocm5.7.dist-info/WHEEL", "Wheel-Version: 1.0\n"});
  members.push_back({"torch-2.3.1+rocm5.7.dist-info/RECORD", std::string(300000, 'r')});
  const std::string wheel = testing::build_zip(members);
  const fs::path root = serve_dir();
  const fs::path path = root / "torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl";
  write_file(path, wheel);
  IndexFile file(path.filename().string(),
                 http::RedactedUrl::from(server().base_url() + "/" + test_name() +
                                         "/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl"));
  http::Client client(fast_options());
  MetadataFetcher fetcher(client);
  const WheelMetadata result = fetcher.fetch(file);
  EXPECT_EQ(result.text, metadata);
  EXPECT_EQ(result.core.version.to_string(), "2.3.1+rocm5.7");
  std::cout << "[ metrics  ] torch-shaped wheel (" << wheel.size()
            << " bytes, 12003 members): " << result.requests << " range request(s), "
            << result.bytes_transferred << " bytes received\n";
  EXPECT_LE(result.requests, 2U);
  EXPECT_LE(result.bytes_transferred, 128U * 1024);
}

TEST_F(IndexMetadata, SidecarCheckedAgainstItsHash) {
  const fs::path root = serve_dir();
  const std::string wheel = small_wheel("demo", "1.0", 1 << 20);
  const fs::path path = root / "demo-1.0-py3-none-any.whl";
  write_file(path, wheel);
  const std::string sidecar =
      testing::metadata_text("demo", "1.0", "Requires-Dist: numpy>=1.24\nSummary: sidecar\n");
  write_file(root / "demo-1.0-py3-none-any.whl.metadata", sidecar);
  write_file(
      root / "simple" / "demo" / "index.html",
      "<a href=\"../../demo-1.0-py3-none-any.whl\" data-core-metadata=\"sha256=" +
          testing::sha256_of(sidecar) +
          "\">demo</a>\n"
          "<a href=\"../../demo-1.0-py3-none-any.whl#bad\" data-dist-info-metadata=\"sha256=" +
          std::string(64, '0') + "\">demo</a>\n");
  http::Client client(fast_options());
  auto policy = IndexPolicy::create({{"pypi", http::RedactedUrl::from(url_for(root / "simple"))}});
  Finder finder(client, std::move(*policy));
  const ProjectFiles& files = finder.find(name("demo"));
  ASSERT_EQ(files.files.size(), 2U);

  MetadataFetcher fetcher(client);
  const WheelMetadata good = fetcher.fetch(files.files[0]);
  EXPECT_EQ(good.source, MetadataSource::sidecar);
  EXPECT_EQ(good.core.raw.summary, "sidecar");
  EXPECT_EQ(good.requests, 1U);
  EXPECT_EQ(good.bytes_transferred, sidecar.size());
  try {
    (void)fetcher.fetch(files.files[1]);
    FAIL() << "a sidecar that does not match its hash must be refused";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: the metadata file of demo-1.0-py3-none-any.whl does not "
              "match its hash\n"
              "  caused by: from: " +
                  url_for(path) +
                  ".metadata\n"
                  "  caused by: expected sha256:" +
                  std::string(64, '0') + ", got sha256:" + testing::sha256_of(sidecar) +
                  "\n"
                  "hint: the index serves a .metadata file that differs from the one it lists\n");
  }
  EXPECT_TRUE(logged_requests(test_name() + "/demo-1.0-py3-none-any.whl ").empty())
      << "the wheel itself is never requested";
}

TEST_F(IndexMetadata, AdvertisedSidecarThatIsMissingFallsBackToRanges) {
  const fs::path root = serve_dir();
  const fs::path path = root / "demo-1.0-py3-none-any.whl";
  write_file(path, small_wheel("demo", "1.0", 3 << 20));
  IndexFile file = file_at(path);
  file.core_metadata = CoreMetadataFile{};
  http::Client client(fast_options());
  MetadataFetcher fetcher(client);
  const WheelMetadata result = fetcher.fetch(file);
  EXPECT_EQ(result.source, MetadataSource::range_requests);
  EXPECT_EQ(result.requests, 2U);  // the missing sidecar, one range
  EXPECT_LE(result.bytes_transferred, 80U * 1024);
}

TEST_F(IndexMetadata, ServerWithoutRangesFallsBackToTheWholeFile) {
  const fs::path root = serve_dir("norange");
  const fs::path path = root / "demo-1.0-py3-none-any.whl";
  const std::string wheel = small_wheel("demo", "1.0", 2 << 20);
  write_file(path, wheel);
  http::Client client(fast_options());
  MetadataOptions options;
  options.download_dir = scratch_dir() / "downloads";
  MetadataFetcher fetcher(client, options);
  const WheelMetadata result = fetcher.fetch(file_at(path));
  EXPECT_EQ(result.source, MetadataSource::full_download);
  EXPECT_EQ(result.core.version.to_string(), "1.0");
  EXPECT_EQ(result.requests, 2U);  // the refused range, the whole file
  // The refused range request is stopped at its first bytes; then the whole file comes once.
  EXPECT_GE(result.bytes_transferred, wheel.size());
  EXPECT_LT(result.bytes_transferred, wheel.size() + 256 * 1024);
  EXPECT_TRUE(fs::is_empty(options.download_dir)) << "the downloaded wheel is removed";
  const auto lines = wait_for_logged_requests(test_name() + "/demo-1.0-py3-none-any.whl", 2);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].status, 200);  // max_ranges 0: the whole body instead of 206
  EXPECT_EQ(lines[1].status, 200);
  EXPECT_EQ(lines[1].body_bytes, wheel.size());
}

// Reading a whole wheel (no ranges) is the one time the lock sees its bytes: they must be the
// ones the index lists, or the metadata in them is not to be trusted.
TEST_F(IndexMetadata, WholeFileNotMatchingItsListedHashIsRefused) {
  const fs::path root = serve_dir("norange");
  const fs::path path = root / "demo-1.0-py3-none-any.whl";
  const std::string wheel = small_wheel("demo", "1.0", 256 << 10);
  write_file(path, wheel);
  http::Client client(fast_options());
  MetadataOptions options;
  options.download_dir = scratch_dir() / "downloads";
  MetadataFetcher fetcher(client, options);

  IndexFile listed = file_at(path);
  listed.hashes.sha256 = dist::Sha256::parse(testing::sha256_of(wheel)).value();
  EXPECT_EQ(fetcher.fetch(listed).source, MetadataSource::full_download);

  IndexFile other = file_at(path);
  other.hashes.sha256 = dist::Sha256::parse(std::string(64, 'a')).value();
  try {
    (void)fetcher.fetch(other);
    FAIL() << "a wheel that does not match its hash must be refused";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: the wheel demo-1.0-py3-none-any.whl does not match its "
              "hash\n"
              "  caused by: from: " +
                  url_for(path) +
                  "\n"
                  "  caused by: expected sha256:" +
                  std::string(64, 'a') + ", got sha256:" + testing::sha256_of(wheel) +
                  "\n"
                  "hint: the index serves other bytes than the ones it lists (a damaged mirror, "
                  "or a replaced file)\n");
  }
  EXPECT_TRUE(fs::is_empty(options.download_dir)) << "the downloaded wheel is removed";
}

TEST_F(IndexMetadata, CachedMetadataNeedsNoRequestEvenOffline) {
  const fs::path root = serve_dir();
  const fs::path path = root / "demo-1.0-py3-none-any.whl";
  const std::string wheel = small_wheel("demo", "1.0", 1 << 20);
  write_file(path, wheel);
  IndexFile file = file_at(path);
  ASSERT_TRUE(add_hash(file.hashes, "sha256", testing::sha256_of(wheel)));
  MetadataOptions options;
  options.cache_dir = scratch_dir();
  {
    http::Client client(fast_options());
    EXPECT_EQ(MetadataFetcher(client, options).fetch(file).source, MetadataSource::range_requests);
  }
  const std::size_t requests = wait_for_logged_requests(test_name(), 1).size();
  EXPECT_TRUE(
      fs::exists(options.cache_dir / "metadata-v1" / ("sha256-" + testing::sha256_of(wheel))));
  http::ClientOptions offline = fast_options();
  offline.offline = true;
  http::Client client(offline);
  const WheelMetadata cached = MetadataFetcher(client, options).fetch(file);
  EXPECT_EQ(cached.source, MetadataSource::cache);
  EXPECT_EQ(cached.requests, 0U);
  EXPECT_EQ(cached.core.name.str(), "demo");
  EXPECT_EQ(logged_requests(test_name()).size(), requests);

  // Offline without a cache entry: the error says why.
  IndexFile other = file_at(path);
  try {
    (void)MetadataFetcher(client).fetch(other);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::network);
    EXPECT_EQ(error.causes()[1],
              "offline mode: only cached index pages and local files are available");
  }
}

TEST_F(IndexMetadata, ManyWheelsInParallel) {
  const fs::path root = serve_dir();
  std::vector<IndexFile> files;
  for (int i = 0; i < 12; ++i) {
    const std::string project = "pkg" + std::to_string(i);
    const fs::path path = root / (project + "-1.0-py3-none-any.whl");
    write_file(path,
               small_wheel(project, "1.0", (std::size_t{1} << 20) + static_cast<std::size_t>(i),
                           static_cast<std::uint32_t>(i)));
    files.push_back(file_at(path));
  }
  // One of them is not at its URL.
  files.push_back(IndexFile("gone-1.0-py3-none-any.whl",
                            http::RedactedUrl::from(url_for(root / "gone-1.0-py3-none-any.whl"))));
  std::vector<const IndexFile*> pointers;
  for (const IndexFile& file : files)
    pointers.push_back(&file);
  http::Client client(fast_options());
  MetadataFetcher fetcher(client);
  const auto results = fetcher.fetch_all(pointers);
  ASSERT_EQ(results.size(), 13U);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < 12; ++i) {
    ASSERT_TRUE(results[i]) << results[i].error().render("gator-provision");
    EXPECT_EQ(results[i]->core.name.str(), "pkg" + std::to_string(i));
    total += results[i]->bytes_transferred;
  }
  EXPECT_LE(total, 12U * 80 * 1024);
  ASSERT_FALSE(results[12]);
  EXPECT_EQ(results[12].error().render("gator-provision"),
            "gator-provision: error: cannot fetch " + url_for(root / "gone-1.0-py3-none-any.whl") +
                "\n  caused by: HTTP 404\n");
}

}  // namespace
}  // namespace gator::index

// The MetadataFetcher on local wheels (file:// URLs): in-place zip reading, sidecars and their
// hashes, consistency checks. The HTTP strategies are covered by the integration tests.
#include "index/metadata_fetcher.hpp"

#include "index/digest.hpp"
#include "index/project_source.hpp"
#include "index/wheel_file_reader.hpp"
#include "local_tree.hpp"
#include "zip_builder.hpp"

namespace gator::index {
namespace {

using testing::build_zip;
using testing::metadata_text;

class MetadataFetcherTest : public testing::LocalTreeTest {
 protected:
  [[nodiscard]] IndexFile wheel(const std::string& filename, const std::string& metadata) {
    const auto path = m_dir / filename;
    write(path, build_zip({{"demo/__init__.py", ""},
                           {"demo-1.0.dist-info/METADATA", metadata},
                           {"demo-1.0.dist-info/RECORD", ""}}));
    return IndexFile(filename, file_url(path));
  }

  http::Client m_client{http::ClientOptions{}};
};

TEST_F(MetadataFetcherTest, LocalWheelIsReadInPlace) {
  const IndexFile file =
      wheel("demo-1.0-py3-none-any.whl", metadata_text("demo", "1.0", "Requires-Dist: numpy\n"));
  MetadataFetcher fetcher(m_client);
  const WheelMetadata metadata = fetcher.fetch(file);
  EXPECT_EQ(metadata.source, MetadataSource::local_file);
  EXPECT_EQ(metadata.core.name.str(), "demo");
  ASSERT_EQ(metadata.core.requires_dist.size(), 1U);
  EXPECT_EQ(metadata.requests, 0U);
  EXPECT_EQ(metadata.bytes_transferred, 0U);
}

TEST_F(MetadataFetcherTest, LocalSidecarIsPreferredAndChecked) {
  IndexFile file = wheel("demo-1.0-py3-none-any.whl", metadata_text("demo", "1.0"));
  const std::string sidecar = metadata_text("demo", "1.0", "Summary: from the sidecar\n");
  write(m_dir / "demo-1.0-py3-none-any.whl.metadata", sidecar);
  file.core_metadata = CoreMetadataFile{};
  ASSERT_TRUE(add_hash(file.core_metadata->hashes, "sha256", *hex_digest("sha256", sidecar)));
  MetadataFetcher fetcher(m_client);
  const WheelMetadata metadata = fetcher.fetch(file);
  EXPECT_EQ(metadata.core.raw.summary, "from the sidecar");

  file.core_metadata->hashes = {};
  ASSERT_TRUE(add_hash(file.core_metadata->hashes, "sha256", std::string(64, 'a')));
  try {
    (void)fetcher.fetch(file);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    EXPECT_EQ(std::string(error.what()),
              "the metadata file of demo-1.0-py3-none-any.whl does not match its hash");
    EXPECT_EQ(error.causes().back(), "expected sha256:" + std::string(64, 'a') +
                                         ", got sha256:" + *hex_digest("sha256", sidecar));
  }
}

TEST_F(MetadataFetcherTest, MetadataForAnotherVersionIsRefused) {
  const IndexFile file = wheel("demo-1.0-py3-none-any.whl", metadata_text("demo", "2.0"));
  MetadataFetcher fetcher(m_client);
  try {
    (void)fetcher.fetch(file);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: the metadata of demo-1.0-py3-none-any.whl is for another "
              "distribution\n"
              "  caused by: it says demo 2.0\n");
  }
}

TEST_F(MetadataFetcherTest, ErrorsArePerFile) {
  const IndexFile good = wheel("demo-1.0-py3-none-any.whl", metadata_text("demo", "1.0"));
  const IndexFile sdist("demo-1.0.tar.gz", file_url(m_dir / "demo-1.0.tar.gz"));
  write(m_dir / "broken-1.0-py3-none-any.whl", "not a zip at all");
  const IndexFile broken("broken-1.0-py3-none-any.whl",
                         file_url(m_dir / "broken-1.0-py3-none-any.whl"));
  const IndexFile invalid = wheel("demo-1.0-py2-none-any.whl",
                                  "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"
                                  "Requires-Dist: numpy >=\n\n");
  MetadataFetcher fetcher(m_client);
  const IndexFile* files[] = {&good, &sdist, &broken, &invalid};
  const auto results = fetcher.fetch_all(files);
  ASSERT_EQ(results.size(), 4U);
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().causes().front(), "it is not a wheel (sdist)");
  ASSERT_FALSE(results[2]);
  EXPECT_EQ(std::string(results[2].error().what()),
            "cannot read the metadata of broken-1.0-py3-none-any.whl");
  EXPECT_EQ(results[2].error().causes().front(),
            "invalid zip archive: no end of central directory record (not a zip file?)");
  ASSERT_FALSE(results[3]);
  EXPECT_EQ(std::string(results[3].error().what()),
            "invalid metadata in demo-1.0-py2-none-any.whl");
}

TEST_F(MetadataFetcherTest, AnswersAreKeptForTheFetchersLifetime) {
  const IndexFile file = wheel("demo-1.0-py3-none-any.whl", metadata_text("demo", "1.0"));
  MetadataFetcher fetcher(m_client);
  const IndexFile* twice[] = {&file, &file};
  const auto first = fetcher.fetch_all(twice);
  ASSERT_EQ(first.size(), 2U);
  ASSERT_TRUE(first[0] && first[1]);
  std::filesystem::remove(m_dir / "demo-1.0-py3-none-any.whl");
  EXPECT_EQ(fetcher.fetch(file).text, first[0]->text) << "a prefetched answer is not fetched again";
  EXPECT_THROW((void)MetadataFetcher(m_client).fetch(file), Error);
}

TEST_F(MetadataFetcherTest, ReadWheelMetadataFromAFile) {
  const auto path = m_dir / "x.whl";
  write(path, build_zip({{"demo-1.0.dist-info/METADATA", "M"}}));
  EXPECT_EQ(*read_wheel_metadata(path, "demo"), "M");
  EXPECT_FALSE(read_wheel_metadata(m_dir / "missing.whl", "demo"));
}

TEST(Digest, KnownAlgorithms) {
  EXPECT_EQ(hex_digest("sha256", ""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex_digest("md5", ""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_FALSE(hex_digest("nonsense", ""));
  FileHashes hashes;
  ASSERT_TRUE(add_hash(hashes, "md5", "d41d8cd98f00b204e9800998ecf8427e"));
  EXPECT_EQ(check_hashes(hashes, ""), "");
  EXPECT_EQ(
      check_hashes(hashes, "x"),
      "expected md5:d41d8cd98f00b204e9800998ecf8427e, got md5:9dd4e461268c8034f5c8564e155c67a6");
  EXPECT_EQ(check_hashes({}, "x"), "");
}

}  // namespace
}  // namespace gator::index

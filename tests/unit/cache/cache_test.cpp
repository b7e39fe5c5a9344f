#include "cache/cache.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "temp_dir.hpp"
#include "util/error.hpp"

namespace gator::cache {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_wheel = "demo-1.0-py3-none-any.whl";

[[nodiscard]] ino_t inode_of(const fs::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_ino;
}

[[nodiscard]] unsigned mode_of(const fs::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 07777;
}

class CacheTest : public ::testing::Test {
 protected:
  test::TempDir m_dir;
  Cache m_cache = Cache::open(m_dir.path() / "cache");

  // A staging file with `content`, as a download would leave it.
  [[nodiscard]] fs::path staged(std::string_view content) {
    const fs::path path = m_cache.temp_path("download");
    test::write_text(path, content);
    return path;
  }
};

TEST_F(CacheTest, OpenCreatesVersionedLayoutAndTag) {
  const fs::path root = m_dir.path() / "cache";
  EXPECT_EQ(m_cache.root(), root);
  EXPECT_TRUE(fs::is_directory(root / "wheels-v1"));
  EXPECT_TRUE(fs::is_directory(root / "unpacked-v1"));
  EXPECT_TRUE(fs::is_directory(root / "tmp"));
  EXPECT_TRUE(fs::is_regular_file(root / ".lock"));
  EXPECT_TRUE(test::read_text(root / "CACHEDIR.TAG")
                  .starts_with("Signature: 8a477f597d28d172789f06886806bc55\n"));
}

TEST_F(CacheTest, PathsAreContentAddressed) {
  const dist::Sha256 sha = sha256_of("x");
  const std::string& hex = sha.to_string();
  EXPECT_EQ(m_cache.wheel_path(sha, k_wheel),
            m_cache.root() / "wheels-v1" / hex.substr(0, 2) / hex / k_wheel);
  EXPECT_EQ(m_cache.unpacked_path(sha), m_cache.root() / "unpacked-v1" / hex);
  EXPECT_EQ(m_cache.download_path(sha, k_wheel),
            m_cache.root() / "tmp" / (hex + "-" + std::string(k_wheel)));
  EXPECT_FALSE(m_cache.find_wheel(sha, k_wheel));
  EXPECT_FALSE(m_cache.find_unpacked(sha));
}

TEST_F(CacheTest, RefusesFileNamesThatAreNotPlainNames) {
  const dist::Sha256 sha = sha256_of("x");
  for (const std::string_view bad : {"", ".", "..", "a/b.whl", "../x.whl"}) {
    try {
      (void)m_cache.wheel_path(sha, bad);
      FAIL() << bad;
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
      EXPECT_EQ(std::string(error.what()),
                "cannot store \"" + std::string(bad) + "\" in the cache: not a file name");
    }
  }
}

TEST_F(CacheTest, InsertFileConsumesTheTemporaryFileEvenForABadName) {
  const fs::path temp = staged("x");
  EXPECT_THROW((void)m_cache.insert_file(temp, sha256_of("x"), 1, "../x.whl"), Error);
  EXPECT_FALSE(fs::exists(temp));
}

TEST_F(CacheTest, InsertFileVerifiesAndRenames) {
  const fs::path temp = staged("wheel bytes");
  const fs::path stored = m_cache.insert_file(temp, sha256_of("wheel bytes"), 11, k_wheel);
  EXPECT_EQ(stored, m_cache.wheel_path(sha256_of("wheel bytes"), k_wheel));
  EXPECT_EQ(test::read_text(stored), "wheel bytes");
  EXPECT_EQ(mode_of(stored), 0644u);
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_EQ(m_cache.find_wheel(sha256_of("wheel bytes"), k_wheel), stored);
}

TEST_F(CacheTest, InsertFileRefusesHashMismatchAndRemovesTheTemporaryFile) {
  const fs::path temp = staged("tampered!!!");
  const dist::Sha256 expected = sha256_of("wheel bytes");
  try {
    (void)m_cache.insert_file(temp, expected, 11, k_wheel);
    FAIL() << "expected an integrity error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: hash mismatch for demo-1.0-py3-none-any.whl\n"
              "    expected: sha256:" +
                  expected.to_string() +
                  "\n"
                  "    got:      sha256:" +
                  sha256_of("tampered!!!").to_string() + "\n");
  }
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_FALSE(m_cache.find_wheel(expected, k_wheel));
  EXPECT_FALSE(fs::exists(m_cache.wheel_path(sha256_of("tampered!!!"), k_wheel)));
}

TEST_F(CacheTest, InsertFileRefusesSizeMismatch) {
  const fs::path temp = staged("short");
  try {
    (void)m_cache.insert_file(temp, sha256_of("short"), 1, k_wheel);
    FAIL() << "expected an integrity error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    EXPECT_EQ(std::string(error.what()),
              "size mismatch for demo-1.0-py3-none-any.whl\n"
              "    expected: 1 byte\n"
              "    got:      5 bytes");
  }
  EXPECT_FALSE(fs::exists(temp));
}

TEST_F(CacheTest, InsertFileTrustsAStreamedDigestButChecksItAgainstTheExpectedOne) {
  // The digest computed while downloading is used as is (the file is not read again).
  const fs::path temp = staged("abc");
  const FileDigest streamed{sha256_of("abc"), 3};
  EXPECT_NO_THROW((void)m_cache.insert_file(temp, sha256_of("abc"), 3, k_wheel, streamed));

  const fs::path other = staged("abd");
  EXPECT_THROW((void)m_cache.insert_file(other, sha256_of("abc"), 3, "x.whl",
                                         FileDigest{sha256_of("abd"), 3}),
               Error);
  EXPECT_FALSE(fs::exists(other));
}

TEST_F(CacheTest, SecondInsertOfTheSameEntryKeepsTheFirst) {
  const dist::Sha256 sha = sha256_of("same");
  const fs::path first = m_cache.insert_file(staged("same"), sha, 4, k_wheel);
  const ino_t inode = inode_of(first);
  const fs::path again = staged("same");
  EXPECT_EQ(m_cache.insert_file(again, sha, 4, k_wheel), first);
  EXPECT_EQ(inode_of(first), inode);  // never replaced: hard links into venvs stay valid
  EXPECT_FALSE(fs::exists(again));
}

TEST_F(CacheTest, CheckDigestNamesTheFileAndBothValues) {
  const dist::Sha256 sha = sha256_of("from a wheelhouse");
  const FileDigest actual{sha, 17};
  check_digest(actual, sha, 17, k_wheel);  // a match says nothing
  try {
    check_digest(actual, sha256_of("other bytes here!"), 17, "other.whl");
    FAIL() << "expected an integrity error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::integrity);
    EXPECT_TRUE(std::string(error.what()).starts_with("hash mismatch for other.whl\n"));
  }
  try {
    check_digest(actual, sha, 16, "short.whl");
    FAIL() << "expected an integrity error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "size mismatch for short.whl\n    expected: 16 bytes\n    got:      17 bytes");
  }
}

TEST_F(CacheTest, StagingDirIsPrivateAndRemovedUnlessInserted) {
  fs::path path;
  {
    StagingDir dir = m_cache.create_staging_dir("unpack");
    path = dir.path();
    EXPECT_EQ(path.parent_path(), m_cache.staging_dir());
    EXPECT_EQ(mode_of(path), 0700u);
    test::write_text(path / "file", "x");
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(CacheTest, InsertTreeRenamesOnceAndKeepsAnExistingTree) {
  const dist::Sha256 sha = sha256_of("wheel");
  StagingDir first = m_cache.create_staging_dir("unpack");
  test::write_text(first.path() / "a.txt", "first");
  const fs::path tree = m_cache.insert_tree(std::move(first), sha);
  EXPECT_EQ(tree, m_cache.unpacked_path(sha));
  EXPECT_EQ(mode_of(tree), 0755u);
  EXPECT_EQ(m_cache.find_unpacked(sha), tree);

  StagingDir second = m_cache.create_staging_dir("unpack");
  const fs::path second_path = second.path();
  test::write_text(second.path() / "a.txt", "second");
  EXPECT_EQ(m_cache.insert_tree(std::move(second), sha), tree);
  EXPECT_EQ(test::read_text(tree / "a.txt"), "first");
  EXPECT_FALSE(fs::exists(second_path));
}

TEST_F(CacheTest, OpenFailsWithAnIoErrorWhenTheRootCannotBeCreated) {
  test::write_text(m_dir.path() / "file", "");
  try {
    (void)Cache::open(m_dir.path() / "file" / "cache");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_TRUE(
        std::string(error.what())
            .starts_with("cannot create directory " + (m_dir.path() / "file/cache").string()))
        << error.what();
  }
}

}  // namespace
}  // namespace gator::cache

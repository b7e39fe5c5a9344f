#include "cache/sha256_hasher.hpp"

#include <string>

#include <gtest/gtest.h>

#include "temp_dir.hpp"
#include "util/error.hpp"

namespace gator::cache {
namespace {

TEST(Sha256HasherTest, KnownVectors) {
  EXPECT_EQ(sha256_of("").to_string(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_of("abc").to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").to_string(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256HasherTest, StreamingEqualsOneShotAndRestartsAfterFinish) {
  std::string text;
  for (int i = 0; i < 100000; ++i)
    text += static_cast<char>('a' + i % 26);
  Sha256Hasher hasher;
  for (std::size_t at = 0; at < text.size(); at += 4093)
    hasher.update(std::string_view(text).substr(at, 4093));
  EXPECT_EQ(hasher.size(), text.size());
  EXPECT_EQ(hasher.finish(), sha256_of(text));
  EXPECT_EQ(hasher.size(), 0u);
  hasher.update("abc");
  EXPECT_EQ(hasher.finish(), sha256_of("abc"));
}

TEST(Sha256HasherTest, HashFileReportsDigestAndSize) {
  test::TempDir dir;
  test::write_text(dir.path() / "f", "hello\n");
  const FileDigest digest = hash_file(dir.path() / "f");
  EXPECT_EQ(digest.size, 6u);
  EXPECT_EQ(digest.sha256, sha256_of("hello\n"));
}

TEST(Sha256HasherTest, UtilDigestsConvertToFileDigests) {
  const util::Sha256Digest digest = util::sha256_of("hello\n");
  EXPECT_EQ(to_file_digest(digest), (FileDigest{sha256_of("hello\n"), 6}));
  EXPECT_EQ(to_file_digest(digest).sha256.bytes(), digest.bytes);
}

TEST(Sha256HasherTest, HashFileOfMissingFileIsAnIoError) {
  test::TempDir dir;
  try {
    (void)hash_file(dir.path() / "missing");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_EQ(std::string(error.what()),
              "cannot open " + (dir.path() / "missing").string() + ": No such file or directory");
  }
}

}  // namespace
}  // namespace gator::cache

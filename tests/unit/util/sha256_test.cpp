#include "util/sha256.hpp"

#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/error.hpp"

namespace gator::util {
namespace {

// NIST FIPS 180-2 examples (and the 1,000,000 x 'a' message).
constexpr std::string_view k_empty =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view k_abc =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr std::string_view k_448_bit_message =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view k_448_bit =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
constexpr std::string_view k_million_a =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

[[nodiscard]] std::string hex_of(Sha256Hasher& hasher) {
  return to_hex(hasher.finish());
}

// A private directory under $TMPDIR (or /tmp), removed with everything in it.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/gator-util-sha-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

  [[nodiscard]] std::filesystem::path write(const std::string& name, std::string_view text) const {
    std::ofstream out(m_path / name, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    return m_path / name;
  }

 private:
  std::filesystem::path m_path;
};

TEST(Sha256HasherTest, NistVectors) {
  Sha256Hasher hasher;
  EXPECT_EQ(hex_of(hasher), k_empty);
  hasher.update("abc");
  EXPECT_EQ(hex_of(hasher), k_abc);
  hasher.update(k_448_bit_message);
  EXPECT_EQ(hex_of(hasher), k_448_bit);
}

TEST(Sha256HasherTest, MillionAsInOddChunkSizes) {
  const std::string million(1'000'000, 'a');
  for (const std::size_t chunk : {1'000'000UL, 1UL, 3UL, 63UL, 65UL, 4093UL, 999'999UL}) {
    Sha256Hasher hasher;
    for (std::size_t at = 0; at < million.size(); at += chunk)
      hasher.update(std::string_view(million).substr(at, chunk));
    EXPECT_EQ(hasher.size(), 1'000'000U) << chunk;
    EXPECT_EQ(hex_of(hasher), k_million_a) << chunk;
  }
}

TEST(Sha256HasherTest, ByteSpansAndEmptyUpdates) {
  const std::string text = "abc";
  Sha256Hasher hasher;
  hasher.update(std::span<const std::byte>());
  hasher.update(std::string_view());
  hasher.update(std::as_bytes(std::span(text.data(), 1)));
  hasher.update(std::as_bytes(std::span(text.data() + 1, 2)));
  EXPECT_EQ(hasher.size(), 3U);
  EXPECT_EQ(hex_of(hasher), k_abc);
}

TEST(Sha256HasherTest, FinishStartsOverAndFinishDigestKeepsTheSize) {
  Sha256Hasher hasher;
  hasher.update("ab");
  hasher.update("c");
  const Sha256Digest digest = hasher.finish_digest();
  EXPECT_EQ(to_hex(digest.bytes), k_abc);
  EXPECT_EQ(digest.size, 3U);
  EXPECT_EQ(hasher.size(), 0U);
  EXPECT_EQ(hasher.finish_digest(), (Sha256Digest{sha256_of("").bytes, 0}));
  EXPECT_EQ(sha256_of("abc"), digest);
  EXPECT_NE(sha256_of("abd"), digest);
}

TEST(Sha256HasherTest, MovedHasherKeepsItsState) {
  Sha256Hasher first;
  first.update("a");
  Sha256Hasher second(std::move(first));
  second.update("b");
  Sha256Hasher third;
  third = std::move(second);
  third.update("c");
  EXPECT_EQ(third.size(), 3U);
  EXPECT_EQ(hex_of(third), k_abc);
}

TEST(Sha256FileTest, HashFileGivesDigestAndSize) {
  const TempDir dir;
  const std::string content(200'000, 'a');
  const Sha256Digest digest = hash_file(dir.write("f", content));
  EXPECT_EQ(digest, sha256_of(content));
  EXPECT_EQ(digest.size, 200'000U);
  EXPECT_EQ(to_hex(hash_file(dir.write("empty", "")).bytes), k_empty);
}

TEST(Sha256FileTest, UpdateFromFileContinuesAHasher) {
  const TempDir dir;
  Sha256Hasher hasher;
  hasher.update("a");
  update_from_file(hasher, dir.write("rest", "bc"));
  EXPECT_EQ(hasher.size(), 3U);
  EXPECT_EQ(hex_of(hasher), k_abc);
}

TEST(Sha256FileTest, HashDescriptorStartsAtTheCurrentOffset) {
  const TempDir dir;
  const auto path = dir.write("f", "xyzabc");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::lseek(fd, 3, SEEK_SET), 3);
  const Sha256Digest digest = hash_descriptor(fd, path);
  ::close(fd);
  EXPECT_EQ(to_hex(digest.bytes), k_abc);
  EXPECT_EQ(digest.size, 3U);
}

TEST(Sha256FileTest, HashWholeDescriptorReadsFromTheStartAndLeavesTheOffset) {
  const TempDir dir;
  // More than one 1 MiB read, not a multiple of it.
  std::string content(3'000'017, 'q');
  content[2'500'000] = 'z';
  const auto path = dir.write("big", content);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::lseek(fd, 5, SEEK_SET), 5);
  const Sha256Digest digest = hash_whole_descriptor(fd, path);
  const off_t offset_after = ::lseek(fd, 0, SEEK_CUR);
  ::close(fd);
  EXPECT_EQ(digest, sha256_of(content));
  EXPECT_EQ(digest.size, content.size());
  EXPECT_EQ(offset_after, 5);
}

TEST(Sha256FileTest, UnreadableFilesAreIoErrorsNamingThePath) {
  const TempDir dir;
  const auto missing = dir.path() / "missing";
  try {
    (void)hash_file(missing);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_EQ(std::string(error.what()),
              "cannot open " + missing.string() + ": No such file or directory");
  }
  try {
    (void)hash_file(dir.path());
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_EQ(std::string(error.what()), "cannot read " + dir.path().string() + ": Is a directory");
  }
}

TEST(DigestByNameTest, KnownAndUnknownAlgorithms) {
  EXPECT_EQ(hex_digest("sha256", "abc"), k_abc);
  EXPECT_EQ(hex_digest("md5", ""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex_digest("sha1", "abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex_digest("sha512", "abc").value_or("").size(), 128U);
  EXPECT_FALSE(hex_digest("nonsense", "abc"));
  EXPECT_FALSE(hex_digest("", "abc"));
  EXPECT_FALSE(hex_digest(std::string_view("sha256\0x", 8), "abc"));
}

TEST(DigestByNameTest, ToHex) {
  const std::vector<std::uint8_t> bytes{0x00, 0x0f, 0xa5, 0xff};
  EXPECT_EQ(to_hex(bytes), "000fa5ff");
  EXPECT_EQ(to_hex({}), "");
}

}  // namespace
}  // namespace gator::util

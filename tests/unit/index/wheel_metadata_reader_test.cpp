#include "index/wheel_metadata_reader.hpp"

#include <gtest/gtest.h>

#include "zip_builder.hpp"

namespace gator::index {
namespace {

using testing::build_zip;
using testing::metadata_text;
using testing::ZipMember;
using testing::ZipOptions;

// Serves `reader`'s reads from `archive` as an HTTP server with ranges would (the first,
// suffix read learns the size); returns the reads made.
std::vector<ByteRequest> drive(WheelMetadataReader& reader, const std::string& archive) {
  std::vector<ByteRequest> reads;
  while (!reader.done()) {
    const ByteRequest read = *reader.next();
    reads.push_back(read);
    if (read.suffix) {
      const std::size_t length = std::min<std::size_t>(read.length, archive.size());
      reader.supply(archive.size() - length, archive.substr(archive.size() - length),
                    archive.size());
    } else {
      EXPECT_LE(read.offset + read.length, archive.size());
      reader.supply(read.offset, archive.substr(read.offset, read.length));
    }
  }
  return reads;
}

[[nodiscard]] std::string pseudo_random(std::size_t size, std::uint32_t seed = 1) {
  std::string out(size, '\0');
  for (char& c : out) {
    seed = seed * 1103515245 + 12345;
    c = static_cast<char>(seed >> 24);
  }
  return out;
}

const std::string k_metadata = metadata_text("demo", "1.0", "Requires-Dist: numpy>=1.24\n");

TEST(WheelMetadataReader, SmallWheelInOneRead) {
  const std::string wheel = build_zip({{"demo/__init__.py", "print('hi')\n"},
                                       {"demo-1.0.dist-info/METADATA", k_metadata},
                                       {"demo-1.0.dist-info/RECORD", ""}});
  WheelMetadataReader reader("demo");
  const auto reads = drive(reader, wheel);
  ASSERT_TRUE(reader.result()) << reader.result().error().message;
  EXPECT_EQ(*reader.result(), k_metadata);
  ASSERT_EQ(reads.size(), 1U);
  EXPECT_TRUE(reads[0].suffix);
  EXPECT_EQ(reads[0].length, k_default_tail_bytes);
}

TEST(WheelMetadataReader, LargeMemberBeforeMetadataCostsOnlyTheTail) {
  const std::string wheel = build_zip({{"demo/blob.bin", pseudo_random(5 << 20), false},
                                       {"demo-1.0.dist-info/METADATA", k_metadata},
                                       {"demo-1.0.dist-info/RECORD", "x"}});
  WheelMetadataReader reader("demo");
  (void)drive(reader, wheel);
  ASSERT_TRUE(reader.result());
  EXPECT_EQ(*reader.result(), k_metadata);
  EXPECT_EQ(reader.reads(), 1U);
  EXPECT_LE(reader.bytes_supplied(), k_default_tail_bytes);
}

TEST(WheelMetadataReader, MetadataFarFromTheEndNeedsTheDirectoryThenTheMember) {
  // METADATA first, then 1 MiB: the tail holds the directory but not the member.
  const std::string wheel = build_zip({{"demo-1.0.dist-info/METADATA", k_metadata},
                                       {"demo/blob.bin", pseudo_random(1 << 20), false}});
  WheelMetadataReader reader("demo");
  const auto reads = drive(reader, wheel);
  ASSERT_TRUE(reader.result()) << reader.result().error().message;
  EXPECT_EQ(*reader.result(), k_metadata);
  ASSERT_EQ(reads.size(), 2U);
  EXPECT_EQ(reads[1].offset, 0U);
  EXPECT_LT(reads[1].length, 2048U);
  EXPECT_LT(reader.bytes_supplied(), k_default_tail_bytes + 2048);
}

TEST(WheelMetadataReader, CentralDirectoryLargerThanTheTail) {
  std::vector<ZipMember> members;
  members.push_back({"demo-1.0.dist-info/METADATA", k_metadata});
  for (int i = 0; i < 3000; ++i)
    members.push_back(
        {"demo/include/some/long/header/path/number_" + std::to_string(i) + ".h", "x", false});
  const std::string wheel = build_zip(members);
  WheelMetadataReader reader("demo", std::nullopt, 16 * 1024);
  const auto reads = drive(reader, wheel);
  ASSERT_TRUE(reader.result()) << reader.result().error().message;
  EXPECT_EQ(*reader.result(), k_metadata);
  // Tail; the rest of the directory (METADATA's entry is first); the member.
  EXPECT_EQ(reads.size(), 3U);
}

TEST(WheelMetadataReader, DistInfoLastInALargeDirectoryIsFoundInThePartialDirectory) {
  std::vector<ZipMember> members;
  for (int i = 0; i < 3000; ++i)
    members.push_back(
        {"demo/include/some/long/header/path/number_" + std::to_string(i) + ".h", "x", false});
  members.push_back({"demo-1.0.dist-info/METADATA", k_metadata});
  members.push_back({"demo-1.0.dist-info/RECORD", ""});
  const std::string wheel = build_zip(members);
  ASSERT_GT(wheel.size(), 200U * 1024);
  WheelMetadataReader reader("demo", std::nullopt, 16 * 1024);
  const auto reads = drive(reader, wheel);
  ASSERT_TRUE(reader.result()) << reader.result().error().message;
  EXPECT_EQ(*reader.result(), k_metadata);
  // The tail holds the directory's last entries, METADATA's among them, but not the member,
  // which comes before the 200 KiB directory: one more small read, never the whole directory.
  ASSERT_EQ(reads.size(), 2U);
  EXPECT_LT(reads[1].length, 2048U);
}

TEST(WheelMetadataReader, Zip64PrependedDataCommentAndLocalExtra) {
  ZipOptions options;
  options.zip64 = true;
  options.prefix = std::string(777, 'P');
  options.comment = "a comment";
  const std::string wheel =
      build_zip({{"demo/x.py", "x = 1\n"},
                 {"demo-1.0.dist-info/METADATA", k_metadata, true, std::string(300, '\0')}},
                options);
  WheelMetadataReader reader("demo");
  (void)drive(reader, wheel);
  ASSERT_TRUE(reader.result()) << reader.result().error().message;
  EXPECT_EQ(*reader.result(), k_metadata);
}

TEST(WheelMetadataReader, KnownSizeStartsWithAPlainRange) {
  const std::string wheel = build_zip({{"demo-1.0.dist-info/METADATA", k_metadata}});
  WheelMetadataReader reader("demo", wheel.size());
  ASSERT_TRUE(reader.next());
  EXPECT_FALSE(reader.next()->suffix);
  EXPECT_EQ(reader.next()->offset, 0U);
  EXPECT_EQ(reader.next()->length, wheel.size());
  (void)drive(reader, wheel);
  EXPECT_EQ(*reader.result(), k_metadata);
}

TEST(WheelMetadataReader, PicksTheDistInfoOfTheProject) {
  const std::string wheel =
      build_zip({{"other-2.0.dist-info/METADATA", metadata_text("other", "2.0")},
                 {"Demo_Pkg-1.0.dist-info/METADATA", k_metadata}});
  WheelMetadataReader reader("demo-pkg");
  (void)drive(reader, wheel);
  ASSERT_TRUE(reader.result());
  EXPECT_EQ(*reader.result(), k_metadata);
}

struct BadCase {
  const char* what;
  std::string archive;
  const char* message;
};

TEST(WheelMetadataReader, Errors) {
  std::string corrupt = build_zip({{"demo-1.0.dist-info/METADATA", k_metadata}});
  // Member data starts after the 30-byte local header and the 27-byte name.
  corrupt[58] = static_cast<char>(corrupt[58] ^ 0x55);
  std::string bad_crc = build_zip({{"demo-1.0.dist-info/METADATA", k_metadata, false}});
  bad_crc[62] = '!';
  const BadCase cases[] = {
      {"not a zip", std::string(1000, 'x'),
       "invalid zip archive: no end of central directory record (not a zip file?)"},
      {"no metadata", build_zip({{"demo/x.py", ""}}),
       "the wheel has no .dist-info/METADATA (is it a wheel at all?)"},
      {"two foreign dist-infos",
       build_zip({{"a-1.dist-info/METADATA", ""}, {"b-1.dist-info/METADATA", ""}}),
       "the wheel has several .dist-info directories and none is named after demo"},
      {"empty zip", build_zip({}), "the wheel is an empty zip archive"},
      {"crc", bad_crc, "demo-1.0.dist-info/METADATA: CRC-32 mismatch: the data is corrupt"},
  };
  for (const BadCase& c : cases) {
    WheelMetadataReader reader("demo");
    (void)drive(reader, c.archive);
    ASSERT_FALSE(reader.result()) << c.what;
    EXPECT_EQ(reader.result().error().message, c.message) << c.what;
  }
  WheelMetadataReader reader("demo");
  (void)drive(reader, corrupt);
  ASSERT_FALSE(reader.result());
  EXPECT_TRUE(reader.result().error().message.starts_with(
      "demo-1.0.dist-info/METADATA: corrupt deflate data"))
      << reader.result().error().message;
}

TEST(WheelMetadataReader, AnswersThatDoNotMatchTheRequestsEndInAnError) {
  WheelMetadataReader reader("demo");
  for (int i = 0; i < 20 && !reader.done(); ++i)
    reader.supply(0, "", 100000);  // never the bytes asked for
  ASSERT_TRUE(reader.done());
  EXPECT_FALSE(reader.result());
}

TEST(WheelMetadataReader, UnknownSizeIsAnError) {
  WheelMetadataReader reader("demo");
  reader.supply(0, "PK");
  ASSERT_TRUE(reader.done());
  EXPECT_EQ(reader.result().error().message,
            "the size of the wheel is unknown (no Content-Range in the server's answer)");
}

TEST(ExtractMember, StoredDeflatedAndUnsupported) {
  zip::Entry entry;
  entry.name = "m";
  entry.method = 0;
  entry.compressed_size = entry.uncompressed_size = 3;
  entry.crc32 = testing::crc_of("abc");
  EXPECT_EQ(*extract_member("abc", entry), "abc");
  EXPECT_FALSE(extract_member("ab", entry));
  entry.method = 12;
  EXPECT_EQ(extract_member("abc", entry).error().message,
            "m: unsupported compression method 12 (wheels use deflate)");
  const std::string text(100000, 'a');
  const std::string deflated = testing::raw_deflate(text);
  entry.method = 8;
  entry.compressed_size = deflated.size();
  entry.uncompressed_size = text.size();
  entry.crc32 = testing::crc_of(text);
  EXPECT_EQ(*extract_member(deflated, entry), text);
  entry.uncompressed_size = 10;  // a "zip bomb" that lies about its size
  EXPECT_FALSE(extract_member(deflated, entry));
}

}  // namespace
}  // namespace gator::index

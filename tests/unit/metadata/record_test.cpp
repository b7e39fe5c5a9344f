#include "metadata/record.hpp"

#include <gtest/gtest.h>

#include "metadata/text_lines.hpp"

namespace gator::metadata {
namespace {

// sha256("test1\n"), as pypa/installer's tests record it.
constexpr std::string_view k_test1_hash = "sha256=Y0sCextp4SQtQNU-MSs7SsdxD1W-gfKJtUlEbvZ3i-4";

Sha256Digest test1_digest() {
  const auto hash = parse_record_hash(k_test1_hash);
  Sha256Digest digest{};
  std::copy(hash->digest.begin(), hash->digest.end(), digest.begin());
  return digest;
}

TEST(RecordHashTest, DecodesAndEncodesSha256) {
  const auto hash = parse_record_hash(k_test1_hash);
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_EQ(hash->algorithm, HashAlgorithm::sha256);
  EXPECT_EQ(hash->algorithm_name, "sha256");
  EXPECT_EQ(hash->strength(), HashStrength::acceptable);
  ASSERT_EQ(hash->digest.size(), 32u);
  EXPECT_EQ(hash->digest[0], 0x63);
  EXPECT_EQ(format_sha256(test1_digest()), k_test1_hash);
}

TEST(RecordHashTest, Base64UrlWithoutPadding) {
  const std::vector<std::uint8_t> bytes{0xfb, 0xff, 0xbf, 0x00, 0x10};
  EXPECT_EQ(encode_base64url_nopad(bytes), "-_-_ABA");
  EXPECT_EQ(decode_base64url_nopad("-_-_ABA"), bytes);
  EXPECT_EQ(decode_base64url_nopad("-_-_ABA="), bytes);  // padding tolerated
  EXPECT_EQ(encode_base64url_nopad({}), "");
  EXPECT_EQ(decode_base64url_nopad(""), std::vector<std::uint8_t>{});
  EXPECT_FALSE(decode_base64url_nopad("+/+/"));     // standard alphabet
  EXPECT_FALSE(decode_base64url_nopad("-_-_ABB"));  // leftover bits set
  EXPECT_FALSE(decode_base64url_nopad("A"));        // impossible length
  EXPECT_FALSE(decode_base64url_nopad("AB="));      // misplaced padding
  EXPECT_FALSE(decode_base64url_nopad("A=B"));
}

TEST(RecordHashTest, WeakAndUnknownAlgorithms) {
  // The wheel spec forbids md5 and sha1 (RECORD hashes protect signed wheels).
  const auto md5 = parse_record_hash("md5=" + std::string(22, 'A'));
  ASSERT_TRUE(md5) << md5.error().message;
  EXPECT_EQ(md5->strength(), HashStrength::weak);
  const auto sha1 = parse_record_hash("sha1=" + std::string(27, 'A'));
  ASSERT_TRUE(sha1) << sha1.error().message;
  EXPECT_EQ(sha1->strength(), HashStrength::weak);
  const auto sha512 = parse_record_hash("sha512=" + std::string(86, 'A'));
  ASSERT_TRUE(sha512);
  EXPECT_EQ(sha512->strength(), HashStrength::acceptable);
  const auto other = parse_record_hash("whirlpool=AAAA");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->algorithm, HashAlgorithm::unknown);
  EXPECT_EQ(other->strength(), HashStrength::unknown);
  EXPECT_EQ(hash_strength(HashAlgorithm::shake_256), HashStrength::unknown);
  EXPECT_EQ(digest_size(HashAlgorithm::blake2b), 64u);
}

TEST(RecordHashTest, MalformedHashes) {
  const auto no_equals = parse_record_hash("sha256");
  ASSERT_FALSE(no_equals);
  EXPECT_EQ(no_equals.error().message,
            "hash must be written as <algorithm>=<urlsafe base64 digest>");
  const auto short_digest = parse_record_hash("sha256=AAAA");
  ASSERT_FALSE(short_digest);
  EXPECT_EQ(short_digest.error().message, "a sha256 digest has 32 bytes, this one has 3");
  EXPECT_EQ(short_digest.error().offset, 7u);
  // The backslash pypa/installer's tests carry is not base64.
  const auto escaped = parse_record_hash("sha256=AVTFPZpEKzuHr7OvQZmhaU3LvwKz06AJw8mT\\_pNh2yI");
  ASSERT_FALSE(escaped);
  EXPECT_NE(escaped.error().message.find("not urlsafe base64"), std::string::npos);
}

TEST(RecordTest, ParsesCsvQuotingAndLineEndings) {
  const std::string text =
      "pkg/__init__.py,sha256=Y0sCextp4SQtQNU-MSs7SsdxD1W-gfKJtUlEbvZ3i-4,6\r\n"
      "\"pkg/a,b.py\",,\r\n"
      "\"pkg/say \"\"hi\"\".txt\",,12\n"
      "\"pkg/two\nlines\",,\n"
      "\n"
      "pkg\\win\\style.py,,0\r"
      "pkg-1.0.dist-info/RECORD,,";
  const auto entries = parse_record(text);
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 6u);
  EXPECT_EQ((*entries)[0], (RecordEntry{"pkg/__init__.py", std::string(k_test1_hash), 6}));
  EXPECT_EQ((*entries)[1], (RecordEntry{"pkg/a,b.py", "", std::nullopt}));
  EXPECT_EQ((*entries)[2].path, "pkg/say \"hi\".txt");
  EXPECT_EQ((*entries)[2].size, 12u);
  EXPECT_EQ((*entries)[3].path, "pkg/two\nlines");
  EXPECT_EQ((*entries)[4].path, "pkg/win/style.py");
  EXPECT_EQ((*entries)[4].size, 0u);
  EXPECT_EQ((*entries)[5].path, "pkg-1.0.dist-info/RECORD");

  const std::string written = write_record(*entries);
  EXPECT_EQ(written,
            "pkg/__init__.py,sha256=Y0sCextp4SQtQNU-MSs7SsdxD1W-gfKJtUlEbvZ3i-4,6\n"
            "\"pkg/a,b.py\",,\n"
            "\"pkg/say \"\"hi\"\".txt\",,12\n"
            "\"pkg/two\nlines\",,\n"
            "pkg/win/style.py,,0\n"
            "pkg-1.0.dist-info/RECORD,,\n");
  const auto again = parse_record(written);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *entries);
}

TEST(RecordTest, PythonCsvOddities) {
  // Text after a closing quote is kept; a quote inside an unquoted field is a character.
  const auto entries = parse_record("\"ab\"c,,\na\"b,,\n");
  ASSERT_TRUE(entries);
  EXPECT_EQ((*entries)[0].path, "abc");
  EXPECT_EQ((*entries)[1].path, "a\"b");
}

struct BadRecord {
  const char* text;
  std::size_t line;
  std::size_t column;
  const char* message;
};

TEST(RecordTest, ErrorsPointAtTheRow) {
  const BadRecord cases[] = {
      {"a.py,,\nb.py,,,\n", 2, 1, "invalid RECORD row: expected 3 fields (path,hash,size), got 4"},
      {"a.py\n", 1, 1, "invalid RECORD row: expected 3 fields (path,hash,size), got 1"},
      {"a.py,,\n,,1\n", 2, 1, "invalid RECORD row: the path must not be empty"},
      {"a.py,,-1\n", 1, 7,
       "invalid RECORD row: the size must be a decimal number of bytes (or left empty), not `-1`"},
      {"a.py,,99999999999999999999\n", 1, 7, "invalid RECORD row: the size must be"},
      {"a.py,md5,1\n", 1, 6,
       "invalid RECORD row: the hash must be written as <algorithm>=<digest> (or left empty)"},
      {"a.py,,\n\"b.py,,\n", 2, 1, "quoted field is not closed (missing '\"')"},
  };
  for (const BadRecord& bad : cases) {
    SCOPED_TRACE(bad.text);
    const auto entries = parse_record(bad.text);
    ASSERT_FALSE(entries);
    EXPECT_EQ(entries.error().message.substr(0, std::string_view(bad.message).size()), bad.message);
    const SourceLocation where = source_location(entries.error(), "RECORD");
    EXPECT_EQ(where.line, bad.line);
    EXPECT_EQ(where.column, bad.column);
  }
}

TEST(RecordTest, MakeEntryNamesEveryProblem) {
  const auto entry = make_record_entry("", "nohash", "x");
  ASSERT_FALSE(entry);
  EXPECT_EQ(entry.error().message,
            "invalid RECORD row: the path must not be empty; the hash must be written as "
            "<algorithm>=<digest> (or left empty); the size must be a decimal number of bytes "
            "(or left empty), not `x`");
  const auto quoted = make_record_entry("a,\"b\"", "", "18446744073709551");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->path, "a,\"b\"");
  EXPECT_EQ(quoted->size, 18446744073709551u);
}

TEST(RecordTest, HashMayBeOmittedOnlyForRecordAndPyc) {
  EXPECT_TRUE(may_omit_hash("torch-2.3.1.dist-info/RECORD"));
  EXPECT_TRUE(may_omit_hash("torch-2.3.1.dist-info/RECORD.jws"));
  EXPECT_TRUE(may_omit_hash("torch-2.3.1.dist-info/RECORD.p7s"));
  EXPECT_TRUE(may_omit_hash("torch/__pycache__/x.cpython-311.pyc"));
  EXPECT_FALSE(may_omit_hash("torch/RECORD"));
  EXPECT_FALSE(may_omit_hash("RECORD"));
  EXPECT_FALSE(may_omit_hash("torch-2.3.1.dist-info/METADATA"));
}

TEST(RecordTest, CheckFile) {
  const Sha256Digest digest = test1_digest();
  Sha256Digest other = digest;
  other[31] ^= 1;
  const RecordEntry full{"a.py", std::string(k_test1_hash), 6};
  EXPECT_EQ(check_file(full, digest, 6), FileCheck::matches);
  EXPECT_EQ(check_file(full, digest, 7), FileCheck::size_mismatch);
  EXPECT_EQ(check_file(full, other, 6), FileCheck::hash_mismatch);
  EXPECT_EQ(check_file(RecordEntry{"a.py", "", std::nullopt}, other, 1), FileCheck::matches);
  EXPECT_EQ(check_file(RecordEntry{"a.py", "sha512=" + std::string(86, 'A'), 6}, digest, 6),
            FileCheck::hash_not_sha256);
  EXPECT_EQ(check_file(RecordEntry{"a.py", "sha256=!!", 6}, digest, 6), FileCheck::malformed_hash);
  EXPECT_STREQ(to_string(FileCheck::hash_mismatch), "hash mismatch");
}

}  // namespace
}  // namespace gator::metadata

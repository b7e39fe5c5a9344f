#include <gtest/gtest.h>

#include "index/project_page.hpp"

namespace gator::index {
namespace {

const http::RedactedUrl k_page = http::RedactedUrl::from("https://pypi.example/simple/holygrail/");

TEST(JsonPage, Pep691And700) {
  const auto page = parse_json_page(R"({
    "meta": {"api-version": "1.1", "_last-serial": 42},
    "name": "holygrail",
    "files": [
      {"filename": "holygrail-1.0.tar.gz", "url": "https://files.example/holygrail-1.0.tar.gz",
       "hashes": {"sha256": "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                  "blake2b_256": "abcdef"},
       "requires-python": ">=3.7", "yanked": "Had a vulnerability", "size": 1234,
       "upload-time": "2024-06-05T16:02:41.123456Z"},
      {"filename": "holygrail-1.0-py3-none-any.whl", "url": "../../files/holygrail-1.0-py3-none-any.whl",
       "hashes": {}, "dist-info-metadata": {"sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
       "yanked": false, "gpg-sig": false, "size": 0, "upload-time": "2024-06-05T16:02:41Z"},
      {"filename": "holygrail-2.0-py3-none-any.whl", "url": "holygrail-2.0-py3-none-any.whl",
       "hashes": {"sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
       "core-metadata": true, "dist-info-metadata": false, "yanked": true,
       "requires-python": null, "size": null}
    ],
    "versions": ["1.0", "2.0"]
  })",
                                    k_page);
  ASSERT_TRUE(page) << page.error().render();
  EXPECT_EQ(page->format, PageFormat::json);
  EXPECT_EQ(page->api_version, "1.1");
  EXPECT_EQ(page->name, "holygrail");
  EXPECT_EQ(page->versions, (std::vector<std::string>{"1.0", "2.0"}));
  EXPECT_TRUE(page->warnings.empty());
  ASSERT_EQ(page->files.size(), 3U);

  const IndexFile& sdist = page->files[0];
  EXPECT_EQ(sdist.kind(), FileKind::sdist);
  EXPECT_EQ(sdist.hashes.sha256->to_string(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sdist.hashes.other.at("blake2b_256"), "abcdef");
  EXPECT_EQ(sdist.requires_python_text, ">=3.7");
  EXPECT_EQ(sdist.yanked, "Had a vulnerability");
  EXPECT_EQ(sdist.size, 1234U);
  EXPECT_EQ(sdist.upload_time, "2024-06-05T16:02:41.123456Z");
  EXPECT_FALSE(sdist.core_metadata);

  const IndexFile& wheel = page->files[1];
  EXPECT_EQ(wheel.url().display(), "https://pypi.example/files/holygrail-1.0-py3-none-any.whl");
  EXPECT_FALSE(wheel.yanked);
  ASSERT_TRUE(wheel.core_metadata);
  EXPECT_TRUE(wheel.core_metadata->hashes.sha256);
  EXPECT_EQ(wheel.size, 0U);

  const IndexFile& yanked = page->files[2];
  EXPECT_EQ(yanked.yanked, "");
  ASSERT_TRUE(yanked.core_metadata) << "core-metadata wins over dist-info-metadata";
  EXPECT_TRUE(yanked.core_metadata->hashes.empty());
  EXPECT_FALSE(yanked.requires_python_text);
  EXPECT_FALSE(yanked.size);
}

TEST(JsonPage, FilenameComesFromTheEntryNotTheUrl) {
  const auto page = parse_json_page(
      R"({"meta": {"api-version": "1.0"}, "name": "x", "files": [
        {"filename": "x-1.0.tar.gz", "url": "https://h/download?id=17", "hashes": {}}]})",
      k_page);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->files.size(), 1U);
  EXPECT_EQ(page->files[0].filename(), "x-1.0.tar.gz");
  EXPECT_EQ(page->files[0].url().display(), "https://h/download?id=17");
}

TEST(JsonPage, MalformedEntriesAreSkippedWithWarnings) {
  const auto page = parse_json_page(
      R"({"meta": {"api-version": "1.0"}, "name": "x", "files": [
        {"filename": "x-1.0.tar.gz"},
        {"url": "x-1.0.tar.gz"},
        {"filename": 3, "url": "x"},
        7,
        {"filename": "x-2.0.tar.gz", "url": "x-2.0.tar.gz", "hashes": {"sha256": "short", "md5": 5},
         "size": -1, "upload-time": "yesterday", "requires-python": ">=3.x"},
        {"filename": "a/b", "url": "x-3.0.tar.gz", "hashes": {}}
      ]})",
      k_page);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->files.size(), 1U);
  EXPECT_TRUE(page->files[0].hashes.empty());
  EXPECT_FALSE(page->files[0].size);
  EXPECT_FALSE(page->files[0].upload_time);
  EXPECT_FALSE(page->files[0].requires_python);
  std::vector<std::string> messages;
  for (const PageWarning& warning : page->warnings)
    messages.push_back(warning.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "skipped files[0]: it needs a filename and a url string",
                          "skipped files[1]: it needs a filename and a url string",
                          "skipped files[2]: it needs a filename and a url string",
                          "skipped files[3]: it needs a filename and a url string",
                          "ignored the malformed sha256 hash \"short\" of x-2.0.tar.gz",
                          "ignored the invalid Requires-Python \">=3.x\" of x-2.0.tar.gz",
                          "ignored the invalid size of x-2.0.tar.gz",
                          "ignored the invalid upload-time of x-2.0.tar.gz",
                          "skipped a link without a filename: \"x-3.0.tar.gz\"",
                      }));
}

TEST(JsonPage, StructuralErrors) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"[]", "invalid simple API page: expected an object"},
      {"{}", "invalid simple API page: meta.api-version is missing"},
      {R"({"meta": {"api-version": 1}})", "invalid simple API page: meta.api-version is missing"},
      {R"({"meta": {"api-version": "2.0"}, "files": []})",
       "unsupported simple API version 2.0: this build reads version 1"},
      {R"({"meta": {"api-version": "1"}, "files": []})",
       "invalid simple API version \"1\": expected MAJOR.MINOR"},
      {R"({"meta": {"api-version": "1.0"}})",
       "invalid simple API page: expected a `files` array, found nothing"},
      {R"({"meta": {"api-version": "1.0"}, "files": {}})",
       "invalid simple API page: expected a `files` array, found object"},
  };
  for (const Case& c : cases) {
    const auto page = parse_json_page(c.text, k_page);
    ASSERT_FALSE(page) << c.text;
    EXPECT_EQ(page.error().message, c.message) << c.text;
  }
}

TEST(JsonPage, SyntaxErrorsPointIntoTheText) {
  const std::string text = R"({"meta": {"api-version": "1.0"}, "files": [,]})";
  const auto page = parse_json_page(text, k_page);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().offset, text.find(",]"));
  EXPECT_TRUE(page.error().message.starts_with("invalid simple API page: parse error"))
      << page.error().message;
}

TEST(JsonPage, NumbersOutOfRangeAreErrors) {
  const auto page =
      parse_json_page(R"({"meta": {"api-version": "1.0"}, "files": [], "x": 1e4649})", k_page);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().message, "invalid simple API page: number overflow parsing '1e4649'");
}

TEST(JsonPage, DeepNestingIsRefused) {
  const std::string deep = "{\"a\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
  const auto page = parse_json_page(deep, k_page);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().message, "invalid simple API page: JSON nested deeper than 64");
  EXPECT_EQ(page.error().offset, 5U + 63U);
  // Brackets inside strings do not count.
  const std::string strings = R"({"meta": {"api-version": "1.0"}, "name": ")" +
                              std::string(1000, '[') + R"(", "files": []})";
  EXPECT_TRUE(parse_json_page(strings, k_page));
}

TEST(UploadTime, Pep700Format) {
  EXPECT_TRUE(is_valid_upload_time("2024-06-05T16:02:41.123456Z"));
  EXPECT_TRUE(is_valid_upload_time("2024-06-05T16:02:41Z"));
  EXPECT_TRUE(is_valid_upload_time("2024-06-05T16:02:41+00:00"));
  EXPECT_FALSE(is_valid_upload_time("2024-06-05"));
  EXPECT_FALSE(is_valid_upload_time("2024-13-05T16:02:41Z"));
  EXPECT_FALSE(is_valid_upload_time("2024-06-05T16:02:41.Z"));
  EXPECT_FALSE(is_valid_upload_time("2024-06-05T16:02:41"));
}

}  // namespace
}  // namespace gator::index

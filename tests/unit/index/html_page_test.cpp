#include <gtest/gtest.h>

#include "index/project_page.hpp"

namespace gator::index {
namespace {

const http::RedactedUrl k_page = http::RedactedUrl::from("https://pypi.example/simple/numpy/");

[[nodiscard]] ProjectPage parse_ok(std::string_view html, const http::RedactedUrl& page = k_page) {
  auto parsed = parse_html_page(html, page);
  EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().render());
  return parsed ? std::move(*parsed) : ProjectPage{};
}

TEST(HtmlPage, Pep503PageWithEveryAttribute) {
  const ProjectPage page = parse_ok(R"(<!DOCTYPE html>
<html>
  <head><meta name="pypi:repository-version" content="1.1"><title>Links for numpy</title></head>
  <body>
    <h1>Links for numpy</h1>
    <a href="../../packages/aa/bb/numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl#sha256=666dbfb6ec68962c033a450943ded891bed2d54e6755e35e5835d63f4f6931d5" data-requires-python="&gt;=3.9" data-dist-info-metadata="sha256=f1a8fa8a6f4a2c5d0c0ac4d1e5a2d2c3b1d5a2f1e1c3b4a5d6e7f8091a2b3c4d" data-core-metadata="sha256=f1a8fa8a6f4a2c5d0c0ac4d1e5a2d2c3b1d5a2f1e1c3b4a5d6e7f8091a2b3c4d">numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl</a><br />
    <a href="../../packages/cc/dd/numpy-1.26.4.tar.gz#sha256=2a02aba9ed12e4ac4eb3ea9421c420301a0c6460d9830d74a9df87efa4912010" data-requires-python="&gt;=3.9">numpy-1.26.4.tar.gz</a><br />
    <a href="../../packages/ee/ff/numpy-2.0.0rc1-cp311-cp311-linux_x86_64.whl" data-yanked="broken build" data-requires-python="&gt;=3.9">numpy-2.0.0rc1</a>
  </body>
</html>
)");
  EXPECT_EQ(page.format, PageFormat::html);
  EXPECT_EQ(page.api_version, "1.1");
  EXPECT_TRUE(page.warnings.empty());
  ASSERT_EQ(page.files.size(), 3U);

  const IndexFile& wheel = page.files[0];
  EXPECT_EQ(wheel.filename(),
            "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  EXPECT_EQ(wheel.url().display(),
            "https://pypi.example/packages/aa/bb/"
            "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  EXPECT_EQ(wheel.kind(), FileKind::wheel);
  ASSERT_TRUE(wheel.hashes.sha256);
  EXPECT_EQ(wheel.hashes.sha256->to_string(),
            "666dbfb6ec68962c033a450943ded891bed2d54e6755e35e5835d63f4f6931d5");
  EXPECT_EQ(wheel.requires_python_text, ">=3.9");
  ASSERT_TRUE(wheel.requires_python);
  EXPECT_EQ(wheel.requires_python->to_string(), ">=3.9");
  ASSERT_TRUE(wheel.core_metadata);
  ASSERT_TRUE(wheel.core_metadata->hashes.sha256);
  EXPECT_FALSE(wheel.yanked);
  EXPECT_FALSE(wheel.size);

  EXPECT_EQ(page.files[1].kind(), FileKind::sdist);
  EXPECT_FALSE(page.files[1].core_metadata);

  const IndexFile& yanked = page.files[2];
  ASSERT_TRUE(yanked.yanked);
  EXPECT_EQ(*yanked.yanked, "broken build");
  EXPECT_TRUE(yanked.hashes.empty());
}

TEST(HtmlPage, RealWorldHtmlIsTolerated) {
  // Upper-case tags and attributes, single, double and no quotes, attributes in any order,
  // comments holding fake anchors, scripts, a processing instruction.
  const ProjectPage page = parse_ok(
      "<?xml version=\"1.0\"?><HTML><BODY>\n"
      "<!-- <a href=\"commented-1.0.whl\">no</a> -->\n"
      "<script>document.write('<a href=\"script-1.0.whl\">no</a>')</script>\n"
      "<A DATA-REQUIRES-PYTHON='&gt;=3.8' HREF='a-1.0-py3-none-any.whl'>a</A>\n"
      "<a\n\thref=b-1.0-py3-none-any.whl data-yanked>b</a>\n"
      "<a title=\"x>y\" href=\"c-1.0-py3-none-any.whl\">c</a>\n"
      "<a href=\"d-1.0-py3-none-any.whl\" href=\"ignored.whl\">d</a>\n"
      "<a name=\"anchor-without-href\">x</a><a href=\"../\">parent</a>\n"
      "</BODY></HTML>");
  ASSERT_EQ(page.files.size(), 4U);
  EXPECT_EQ(page.files[0].filename(), "a-1.0-py3-none-any.whl");
  EXPECT_EQ(page.files[0].requires_python_text, ">=3.8");
  EXPECT_EQ(page.files[1].filename(), "b-1.0-py3-none-any.whl");
  EXPECT_EQ(page.files[1].yanked, "");
  EXPECT_EQ(page.files[2].filename(), "c-1.0-py3-none-any.whl");
  EXPECT_EQ(page.files[3].filename(), "d-1.0-py3-none-any.whl");
  EXPECT_TRUE(page.warnings.empty());
}

TEST(HtmlPage, RootRelativeLinksWithEscapedPlus) {
  // The PyTorch index: files one folder up, '+' as %2B.
  const auto index = http::RedactedUrl::from("https://download.example/whl/rocm5.7/torch/");
  const ProjectPage page = parse_ok(
      "<a href=\"/whl/rocm5.7/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl#sha256="
      "3de3bd8c2bbd5da2d10e2a5d9c1a5e1b1e9d0a1b2c3d4e5f60718293a4b5c6d7\">"
      "torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl</a>",
      index);
  ASSERT_EQ(page.files.size(), 1U);
  EXPECT_EQ(page.files[0].filename(), "torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl");
  EXPECT_EQ(
      page.files[0].url().display(),
      "https://download.example/whl/rocm5.7/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl");
  ASSERT_NE(page.files[0].wheel(), nullptr);
  EXPECT_EQ(page.files[0].wheel()->version().to_string(), "2.3.1+rocm5.7");
}

TEST(HtmlPage, BaseHrefChangesTheBase) {
  const ProjectPage page = parse_ok(
      "<a href=\"x-1.0.tar.gz\">x</a><base href=\"https://files.example/root/\">"
      "<base href=\"https://ignored.example/\">");
  ASSERT_EQ(page.files.size(), 1U);
  EXPECT_EQ(page.files[0].url().display(), "https://files.example/root/x-1.0.tar.gz");
}

TEST(HtmlPage, CredentialsFollowTheOriginOnly) {
  const auto index = http::RedactedUrl::from("https://user:secret@private.example/simple/x/");
  const ProjectPage page = parse_ok(
      "<a href=\"x-1.0.tar.gz\">1</a>"
      "<a href=\"https://private.example/files/x-2.0.tar.gz\">2</a>"
      "<a href=\"https://cdn.example/x-3.0.tar.gz\">3</a>",
      index);
  ASSERT_EQ(page.files.size(), 3U);
  EXPECT_EQ(page.files[0].url().raw_for_request(),
            "https://user:secret@private.example/simple/x/x-1.0.tar.gz");
  EXPECT_EQ(page.files[1].url().raw_for_request(),
            "https://user:secret@private.example/files/x-2.0.tar.gz");
  EXPECT_EQ(page.files[1].url().display(), "https://****@private.example/files/x-2.0.tar.gz");
  EXPECT_EQ(page.files[2].url().raw_for_request(), "https://cdn.example/x-3.0.tar.gz");
}

TEST(HtmlPage, MetadataAttributes) {
  const ProjectPage page = parse_ok(
      "<a href=\"a-1.0-py3-none-any.whl\" data-dist-info-metadata=\"true\">a</a>"
      "<a href=\"b-1.0-py3-none-any.whl\" data-core-metadata=\"false\" "
      "data-dist-info-metadata=\"true\">b</a>"
      "<a href=\"c-1.0-py3-none-any.whl\" "
      "data-core-metadata=\"md5=0123456789abcdef0123456789abcdef\">c</a>"
      "<a href=\"d-1.0-py3-none-any.whl\" data-core-metadata=\"sha256=tooshort\">d</a>"
      "<a href=\"e-1.0-py3-none-any.whl\" data-core-metadata=\"yes\">e</a>");
  ASSERT_EQ(page.files.size(), 5U);
  ASSERT_TRUE(page.files[0].core_metadata);
  EXPECT_TRUE(page.files[0].core_metadata->hashes.empty());
  EXPECT_FALSE(page.files[1].core_metadata) << "data-core-metadata wins (PEP 714)";
  ASSERT_TRUE(page.files[2].core_metadata);
  EXPECT_EQ(page.files[2].core_metadata->hashes.other.at("md5"),
            "0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(page.files[3].core_metadata);
  EXPECT_TRUE(page.files[3].core_metadata->hashes.empty());
  ASSERT_TRUE(page.files[4].core_metadata);
  ASSERT_EQ(page.warnings.size(), 2U);
  EXPECT_EQ(page.warnings[0].message,
            "ignored the malformed sha256 hash \"tooshort\" of d-1.0-py3-none-any.whl");
  EXPECT_EQ(page.warnings[1].message,
            "the metadata attribute of e-1.0-py3-none-any.whl is neither true nor a hash: the "
            "metadata file is used unchecked");
}

TEST(HtmlPage, HashFragments) {
  const ProjectPage page = parse_ok(
      "<a href=\"a-1.0.tar.gz#md5=D41D8CD98F00B204E9800998ECF8427E\">a</a>"
      "<a "
      "href=\"b-1.0.tar.gz#egg=b&sha256="
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\">b</a>"
      "<a href=\"c-1.0.tar.gz#sha256=nothex\">c</a>");
  ASSERT_EQ(page.files.size(), 3U);
  EXPECT_EQ(page.files[0].hashes.other.at("md5"), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(page.files[0].url().display(), "https://pypi.example/simple/numpy/a-1.0.tar.gz");
  ASSERT_TRUE(page.files[1].hashes.sha256);
  EXPECT_EQ(page.files[1].hashes.sha256->to_string(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_TRUE(page.files[2].hashes.empty());
  ASSERT_EQ(page.warnings.size(), 1U);
}

TEST(HtmlPage, RequiresPythonEntitiesAndInvalidValues) {
  const ProjectPage page = parse_ok(
      "<a href=\"a-1.0.tar.gz\" data-requires-python=\"&gt;=3.6, &lt;4\">a</a>"
      "<a href=\"b-1.0.tar.gz\" data-requires-python=\"&#62;=2.7,!=3.0.*\">b</a>"
      "<a href=\"c-1.0.tar.gz\" data-requires-python=\"&gt;=3.6.*\">c</a>"
      "<a href=\"d-1.0.tar.gz\" data-requires-python=\"\">d</a>");
  ASSERT_EQ(page.files.size(), 4U);
  ASSERT_TRUE(page.files[0].requires_python);
  EXPECT_TRUE(page.files[0].requires_python->contains("3.11"));
  EXPECT_FALSE(page.files[0].requires_python->contains("4.0"));
  EXPECT_EQ(page.files[1].requires_python_text, ">=2.7,!=3.0.*");
  EXPECT_FALSE(page.files[2].requires_python);
  EXPECT_EQ(page.files[2].requires_python_text, ">=3.6.*");
  EXPECT_FALSE(page.files[3].requires_python_text);
  ASSERT_EQ(page.warnings.size(), 1U);
  EXPECT_EQ(page.warnings[0].message,
            "ignored the invalid Requires-Python \">=3.6.*\" of c-1.0.tar.gz");
}

TEST(HtmlPage, UnusableLinksAreSkippedWithWarnings) {
  const ProjectPage page = parse_ok(
      "<a href=\"javascript:void(0)\">js</a>"
      "<a href=\"file:///etc/passwd\">local</a>"
      "<a href=\"ftp://h/x-1.0.tar.gz\">ftp</a>"
      "<a href=\"mailto:x@y\">mail</a>"
      "<a href=\"ok-1.0.tar.gz\">ok</a>");
  ASSERT_EQ(page.files.size(), 1U);
  EXPECT_EQ(page.warnings.size(), 4U);
  EXPECT_EQ(page.warnings[1].message,
            "skipped a link to an unsupported location: \"file:///etc/passwd\"");
  EXPECT_EQ(page.warnings[1].offset,
            std::string_view("<a href=\"javascript:void(0)\">js</a>").size());
}

TEST(HtmlPage, LocalMirrorsMayLinkLocalFiles) {
  const auto index = http::RedactedUrl::from("file:///srv/mirror/x/index.html");
  const ProjectPage page = parse_ok("<a href=\"../../files/x-1.0.tar.gz\">x</a>", index);
  ASSERT_EQ(page.files.size(), 1U);
  EXPECT_EQ(page.files[0].url().display(), "file:///srv/files/x-1.0.tar.gz");
}

TEST(HtmlPage, OtherFilesAreKeptAsOther) {
  const ProjectPage page = parse_ok(
      "<a href=\"x-1.0.exe\">a</a><a href=\"x-1.0-bad.whl\">b</a><a href=\"x-1.0.zip\">c</a>");
  ASSERT_EQ(page.files.size(), 3U);
  EXPECT_EQ(page.files[0].kind(), FileKind::other);
  EXPECT_EQ(page.files[1].kind(), FileKind::other);
  EXPECT_EQ(page.files[2].kind(), FileKind::sdist);
  EXPECT_EQ(page.files[0].project(), "");
}

TEST(HtmlPage, RepositoryVersion) {
  auto major2 = parse_html_page(
      "<meta name=\"pypi:repository-version\" content=\"2.0\"><a href=\"x-1.0.tar.gz\">x</a>",
      k_page);
  ASSERT_FALSE(major2);
  EXPECT_EQ(major2.error().message,
            "unsupported simple API version 2.0: this build reads version 1");
  EXPECT_EQ(major2.error().offset, 0U);
  const ProjectPage newer = parse_ok("<meta content=\"1.9\" name=\"pypi:repository-version\">");
  ASSERT_EQ(newer.warnings.size(), 1U);
  EXPECT_EQ(newer.warnings[0].message,
            "the page uses simple API version 1.9, newer than this build knows (1.4)");
  EXPECT_FALSE(parse_html_page("<meta name=\"pypi:repository-version\" content=\"x\">", k_page));
}

TEST(HtmlPage, DegenerateInputs) {
  EXPECT_TRUE(parse_ok("").files.empty());
  EXPECT_TRUE(parse_ok("<").files.empty());
  EXPECT_TRUE(parse_ok("<a href=\"x-1.0.tar.gz").files.size() <= 1);
  EXPECT_TRUE(parse_ok("<!-- never closed <a href=\"x-1.0.tar.gz\">").files.empty());
  EXPECT_TRUE(parse_ok("<script><a href=\"x-1.0.tar.gz\">").files.empty());
  EXPECT_EQ(parse_ok(std::string(100000, '<')).files.size(), 0U);
  std::string many;
  for (int i = 0; i < 10000; ++i)
    many += "<div>";
  many += "<a href=\"x-1.0.tar.gz\">x</a>";
  EXPECT_EQ(parse_ok(many).files.size(), 1U);
  EXPECT_EQ(parse_ok(std::string("<a href=\"x\0y-1.0.tar.gz\">", 26)).files.size(), 1U);
}

TEST(ContentType, Negotiation) {
  EXPECT_EQ(*format_for_content_type("application/vnd.pypi.simple.v1+json"), PageFormat::json);
  EXPECT_EQ(*format_for_content_type("application/vnd.pypi.simple.latest+json; charset=utf-8"),
            PageFormat::json);
  EXPECT_EQ(*format_for_content_type("application/vnd.pypi.simple.v1+html"), PageFormat::html);
  EXPECT_EQ(*format_for_content_type("Text/HTML; charset=utf-8"), PageFormat::html);
  EXPECT_EQ(*format_for_content_type("application/octet-stream"), std::nullopt);
  EXPECT_EQ(*format_for_content_type(""), std::nullopt);
  EXPECT_FALSE(format_for_content_type("application/vnd.pypi.simple.v2+json"));
}

TEST(ContentType, UnknownTypesAreSniffed) {
  const auto json = parse_project_page(
      "  {\"meta\": {\"api-version\": \"1.0\"}, \"name\": \"x\", \"files\": []}", "", k_page);
  ASSERT_TRUE(json);
  EXPECT_EQ(json->format, PageFormat::json);
  const auto html = parse_project_page("<a href=\"x-1.0.tar.gz\">x</a>", "text/plain", k_page);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->format, PageFormat::html);
  EXPECT_FALSE(parse_project_page("{}", "application/vnd.pypi.simple.v2+json", k_page));
}

}  // namespace
}  // namespace gator::index

#include "index/url_reference.hpp"

#include <gtest/gtest.h>

namespace gator::index {
namespace {

struct ResolveCase {
  const char* base;
  const char* reference;
  const char* expected;  // nullptr: not resolvable
};

TEST(ResolveReference, Rfc3986AndIndexPages) {
  const ResolveCase cases[] = {
      // RFC 3986 §5.4.1 normal examples.
      {"http://a/b/c/d;p?q", "g", "http://a/b/c/g"},
      {"http://a/b/c/d;p?q", "./g", "http://a/b/c/g"},
      {"http://a/b/c/d;p?q", "g/", "http://a/b/c/g/"},
      {"http://a/b/c/d;p?q", "/g", "http://a/g"},
      {"http://a/b/c/d;p?q", "//g", "http://g"},
      {"http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y"},
      {"http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y"},
      {"http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s"},
      {"http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s"},
      {"http://a/b/c/d;p?q", "..", "http://a/b/"},
      {"http://a/b/c/d;p?q", "../g", "http://a/b/g"},
      {"http://a/b/c/d;p?q", "../..", "http://a/"},
      {"http://a/b/c/d;p?q", "../../g", "http://a/g"},
      // §5.4.2 abnormal examples.
      {"http://a/b/c/d;p?q", "../../../g", "http://a/g"},
      {"http://a/b/c/d;p?q", "/./g", "http://a/g"},
      {"http://a/b/c/d;p?q", "g.", "http://a/b/c/g."},
      {"http://a/b/c/d;p?q", "./../g", "http://a/b/g"},
      {"http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h"},
      // Index pages: relative files, root-relative files one folder up, absolute links.
      {"https://pypi.org/simple/numpy/", "../../packages/aa/bb/numpy-1.26.4.tar.gz#sha256=ab",
       "https://pypi.org/packages/aa/bb/numpy-1.26.4.tar.gz#sha256=ab"},
      {"https://download.pytorch.org/whl/rocm5.7/torch/",
       "/whl/rocm5.7/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl",
       "https://download.pytorch.org/whl/rocm5.7/"
       "torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl"},
      {"https://a/simple/x/", "https://files.example/x-1.0.whl", "https://files.example/x-1.0.whl"},
      {"https://u:p@a/simple/x/", "x-1.0.whl", "https://u:p@a/simple/x/x-1.0.whl"},
      {"file:///srv/mirror/x/index.html", "../files/x-1.0.whl",
       "file:///srv/mirror/files/x-1.0.whl"},
      // Whitespace, backslashes and unsafe bytes.
      {"https://a/s/x/", "  x-1.0.whl\n", "https://a/s/x/x-1.0.whl"},
      {"https://a/s/x/", "sub\\x-1.0.whl", "https://a/s/x/sub/x-1.0.whl"},
      {"https://a/s/x/", "x 1.0.whl", "https://a/s/x/x%201.0.whl"},
      {"https://a/s/x/", "\xc3\xa9.whl", "https://a/s/x/%C3%A9.whl"},
      {"HTTPS://a/s/x/", "y.whl", "https://a/s/x/y.whl"},
      {"https://a/s/x/", "", nullptr},
      {"https://a/s/x/", "   ", nullptr},
      {"not a url", "x.whl", nullptr},
  };
  for (const ResolveCase& c : cases) {
    const auto resolved = resolve_reference(c.base, c.reference);
    if (c.expected == nullptr) {
      EXPECT_FALSE(resolved) << c.base << " + " << c.reference;
    } else {
      ASSERT_TRUE(resolved) << c.base << " + " << c.reference;
      EXPECT_EQ(*resolved, c.expected) << c.base << " + " << c.reference;
    }
  }
}

TEST(ResolveReference, OtherSchemesResolveButKeepTheirScheme) {
  EXPECT_EQ(resolve_reference("https://a/s/x/", "javascript:alert(1)"), "javascript:alert(1)");
  EXPECT_EQ(resolve_reference("https://a/s/x/", "ftp://h/x.whl"), "ftp://h/x.whl");
}

TEST(RemoveDotSegments, Examples) {
  EXPECT_EQ(remove_dot_segments("/a/b/c/./../../g"), "/a/g");
  EXPECT_EQ(remove_dot_segments("mid/content=5/../6"), "mid/6");
  EXPECT_EQ(remove_dot_segments("/.."), "/");
  EXPECT_EQ(remove_dot_segments(""), "");
  EXPECT_EQ(remove_dot_segments(std::string(10000, '/') + ".."), std::string(9999, '/'));
}

TEST(UrlFilename, DecodesTheLastSegment) {
  EXPECT_EQ(url_filename("https://h/whl/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl?x=1#y"),
            "torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl");
  EXPECT_EQ(url_filename("https://h/whl/"), "");
  EXPECT_EQ(url_filename("https://h"), "");
  EXPECT_EQ(url_filename("file:///srv/a%20b.whl"), "a b.whl");
}

TEST(PercentCoding, RoundTripsPaths) {
  EXPECT_EQ(encode_path("/srv/a b+c/x-1.0.whl"), "/srv/a%20b%2Bc/x-1.0.whl");
  EXPECT_EQ(percent_decode(encode_path("/srv/a b+c/%x")), "/srv/a b+c/%x");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(encode_unsafe_bytes("a%20b c"), "a%20b%20c");
}

TEST(OriginOf, IgnoresCredentialsCaseAndDefaultPorts) {
  EXPECT_EQ(origin_of("https://u:p@Host:443/x"), "https://host");
  EXPECT_EQ(origin_of("http://127.0.0.1:8080/a"), "http://127.0.0.1:8080");
  EXPECT_EQ(origin_of("file:///x"), "file://");
  EXPECT_EQ(origin_of("nonsense"), "");
}

TEST(SplitUrl, Parts) {
  const auto parts = split_url("https://u@h:1/p/q?x=1#f");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->authority, "u@h:1");
  EXPECT_EQ(parts->path, "/p/q");
  EXPECT_EQ(parts->query, "x=1");
  EXPECT_EQ(parts->fragment, "f");
  EXPECT_FALSE(split_url("/relative"));
}

}  // namespace
}  // namespace gator::index

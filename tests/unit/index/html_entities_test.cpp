#include "index/html_entities.hpp"

#include <gtest/gtest.h>

namespace gator::index {
namespace {

TEST(HtmlEntities, DecodesWhatIndexPagesUse) {
  EXPECT_EQ(decode_html_entities("&gt;=3.8"), ">=3.8");
  EXPECT_EQ(decode_html_entities("&gt;=3.6, &lt;4"), ">=3.6, <4");
  EXPECT_EQ(decode_html_entities("&#62;=3.8,!=3.9.*"), ">=3.8,!=3.9.*");
  EXPECT_EQ(decode_html_entities("&#x3E;=3.8"), ">=3.8");
  EXPECT_EQ(decode_html_entities("&#X3e;=3.8"), ">=3.8");
  EXPECT_EQ(decode_html_entities("a&amp;b&quot;c&apos;d"), "a&b\"c'd");
  EXPECT_EQ(decode_html_entities("&nbsp;"), "\xC2\xA0");
}

TEST(HtmlEntities, LegacyNamesWithoutSemicolonAsPythonDecodesThem) {
  EXPECT_EQ(decode_html_entities("&gt=3.8"), ">=3.8");
  EXPECT_EQ(decode_html_entities("&lt4"), "<4");
  EXPECT_EQ(decode_html_entities("&ampx"), "&x");
  EXPECT_EQ(decode_html_entities("&apos"), "&apos");  // not a legacy name
}

TEST(HtmlEntities, UnknownAndMalformedStayAsWritten) {
  EXPECT_EQ(decode_html_entities("&unknown; & &# &#x; &"), "&unknown; & &# &#x; &");
  EXPECT_EQ(decode_html_entities("a&&b"), "a&&b");
}

TEST(HtmlEntities, InvalidCodePointsBecomeReplacementCharacters) {
  EXPECT_EQ(decode_html_entities("&#0;"), "\xEF\xBF\xBD");
  EXPECT_EQ(decode_html_entities("&#xD800;"), "\xEF\xBF\xBD");
  EXPECT_EQ(decode_html_entities("&#99999999999999999999;"), "\xEF\xBF\xBD");
  EXPECT_EQ(decode_html_entities("&#x1F600;"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(decode_html_entities("&#233;"), "\xC3\xA9");
}

}  // namespace
}  // namespace gator::index

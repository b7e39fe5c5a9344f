#pragma once

#include <string>
#include <string_view>

namespace gator::index {

// Decodes the character references that occur in index pages' attribute values and text:
// numeric ones (`&#62;`, `&#x3E;`, invalid code points become U+FFFD) and the named ones a
// simple-API page uses (`&gt;`, `&lt;`, `&amp;`, `&quot;`, `&apos;`, `&nbsp;`, and a few more).
// The legacy names HTML allows without ';' are decoded as Python's html.unescape (which pip uses)
// does, whatever follows: `&gt=3.8` is ">=3.8". Unknown references stay as written.
[[nodiscard]] std::string decode_html_entities(std::string_view text);

}  // namespace gator::index

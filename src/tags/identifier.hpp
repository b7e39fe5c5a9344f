#pragma once

#include <string_view>

// Python's str.isidentifier() and regex `\w` are defined over Unicode. The tag and wheel
// filename grammars use them, so non-ASCII input has to be classified without locale tables.
namespace gator::tags {

// Python `str.isidentifier()`: ASCII exactly; a non-ASCII code point (well-formed UTF-8) counts
// as a letter unless it is in a block of punctuation, symbols, spaces, marks or private use.
[[nodiscard]] bool is_identifier(std::string_view text);

// Every character matches Python's Unicode `\w` (letters, digits, '_'), with the same
// approximation for non-ASCII; false for an empty string.
[[nodiscard]] bool is_word(std::string_view text);

}  // namespace gator::tags

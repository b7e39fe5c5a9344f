#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gator::util {

// What a pure parser returns on failure: the message plus the offending span of the input, so
// that callers can point at it (profile files add file:line:col on top).
struct ParseError {
  std::string message;
  std::string input;
  std::size_t offset = 0;
  std::size_t length = 0;

  [[nodiscard]] static ParseError at(std::string_view input, std::size_t offset, std::size_t length,
                                     std::string message);

  // "message\n    input\n    ^~~~" with control characters shown as '?', so the caret lines up.
  [[nodiscard]] std::string render() const;
};

}  // namespace gator::util

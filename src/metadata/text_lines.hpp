#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/parse_error.hpp"

// The file parsers of this module report errors as a util::ParseError whose `input` is the whole
// file and whose `offset` is absolute, so that the caller can name the line; these helpers turn
// such an offset into a line/column and split text into lines.
namespace gator::metadata {

// "file:line:col" facts for a ParseError from parse_metadata, parse_wheel_file, parse_record or
// parse_entry_points, ready for gator::Error::at(). Lines end at "\n", "\r\n" or "\r".
[[nodiscard]] SourceLocation source_location(const util::ParseError& error, std::string file_name);

namespace detail {

// One physical line without its terminator; `next_offset` is where the following line starts.
struct Line {
  std::string_view text;
  std::size_t offset = 0;
  std::size_t next_offset = 0;
  bool terminated = false;  // a line break followed it
};

// Iterates over lines split at "\n", "\r\n" and "\r" (as Python's email and csv modules do).
class LineReader {
 public:
  explicit LineReader(std::string_view text, std::size_t start = 0) : m_text(text), m_pos(start) {}

  [[nodiscard]] bool next(Line& line);
  [[nodiscard]] std::size_t position() const { return m_pos; }

 private:
  std::string_view m_text;
  std::size_t m_pos;
};

}  // namespace detail
}  // namespace gator::metadata

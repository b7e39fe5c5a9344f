#include "metadata/text_lines.hpp"

#include <algorithm>

namespace gator::metadata {

SourceLocation source_location(const util::ParseError& error, std::string file_name) {
  const std::string_view text = error.input;
  const std::size_t offset = std::min(error.offset, text.size());
  SourceLocation location;
  location.file = std::move(file_name);
  location.line = 1;
  detail::LineReader reader(text);
  detail::Line line;
  while (reader.next(line)) {
    // An offset on a line terminator belongs to the line it ends.
    if (offset < line.next_offset || !line.terminated) {
      location.column = std::min(offset, line.offset + line.text.size()) - line.offset + 1;
      location.line_text = std::string(line.text);
      const std::size_t room = line.text.size() + 1 - (location.column - 1);
      location.span = std::max<std::size_t>(1, std::min(error.length, room));
      return location;
    }
    ++location.line;
  }
  // Empty text, or an offset just after a final line break: the empty last line.
  location.column = 1;
  return location;
}

namespace detail {

bool LineReader::next(Line& line) {
  if (m_pos >= m_text.size())
    return false;
  const std::size_t end = m_text.find_first_of("\r\n", m_pos);
  line.offset = m_pos;
  if (end == std::string_view::npos) {
    line.text = m_text.substr(m_pos);
    line.terminated = false;
    m_pos = m_text.size();
  } else {
    line.text = m_text.substr(m_pos, end - m_pos);
    line.terminated = true;
    m_pos = end + 1;
    if (m_text[end] == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n')
      ++m_pos;
  }
  line.next_offset = m_pos;
  return true;
}

}  // namespace detail
}  // namespace gator::metadata

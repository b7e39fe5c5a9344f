#include "profile/source_text.hpp"

#include <utility>

namespace gator::profile::detail {
namespace {

util::TextSpan span_of(const Origin& origin) {
  return {origin.line, origin.column, origin.span};
}

Origin origin_of(const std::string& file, const util::TextSpan& span) {
  return Origin{file, span.line, span.column, span.width};
}

}  // namespace

SourceLocation SourceText::location(const Origin& origin) const {
  return m_source.location(span_of(origin));
}

Origin SourceText::inside_string(const Origin& token, std::string_view value, std::size_t offset,
                                 std::size_t length) const {
  return origin_of(token.file, m_source.inside_string(span_of(token), value, offset, length));
}

std::optional<Origin> SourceText::too_many_dots(std::size_t limit) const {
  const auto place = m_source.too_many_dots(limit);
  return place ? std::optional(origin_of(file(), *place)) : std::nullopt;
}

const SourceText& Sources::add(std::string file, std::string text) {
  m_texts.push_back(std::make_unique<SourceText>(std::move(file), std::move(text)));
  return *m_texts.back();
}

const SourceText* Sources::find(const std::string& file) const {
  for (const auto& text : m_texts)
    if (text->file() == file)
      return text.get();
  return nullptr;
}

SourceLocation Sources::location(const Origin& origin) const {
  if (const SourceText* text = find(origin.file))
    return text->location(origin);
  return SourceLocation{origin.file, origin.line, origin.column, {}, 1};
}

Origin Sources::inside_string(const Origin& token, std::string_view value, std::size_t offset,
                              std::size_t length) const {
  const SourceText* text = find(token.file);
  return text != nullptr ? text->inside_string(token, value, offset, length) : token;
}

Error invalid_at(SourceLocation location, std::string message) {
  Error error(ErrorKind::invalid_input, std::move(message));
  error.at(std::move(location));
  return error;
}

}  // namespace gator::profile::detail

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/parse_error.hpp"

// Internal helpers shared by the METADATA and WHEEL parsers and writers.
namespace gator::metadata::detail {

// "M.m" with decimal components (at most 9 digits each, so nothing overflows).
[[nodiscard]] std::optional<std::pair<unsigned, unsigned>> parse_major_minor(std::string_view text);

// Re-bases an error a sub-parser reported on `value` (which starts at `value_offset` in `text`)
// so that it points into the whole file, with `context` put before the message.
[[nodiscard]] util::ParseError rebase_error(const util::ParseError& error, std::string_view text,
                                            std::size_t value_offset, std::size_t value_length,
                                            std::string_view context);

// Appends "Name: value\n"; line breaks in a single-line value become spaces so that the output
// always reads back as one field.
void append_field(std::string& out, std::string_view name, std::string_view value);

}  // namespace gator::metadata::detail

#pragma once

#include <string>
#include <string_view>

#include "util/source_text.hpp"

// Internal: locating lock-file errors, with the TOML source machinery shared with profiles.
namespace gator::lock::detail {

using Place = util::TextSpan;
using util::closest_match;
using util::code_points;
using util::SourceText;

// `text` in double quotes for a message, with TOML escapes, cut after 100 code points.
[[nodiscard]] inline std::string shown(std::string_view text) {
  return util::toml_quoted(text, 100);
}

}  // namespace gator::lock::detail

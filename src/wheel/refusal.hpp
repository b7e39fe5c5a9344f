#pragma once

#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/parse_error.hpp"

// How the wheel module says no (internal). Every refusal names the wheel and, where there is
// one, the member: "refusing wheel demo-1.0-py3-none-any.whl: member "x" has a ".." ...".
namespace gator::wheel::detail {

[[nodiscard]] Error refusal(ErrorKind kind, std::string_view wheel, std::string_view what);

// A member-level refusal: `reason` follows the quoted member name.
[[nodiscard]] Error member_refusal(ErrorKind kind, std::string_view wheel, std::string_view member,
                                   std::string_view reason);

// A metadata file of the wheel that does not parse: located at `file` (inside the wheel,
// "demo-1.0.dist-info/WHEEL") with the parser's message and a caret.
[[nodiscard]] Error malformed_file(std::string_view wheel, const std::string& file,
                                   const util::ParseError& error);

}  // namespace gator::wheel::detail

#include "wheel/refusal.hpp"

#include "metadata/text_lines.hpp"
#include "wheel/member_name.hpp"

namespace gator::wheel::detail {

Error refusal(ErrorKind kind, std::string_view wheel, std::string_view what) {
  return Error(kind, "refusing wheel " + std::string(wheel) + ": " + std::string(what));
}

Error member_refusal(ErrorKind kind, std::string_view wheel, std::string_view member,
                     std::string_view reason) {
  return refusal(kind, wheel, "member " + quoted_name(member) + " " + std::string(reason));
}

Error malformed_file(std::string_view wheel, const std::string& file,
                     const util::ParseError& error) {
  Error result = refusal(ErrorKind::invalid_input, wheel, "malformed " + file);
  result.at(metadata::source_location(error, file)).caused_by(error.message);
  return result;
}

}  // namespace gator::wheel::detail

#include "http/request.hpp"

#include "util/strings.hpp"

namespace gator::http {

std::optional<std::string_view> find_header(const std::vector<Header>& headers,
                                            std::string_view name) {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
    if (util::iequals_ascii(it->name, name))
      return std::string_view(it->value);
  }
  return std::nullopt;
}

}  // namespace gator::http

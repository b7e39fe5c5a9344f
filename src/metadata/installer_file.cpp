#include "metadata/installer_file.hpp"

#include "util/strings.hpp"

namespace gator::metadata {

std::string read_installer_file(std::string_view text) {
  const std::size_t end = text.find_first_of("\r\n");
  return std::string(util::trim_ascii(text.substr(0, end)));
}

std::string write_installer_file(std::string_view name) {
  std::string out;
  for (const char c : util::trim_ascii(name))
    out += (c == '\r' || c == '\n') ? ' ' : c;
  out += '\n';
  return out;
}

}  // namespace gator::metadata

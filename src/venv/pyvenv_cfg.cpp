#include "venv/pyvenv_cfg.hpp"

#include "util/strings.hpp"

namespace gator::venv {

const std::string* PyvenvCfg::find(std::string_view key) const {
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    if (entry->key == key)
      return &entry->value;
  }
  return nullptr;
}

void PyvenvCfg::set(std::string_view key, std::string value) {
  bool found = false;
  for (PyvenvEntry& entry : entries) {
    if (entry.key == key) {
      entry.value = value;
      found = true;
    }
  }
  if (!found)
    entries.push_back({std::string(key), std::move(value)});
}

std::expected<PyvenvCfg, util::ParseError> parse_pyvenv_cfg(std::string_view text) {
  if (const auto nul = text.find('\0'); nul != std::string_view::npos)
    return std::unexpected(util::ParseError::at(
        text, nul, 1, "pyvenv.cfg contains a NUL byte; it is not a text file"));
  PyvenvCfg config;
  std::size_t start = 0;
  while (start < text.size()) {
    // Universal newlines, as Python's text mode: \n, \r\n and a lone \r all end a line.
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos)
      end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (end < text.size() && text[end] == '\r' && start < text.size() && text[start] == '\n')
      ++start;

    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos)
      continue;
    const std::string_view key = util::trim_ascii(line.substr(0, equals));
    if (key.empty()) {
      const std::size_t offset = static_cast<std::size_t>(line.data() - text.data());
      return std::unexpected(util::ParseError::at(text, offset + equals, 1,
                                                  "expected a key before '=' in pyvenv.cfg"));
    }
    config.entries.push_back(
        {util::ascii_lower(key), std::string(util::trim_ascii(line.substr(equals + 1)))});
  }
  return config;
}

std::string render_pyvenv_cfg(const PyvenvCfg& config) {
  std::string out;
  for (const PyvenvEntry& entry : config.entries) {
    out += entry.key;
    out += " = ";
    out += entry.value;
    out += '\n';
  }
  return out;
}

}  // namespace gator::venv

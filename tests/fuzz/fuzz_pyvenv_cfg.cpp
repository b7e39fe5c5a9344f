// Any byte string as pyvenv.cfg: no crash, error spans inside the input, and render(parse(x))
// parses to the same entries and is a fixed point; every entry is one that render can write.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "venv/pyvenv_cfg.hpp"

namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

bool is_trimmed(std::string_view text) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  return text.empty() || (!space(text.front()) && !space(text.back()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto config = gator::venv::parse_pyvenv_cfg(input);
  if (!config) {
    if (config.error().length == 0 || config.error().offset + config.error().length > input.size())
      std::abort();
    return 0;
  }
  for (const gator::venv::PyvenvEntry& entry : config->entries) {
    if (entry.key.empty() || entry.key.find('=') != std::string::npos ||
        has_line_break(entry.key) || has_line_break(entry.value) || !is_trimmed(entry.key) ||
        !is_trimmed(entry.value))
      std::abort();
    for (const char c : entry.key) {
      if (c >= 'A' && c <= 'Z')
        std::abort();
    }
    if (config->find(entry.key) == nullptr)
      std::abort();
  }
  const std::string written = gator::venv::render_pyvenv_cfg(*config);
  const auto again = gator::venv::parse_pyvenv_cfg(written);
  if (!again || *again != *config)
    std::abort();
  if (gator::venv::render_pyvenv_cfg(*again) != written)
    std::abort();
  return 0;
}

#include <array>

#include "util/strings.hpp"
#include "venv/activate.hpp"
#include "venv/shell_quote.hpp"

namespace gator::venv {
namespace {

// Set by the scripts themselves, or owned by a shell (read-only or with a special meaning).
constexpr std::array<std::string_view, 24> k_reserved = {"PATH",
                                                         "VIRTUAL_ENV",
                                                         "VIRTUAL_ENV_PROMPT",
                                                         "VIRTUAL_ENV_DISABLE_PROMPT",
                                                         "PYTHONHOME",
                                                         "PS1",
                                                         "prompt",
                                                         "path",
                                                         "PWD",
                                                         "SHLVL",
                                                         "UID",
                                                         "EUID",
                                                         "PPID",
                                                         "BASHPID",
                                                         "BASHOPTS",
                                                         "SHELLOPTS",
                                                         "_",
                                                         "argv",
                                                         "status",
                                                         "pipestatus",
                                                         "version",
                                                         "history",
                                                         "fish_pid",
                                                         "hostname"};

bool is_identifier(std::string_view name) {
  if (name.empty() || util::is_ascii_digit(name.front()))
    return false;
  for (const char c : name) {
    if (!util::is_ascii_alnum(c) && c != '_')
      return false;
  }
  return true;
}

bool is_prompt_char(char c) {
  return util::is_ascii_alnum(c) ||
         std::string_view(" ._-+@,:=/").find(c) != std::string_view::npos;
}

}  // namespace

std::expected<void, std::string> check_environment(
    const std::map<std::string, std::string>& environment) {
  for (const auto& [name, value] : environment) {
    if (!is_identifier(name))
      return std::unexpected("environment variable name \"" + name +
                             "\" is not a shell identifier (letters, digits and '_', not "
                             "starting with a digit)");
    for (const std::string_view reserved : k_reserved) {
      if (name == reserved)
        return std::unexpected("environment variable " + name +
                               " cannot be set by a profile: the activate scripts or the "
                               "shells manage it themselves");
    }
    if (name.starts_with("_GATOR_"))
      return std::unexpected("environment variable " + name +
                             " cannot be set by a profile: names starting with _GATOR_ hold "
                             "the activate scripts' saved values");
    if (!is_quotable(value))
      return std::unexpected("the value of environment variable " + name +
                             " contains a NUL byte or a line break, which csh cannot quote");
  }
  return {};
}

std::string sanitize_prompt(std::string_view prompt) {
  std::string out(prompt);
  for (char& c : out) {
    if (!is_prompt_char(c))
      c = '_';
  }
  return out;
}

bool is_safe_prompt(std::string_view prompt) {
  for (const char c : prompt) {
    if (!is_prompt_char(c))
      return false;
  }
  return true;
}

}  // namespace gator::venv

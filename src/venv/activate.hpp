#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

// The activate scripts of a venv: bin/activate (sh, bash, zsh), bin/activate.fish and
// bin/activate.csh. Each puts <prefix>/bin first on PATH, sets VIRTUAL_ENV, unsets PYTHONHOME,
// prefixes the prompt (unless VIRTUAL_ENV_DISABLE_PROMPT is set) and exports the profile's
// environment; `deactivate` puts every one of those variables back as it was, unsetting those
// that were unset. Sourcing a script again first deactivates, so activation never stacks.
// Values are written literally ($, quotes, backslashes and ! are never expanded).
namespace gator::venv {

struct ActivateSettings {
  std::filesystem::path prefix;  // the venv's final absolute location, never a staging path
  std::string prompt;            // shown as "(prompt) "; must satisfy is_safe_prompt
  std::map<std::string, std::string> environment;  // the profile's [environment]
};

[[nodiscard]] std::string render_activate_sh(const ActivateSettings& settings);
[[nodiscard]] std::string render_activate_fish(const ActivateSettings& settings);
[[nodiscard]] std::string render_activate_csh(const ActivateSettings& settings);

// Why `environment` cannot be written into the scripts: a name that is not a shell identifier,
// one the scripts manage themselves (PATH, VIRTUAL_ENV, PYTHONHOME, PS1, ...) or a shell owns
// (PWD, status, ...), or a value holding a NUL byte or a line break. Checks every entry.
[[nodiscard]] std::expected<void, std::string> check_environment(
    const std::map<std::string, std::string>& environment);

// A prompt shows in PS1, fish_prompt and csh's prompt, each with its own escapes (\, $, `, %,
// !): only letters, digits and " ._-+@,:=/" are kept, anything else becomes '_'.
[[nodiscard]] std::string sanitize_prompt(std::string_view prompt);
[[nodiscard]] bool is_safe_prompt(std::string_view prompt);

}  // namespace gator::venv

#pragma once

#include <string>
#include <string_view>

// Quoting of literal values for the activate scripts: each function returns one shell word that
// the shell reads back as exactly `text`, with no expansion of `$`, backquotes, globs or `!`.
// `text` must be free of NUL, CR and LF (see is_quotable): csh cannot quote a line break.
namespace gator::venv {

[[nodiscard]] bool is_quotable(std::string_view text);

// sh, bash, dash, zsh: '...' with each ' written as '\''.
[[nodiscard]] std::string quote_sh(std::string_view text);

// fish: '...' in which only \\ and \' are escapes.
[[nodiscard]] std::string quote_fish(std::string_view text);

// csh/tcsh: '...' with ' written as '\'' and ! as '\!' (history substitution happens even
// inside single quotes).
[[nodiscard]] std::string quote_csh(std::string_view text);

}  // namespace gator::venv

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "metadata/entry_points.hpp"

// Executable scripts: the launchers generated for console and GUI entry points and the
// "#!python" rewriting of a wheel's .data/scripts (pure, no I/O).
namespace gator::wheel {

// Launchers this installer can write: POSIX scripts only (Windows .exe launchers are not
// provided).
enum class LauncherKind { posix };

// "posix"; nothing for anything else ("win-amd64", ...).
[[nodiscard]] std::optional<LauncherKind> launcher_kind_from_name(std::string_view name);
// An entry point section as installer names it: "console" or "gui".
[[nodiscard]] std::optional<metadata::ScriptKind> script_kind_from_section(std::string_view name);

// The first line(s) that make a file run with `python`: "#!<python>" when the kernel can run
// that (no space, at most 127 bytes with "#!" and the newline), else a /bin/sh wrapper that
// execs the quoted interpreter (pypa/installer, distlib). No trailing newline.
[[nodiscard]] std::string build_shebang(std::string_view python);

// POSIX shell quoting as Python's shlex.quote.
[[nodiscard]] std::string shell_quote(std::string_view text);

// For a script whose first line starts with "#!python" (also "#!pythonw", "#!python3 -E"), the
// content with that line replaced by build_shebang(python); nothing when the script does not
// start with "#!python" and must be installed unchanged.
[[nodiscard]] std::optional<std::string> rewrite_shebang(std::string_view content,
                                                         std::string_view python);

// The launcher pip writes for an entry point (distlib's template), shebang included.
[[nodiscard]] std::string script_text(const metadata::Script& script, std::string_view python);

}  // namespace gator::wheel

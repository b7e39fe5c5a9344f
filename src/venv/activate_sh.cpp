// bin/activate for sh, bash, dash and zsh: POSIX constructs only, and safe under `set -u`.
#include "venv/activate.hpp"
#include "venv/shell_quote.hpp"

namespace gator::venv {
namespace {

enum class Kind { exported, shell_only };

// Remembers whether `name` was set and its value, in shell variables that are not exported.
std::string save(const std::string& name, const std::string& indent) {
  return indent + "_GATOR_SET_" + name + "=1\n" +  //
         indent + "unset _GATOR_OLD_" + name + "\n" + indent + "if [ -n \"${" + name +
         "+set}\" ] ; then\n" +                                        //
         indent + "    _GATOR_OLD_" + name + "=\"$" + name + "\"\n" +  //
         indent + "fi\n";
}

// Assignment keeps the export attribute the variable had; one that was unset goes away again.
std::string restore(const std::string& name, Kind kind) {
  std::string out = "    if [ -n \"${_GATOR_SET_" + name + "+set}\" ] ; then\n" +
                    "        if [ -n \"${_GATOR_OLD_" + name + "+set}\" ] ; then\n" +
                    "            " + name + "=\"$_GATOR_OLD_" + name + "\"\n";
  if (kind == Kind::exported)
    out += "            export " + name + "\n";
  out +=
      "        else\n"
      "            unset " +
      name +
      "\n"
      "        fi\n"
      "        unset _GATOR_SET_" +
      name + " _GATOR_OLD_" + name +
      "\n"
      "    fi\n";
  return out;
}

}  // namespace

std::string render_activate_sh(const ActivateSettings& settings) {
  const std::string prefix = settings.prefix.string();
  const std::string prompt = "(" + settings.prompt + ") ";
  std::string out =
      "# Activates the gator-provision virtual environment " + prefix +
      ".\n"
      "# Source it, do not run it: `source " +
      prefix +
      "/bin/activate` from bash or zsh,\n"
      "# `. " +
      prefix +
      "/bin/activate` from sh. `deactivate` undoes everything it set.\n"
      "\n"
      "# Whatever venv is active in this shell (this one included) is deactivated first, so\n"
      "# sourcing this file again does not stack.\n"
      "if [ \"$(command -v deactivate 2>/dev/null)\" = deactivate ] ; then\n"
      "    deactivate nondestructive\n"
      "fi\n"
      "\n"
      "deactivate () {\n";
  for (const auto& [name, value] : settings.environment)
    out += restore(name, Kind::exported);
  out += restore("PS1", Kind::shell_only);
  out += restore("VIRTUAL_ENV_PROMPT", Kind::exported);
  out += restore("PYTHONHOME", Kind::exported);
  out += restore("PATH", Kind::exported);
  out += restore("VIRTUAL_ENV", Kind::exported);
  out +=
      "    # bash and zsh remember where commands were found; forget it after a PATH change\n"
      "    if [ -n \"${BASH:-}\" ] || [ -n \"${ZSH_VERSION:-}\" ] ; then\n"
      "        hash -r 2>/dev/null\n"
      "    fi\n"
      "    if [ \"${1:-}\" != nondestructive ] ; then\n"
      "        unset -f deactivate\n"
      "    fi\n"
      "}\n"
      "\n";

  out += save("VIRTUAL_ENV", "");
  out += "VIRTUAL_ENV=" + quote_sh(prefix) + "\nexport VIRTUAL_ENV\n\n";
  out += save("PATH", "");
  out += "PATH=" + quote_sh(prefix + "/bin") + "\"${PATH:+:$PATH}\"\nexport PATH\n\n";
  out += save("PYTHONHOME", "");
  out += "unset PYTHONHOME\n\n";
  if (!settings.environment.empty()) {
    out += "# The profile's environment\n";
    for (const auto& [name, value] : settings.environment) {
      out += save(name, "");
      out += name + "=" + quote_sh(value) + "\nexport " + name + "\n";
    }
    out += "\n";
  }
  out += "if [ -z \"${VIRTUAL_ENV_DISABLE_PROMPT:-}\" ] ; then\n";
  out += save("VIRTUAL_ENV_PROMPT", "    ");
  out += "    VIRTUAL_ENV_PROMPT=" + quote_sh(prompt) + "\n    export VIRTUAL_ENV_PROMPT\n";
  out += "    # Only an interactive shell has a prompt to change.\n";
  out += "    if [ -n \"${PS1+set}\" ] ; then\n";
  out += save("PS1", "        ");
  out += "        PS1=" + quote_sh(prompt) + "\"$PS1\"\n";
  out += "    fi\n";
  out += "fi\n\n";
  out +=
      "if [ -n \"${BASH:-}\" ] || [ -n \"${ZSH_VERSION:-}\" ] ; then\n"
      "    hash -r 2>/dev/null\n"
      "fi\n";
  return out;
}

}  // namespace gator::venv

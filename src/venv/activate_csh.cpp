// bin/activate.csh: `source <prefix>/bin/activate.csh` from csh or tcsh. csh has no functions,
// so `deactivate` is one alias line; each of its commands is substituted only when it runs,
// which lets `test $?X != 0 && ...` guard a use of $X.
#include "venv/activate.hpp"
#include "venv/shell_quote.hpp"

namespace gator::venv {
namespace {

enum class Kind { environment, shell };

std::string save(const std::string& name, const std::string& indent) {
  return indent + "set _GATOR_SET_" + name + "\n" +                            //
         indent + "unset _GATOR_OLD_" + name + "\n" +                          //
         indent + "if ( $?" + name + " ) then\n" +                             //
         indent + "    set _GATOR_OLD_" + name + " = \"$" + name + ":q\"\n" +  //
         indent + "endif\n";
}

std::string restore(const std::string& name, Kind kind) {
  const std::string old = "_GATOR_OLD_" + name;
  const std::string drop = kind == Kind::environment ? "unsetenv " + name : "unset " + name;
  const std::string put = kind == Kind::environment ? "setenv " + name + " \"$" + old + ":q\""
                                                    : "set " + name + " = \"$" + old + ":q\"";
  return "test $?_GATOR_SET_" + name + " != 0 && " + drop + "; test $?" + old + " != 0 && " + put +
         "; unset _GATOR_SET_" + name + " " + old + "; ";
}

}  // namespace

std::string render_activate_csh(const ActivateSettings& settings) {
  const std::string prefix = settings.prefix.string();
  const std::string prompt = quote_csh("(" + settings.prompt + ") ");
  std::string out =
      "# Activates the gator-provision virtual environment " + prefix +
      ".\n"
      "# Source it from csh or tcsh, do not run it: `source " +
      prefix +
      "/bin/activate.csh`.\n"
      "# `deactivate` undoes everything it set.\n"
      "\n"
      "# Whatever venv is active in this shell (this one included) is deactivated first, so\n"
      "# sourcing this file again does not stack.\n"
      "if ( \"`alias deactivate`\" != \"\" ) then\n"
      "    deactivate nondestructive\n"
      "endif\n"
      "\n"
      "alias deactivate '";
  for (const auto& [name, value] : settings.environment)
    out += restore(name, Kind::environment);
  out += restore("prompt", Kind::shell);
  out += restore("VIRTUAL_ENV_PROMPT", Kind::environment);
  out += restore("PYTHONHOME", Kind::environment);
  out += restore("PATH", Kind::environment);
  out += restore("VIRTUAL_ENV", Kind::environment);
  out += "rehash; test \"\\!:*\" != \"nondestructive\" && unalias deactivate'\n\n";

  out += save("VIRTUAL_ENV", "");
  out += "setenv VIRTUAL_ENV " + quote_csh(prefix) + "\n\n";
  out += save("PATH", "");
  out +=
      "if ( $?PATH ) then\n"
      "    setenv PATH " +
      quote_csh(prefix + "/bin") +
      ":\"$PATH:q\"\n"
      "else\n"
      "    setenv PATH " +
      quote_csh(prefix + "/bin") +
      "\n"
      "endif\n\n";
  out += save("PYTHONHOME", "");
  out += "unsetenv PYTHONHOME\n\n";
  if (!settings.environment.empty()) {
    out += "# The profile's environment\n";
    for (const auto& [name, value] : settings.environment) {
      out += save(name, "");
      out += "setenv " + name + " " + quote_csh(value) + "\n";
    }
    out += "\n";
  }
  out += "if ( ! $?VIRTUAL_ENV_DISABLE_PROMPT ) then\n";
  out += save("VIRTUAL_ENV_PROMPT", "    ");
  out += "    setenv VIRTUAL_ENV_PROMPT " + prompt + "\n";
  out += "    # Only an interactive shell has a prompt to change.\n";
  out += "    if ( $?prompt ) then\n";
  out += save("prompt", "        ");
  out += "        set prompt = " + prompt + "\"$prompt:q\"\n";
  out += "    endif\n";
  out += "endif\n\n";
  out += "rehash\n";
  return out;
}

}  // namespace gator::venv

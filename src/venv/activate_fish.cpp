// bin/activate.fish: `source <prefix>/bin/activate.fish` from fish.
#include "venv/activate.hpp"
#include "venv/shell_quote.hpp"

namespace gator::venv {
namespace {

// Only a global is saved: erasing our global brings back a universal variable by itself.
std::string save(const std::string& name, const std::string& indent) {
  return indent + "set -g _GATOR_SET_" + name + " 1\n" +                  //
         indent + "set -eg _GATOR_OLD_" + name + "\n" +                   //
         indent + "if set -qg " + name + "\n" +                           //
         indent + "    set -g _GATOR_OLD_" + name + " $" + name + "\n" +  //
         indent + "end\n";
}

std::string restore(const std::string& name) {
  return "    if set -q _GATOR_SET_" + name + "\n" +                            //
         "        if set -q _GATOR_OLD_" + name + "\n" +                        //
         "            set -gx " + name + " $_GATOR_OLD_" + name + "\n" +        //
         "        else\n" +                                                     //
         "            set -eg " + name + "\n" +                                 //
         "        end\n" +                                                      //
         "        set -eg _GATOR_SET_" + name + " _GATOR_OLD_" + name + "\n" +  //
         "    end\n";
}

}  // namespace

std::string render_activate_fish(const ActivateSettings& settings) {
  const std::string prefix = settings.prefix.string();
  const std::string prompt = quote_fish("(" + settings.prompt + ") ");
  std::string out =
      "# Activates the gator-provision virtual environment " + prefix +
      ".\n"
      "# Source it from fish, do not run it: `source " +
      prefix +
      "/bin/activate.fish`.\n"
      "# `deactivate` undoes everything it set.\n"
      "\n"
      "# Whatever venv is active in this shell (this one included) is deactivated first, so\n"
      "# sourcing this file again does not stack.\n"
      "if functions -q deactivate\n"
      "    deactivate nondestructive\n"
      "end\n"
      "\n"
      "function deactivate --description 'Leave the gator-provision virtual environment'\n";
  for (const auto& [name, value] : settings.environment)
    out += restore(name);
  out += restore("VIRTUAL_ENV_PROMPT");
  out += restore("PYTHONHOME");
  out += restore("PATH");
  out += restore("VIRTUAL_ENV");
  out +=
      "    if functions -q _gator_old_fish_prompt\n"
      "        functions -e fish_prompt\n"
      "        functions -c _gator_old_fish_prompt fish_prompt\n"
      "        functions -e _gator_old_fish_prompt _gator_prompt_status\n"
      "    end\n"
      "    if test \"$argv[1]\" != nondestructive\n"
      "        functions -e deactivate\n"
      "    end\n"
      "end\n"
      "\n";

  out += save("VIRTUAL_ENV", "");
  out += "set -gx VIRTUAL_ENV " + quote_fish(prefix) + "\n\n";
  out += save("PATH", "");
  out += "set -gx PATH " + quote_fish(prefix + "/bin") + " $PATH\n\n";
  out += save("PYTHONHOME", "");
  out += "set -eg PYTHONHOME\n\n";
  if (!settings.environment.empty()) {
    out += "# The profile's environment\n";
    for (const auto& [name, value] : settings.environment) {
      out += save(name, "");
      out += "set -gx " + name + " " + quote_fish(value) + "\n";
    }
    out += "\n";
  }
  out += "if test -z \"$VIRTUAL_ENV_DISABLE_PROMPT\"\n";
  out += save("VIRTUAL_ENV_PROMPT", "    ");
  out += "    set -gx VIRTUAL_ENV_PROMPT " + prompt + "\n";
  out +=
      "    # fish draws its prompt with a function: wrap it, keeping $status for the original.\n"
      "    if functions -q fish_prompt\n"
      "        functions -c fish_prompt _gator_old_fish_prompt\n"
      "        function _gator_prompt_status\n"
      "            return $argv[1]\n"
      "        end\n"
      "        function fish_prompt\n"
      "            set -l last_status $status\n"
      "            printf '%s' " +
      prompt +
      "\n"
      "            _gator_prompt_status $last_status\n"
      "            _gator_old_fish_prompt\n"
      "        end\n"
      "    end\n"
      "end\n";
  return out;
}

}  // namespace gator::venv

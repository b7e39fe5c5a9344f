#include <memory>

#include "cli/commands.hpp"
#include "cli/settings.hpp"
#include "profile/load.hpp"
#include "profile/show.hpp"

namespace gator::cli {

// `profile show NAME` prints the merged profile with the origin of every value;
// `profile list` the profiles found on the search path.
CommandSpec profile_command() {
  return CommandSpec{
      "profile", "show a merged profile with where each value came from; list profiles",
      [](CLI::App& command, const GlobalOptions&, const Context& context) {
        command.require_subcommand(1);
        auto name = std::make_shared<std::string>();
        CLI::App* show = command.add_subcommand("show", "print the merged profile and origins");
        show->add_option("PROFILE", *name, "profile name or .toml path")->required();
        CLI::App* list = command.add_subcommand("list", "list the profiles on the search path");
        return Action([name, show, list, &context] {
          const profile::SearchPaths paths{profile_dirs(context)};
          if (show->parsed()) {
            *context.out << profile::render_profile_show(profile::load_profile(*name, paths));
          } else if (list->parsed()) {
            for (const std::string& found : profile::available_profiles(paths)) {
              *context.out << found << "\n";
            }
          }
          return 0;
        });
      }};
}

}  // namespace gator::cli

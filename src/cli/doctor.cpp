#include "doctor/doctor.hpp"

#include <memory>

#include "cli/commands.hpp"
#include "cli/profile_args.hpp"
#include "cli/settings.hpp"
#include "hardware/detect.hpp"
#include "profile/load.hpp"
#include "python/discovery.hpp"
#include "util/error.hpp"

namespace gator::cli {
namespace {

struct DoctorArgs {
  ProfileArgs common;
  std::string user;
  bool skip_python = false;
};

int run_doctor(const DoctorArgs& args, const GlobalOptions& global, const Context& context) {
  const profile::Profile profile =
      profile::load_profile(args.common.profile, profile::SearchPaths{profile_dirs(context)});
  const std::string user = service_user(args.user, context);
  const hardware::Sysroot sysroot(args.common.sysroot.empty() ? "/" : args.common.sysroot);
  const hardware::MachineFacts facts = hardware::detect(sysroot, {context.env("ROCM_PATH"), user});

  std::optional<python::Discovery> discovery;
  if (!args.skip_python) {
    discovery = python::discover_interpreter(python::DiscoveryRequest{
        args.common.python, profile.python.version.value.text, context.env("PATH").value_or(""),
        context.env("HOME").value_or(""), context.env("PYENV_ROOT").value_or(""),
        cache_dir(args.common, context)});
  }
  const std::vector<doctor::Check> checks =
      doctor::run_checks({profile, facts, discovery ? &*discovery : nullptr, user});
  if (global.json) {
    *context.out << doctor::render_json(profile.name.value, checks);
  } else if (!global.quiet || !doctor::all_passed(checks)) {
    const bool fancy = fancy_output(context);
    *context.out << "doctor: profile " << profile.name.value << " (" << profile.files.front()
                 << ") on " << sysroot.root().string() << ", for user " << user << "\n"
                 << doctor::render_text(checks,
                                        fancy ? doctor::Symbols::unicode : doctor::Symbols::ascii,
                                        fancy ? doctor::Color::yes : doctor::Color::no);
  }
  return doctor::all_passed(checks) ? 0 : exit_code(ErrorKind::check_failed);
}

}  // namespace

CommandSpec doctor_command() {
  return CommandSpec{
      "doctor", "check this machine against the profile (GPU, ROCm, groups, Python)",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        auto args = std::make_shared<DoctorArgs>();
        add_profile_args(command, args->common);
        command.add_option("--user", args->user,
                           "whose GPU access to check (default: $SUDO_USER or the current user)");
        command.add_flag("--no-python", args->skip_python, "do not look for an interpreter");
        return Action([args, &global, &context] { return run_doctor(*args, global, context); });
      }};
}

}  // namespace gator::cli

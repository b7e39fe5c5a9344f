#include "lock/diff.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "lock/read.hpp"

namespace gator::cli {
namespace {

struct DiffArgs {
  std::vector<std::string> files;
};

nlohmann::json to_json(const lock::LockDiff& changes) {
  nlohmann::json list = nlohmann::json::array();
  for (const lock::Change& change : changes.changes) {
    nlohmann::json item = {{"kind", lock::to_string(change.kind)}, {"name", change.name}};
    if (change.marker)
      item["marker"] = *change.marker;
    if (change.old_version)
      item["old_version"] = *change.old_version;
    if (change.new_version)
      item["new_version"] = *change.new_version;
    if (!change.details.empty())
      item["details"] = change.details;
    list.push_back(std::move(item));
  }
  return list;
}

int run_diff(const DiffArgs& args, const GlobalOptions& global, const Context& context) {
  const lock::ReadResult old_lock = lock::load_lockfile(args.files.at(0));
  const lock::ReadResult new_lock = lock::load_lockfile(args.files.at(1));
  for (const auto* read : {&old_lock, &new_lock}) {
    for (const lock::Warning& warning : read->warnings) {
      if (!global.quiet)
        *context.err << warning.render("gator-provision");
    }
  }
  const lock::LockDiff changes = lock::diff(old_lock.lockfile, new_lock.lockfile);
  if (global.json) {
    *context.out << nlohmann::json{{"old", args.files[0]},
                                   {"new", args.files[1]},
                                   {"changes", to_json(changes)}}
                        .dump(2)
                 << "\n";
  } else {
    *context.out << lock::render_diff(changes);
  }
  return 0;
}

}  // namespace

CommandSpec diff_command() {
  return CommandSpec{
      "diff", "what changed between two lockfiles: added, removed, upgraded, downgraded, re-hashed",
      [](CLI::App& command, const GlobalOptions& global, const Context& context) {
        auto args = std::make_shared<DiffArgs>();
        command.add_option("OLD NEW", args->files, "two PEP 751 lockfiles")
            ->expected(2)
            ->required()
            ->check(CLI::ExistingFile);
        return Action([args, &global, &context] { return run_diff(*args, global, context); });
      }};
}

}  // namespace gator::cli

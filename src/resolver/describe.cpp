#include <algorithm>
#include <map>

#include "resolver/report.hpp"

// Facts and conclusions in words.
namespace gator::resolver::detail {
namespace {

[[nodiscard]] const Project* project_of(const Universe& universe, PackageId package) {
  const Package& info = universe.packages[package];
  return info.kind == PackageKind::root ? nullptr : &universe.projects[info.project];
}

[[nodiscard]] std::vector<std::size_t> releases_in(const Project& project,
                                                   const VersionSet& versions) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < project.releases.size(); ++i) {
    if (versions.contains(project.releases[i].candidate.version))
      out.push_back(i);
  }
  return out;
}

// "a<1 or a>=2" rather than "a<1 || >=2".
[[nodiscard]] std::string union_text(const std::string& name, const std::string& text) {
  std::string out = name;
  std::size_t start = 0;
  for (;;) {
    const std::size_t bar = text.find(" || ", start);
    out += text.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (bar == std::string::npos)
      return out;
    out += " or " + name;
    start = bar + 4;
  }
}

[[nodiscard]] bool contiguous(const std::vector<std::size_t>& indices) {
  for (std::size_t i = 1; i < indices.size(); ++i) {
    if (indices[i] != indices[i - 1] + 1)
      return false;
  }
  return true;
}

// ">=1.0,<=2.0" for a run of known releases: the bounds are releases that exist.
[[nodiscard]] std::string run_text(const Project& project, const std::vector<std::size_t>& run) {
  std::string text;
  if (run.back() + 1 != project.releases.size())
    text = ">=" + project.releases[run.back()].candidate.version.to_string();
  if (run.front() != 0) {
    if (!text.empty())
      text += ",";
    text += "<=" + project.releases[run.front()].candidate.version.to_string();
  }
  return text;
}

[[nodiscard]] std::string join(const std::vector<std::string>& items, const std::string& last) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      text += i + 1 == items.size() ? last : ", ";
    text += items[i];
  }
  return text;
}

[[nodiscard]] std::string version_list(const std::vector<std::string>& versions) {
  constexpr std::size_t k_shown = 3;
  if (versions.size() <= k_shown + 1)
    return join(versions, " and ");
  std::vector<std::string> shown(versions.begin(), versions.begin() + k_shown);
  shown.push_back(std::to_string(versions.size() - k_shown) + " more");
  return join(shown, " and ");
}

[[nodiscard]] std::string unusable_clause(const std::string& name, const UnusableRelease& first,
                                          const std::vector<std::string>& versions) {
  const bool one = versions.size() == 1;
  const std::string who = name + " " + version_list(versions);
  switch (first.why) {
    case Unusable::requires_python:
      return who + (one ? " requires" : " require") + " Python " + first.detail;
    case Unusable::no_wheel:
      if (first.detail == "sdist")
        return who + (one ? " has" : " have") + " only a source distribution";
      if (first.detail == "incompatible")
        return who + (one ? " has" : " have") + " no wheel for the target";
      return who + (one ? " has" : " have") + " no files";
    case Unusable::yanked:
      return who + (one ? " was" : " were") + " yanked" +
             (first.detail.empty() ? "" : " (reason: " + first.detail + ")");
    case Unusable::prerelease:
      return who + (one ? " is a pre-release" : " are pre-releases");
    case Unusable::none:
      break;
  }
  return who + " cannot be used";
}

[[nodiscard]] std::string no_versions_fact(const Universe& universe,
                                           const Incompatibility& incompatibility) {
  const TermEntry& entry = incompatibility.terms.front();
  const Project& project = *project_of(universe, entry.package);
  const std::string& name = universe.packages[entry.package].display;
  if (incompatibility.not_found)
    return project.name.str() + " was not found on any index";
  if (incompatibility.unusable.empty()) {
    if (project.releases.empty())
      return project.name.str() + " has no releases";
    return "there is no version of " + requirement(universe, entry.package, entry.term.set);
  }
  // Group the skipped releases by reason, newest first.
  std::vector<std::pair<const UnusableRelease*, std::vector<std::string>>> groups;
  for (const UnusableRelease& release : incompatibility.unusable) {
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& existing) {
      return existing.first->why == release.why && existing.first->detail == release.detail;
    });
    if (group == groups.end()) {
      groups.emplace_back(&release, std::vector<std::string>{});
      group = groups.end() - 1;
    }
    group->second.push_back(release.version.to_string());
  }
  std::vector<std::string> clauses;
  std::size_t last_python = groups.size();
  for (std::size_t i = 0; i < groups.size(); ++i) {
    clauses.push_back(unusable_clause(name, *groups[i].first, groups[i].second));
    if (groups[i].first->why == Unusable::requires_python)
      last_python = i;
  }
  if (last_python < clauses.size())
    clauses[last_python] += " (the target is Python " + universe.python + ")";
  std::string text = join(clauses, " and ");
  if (incompatibility.unusable.size() == project.releases.size())
    return text + ", and " + name + " has no other versions";
  return text + ", and there is no other version of " +
         requirement(universe, entry.package, entry.term.set);
}

// Every known release, when there are several ("every version of a").
[[nodiscard]] bool covers_all(const Universe& universe, PackageId package,
                              const VersionSet& versions) {
  const Project* project = project_of(universe, package);
  return project != nullptr && project->releases.size() > 1 &&
         releases_in(*project, versions).size() == project->releases.size();
}

}  // namespace

std::vector<std::size_t> releases_in(const Universe& universe, PackageId package,
                                     const VersionSet& versions) {
  const Project* project = project_of(universe, package);
  return project == nullptr ? std::vector<std::size_t>{} : releases_in(*project, versions);
}

std::string subject(const Universe& universe, PackageId package, const VersionSet& versions) {
  const Project* project = project_of(universe, package);
  if (project == nullptr)
    return universe.root_name;
  const std::string& name = universe.packages[package].display;
  const std::vector<std::size_t> in = releases_in(*project, versions);
  if (in.size() == 1)
    return name + " " + project->releases[in.front()].candidate.version.to_string();
  if (!in.empty() && in.size() == project->releases.size())
    return "every version of " + name;
  if (!in.empty() && contiguous(in))
    return name + run_text(*project, in);
  const std::string text = versions.to_string();
  return text == "*" ? name : union_text(name, text);
}

std::string requirement(const Universe& universe, PackageId package, const VersionSet& versions) {
  const Project* project = project_of(universe, package);
  if (project == nullptr)
    return universe.root_name;
  const std::string& name = universe.packages[package].display;
  const std::string text = versions.to_string();
  if (text == "*")
    return name;
  if (text.find("||") != std::string::npos) {
    const std::vector<std::size_t> in = releases_in(*project, versions);
    if (in.size() == 1)
      return name + "==" + project->releases[in.front()].candidate.version.to_string();
    if (!in.empty() && contiguous(in))
      return name + run_text(*project, in);
  }
  return union_text(name, text);
}

std::string fact(const Universe& universe, const Incompatibility& incompatibility) {
  switch (incompatibility.kind) {
    case CauseKind::not_root:
      return universe.root_name + " is to be satisfied";
    case CauseKind::root_requirement:
      return universe.root_name +
             (incompatibility.origin.empty() ? "" : " (" + incompatibility.origin + ")") +
             " requires " + incompatibility.requirement;
    case CauseKind::dependency:
      for (const TermEntry& entry : incompatibility.terms) {
        if (entry.term.positive)
          return subject(universe, entry.package, entry.term.set) + " depends on " +
                 incompatibility.requirement;
      }
      break;
    case CauseKind::unavailable: {
      const TermEntry& entry = incompatibility.terms.front();
      return subject(universe, entry.package, entry.term.set) + " cannot be used because " +
             incompatibility.reason;
    }
    case CauseKind::no_versions:
      return no_versions_fact(universe, incompatibility);
    case CauseKind::derived:
      break;
  }
  return conclusion(universe, incompatibility);
}

std::string conclusion(const Universe& universe, const Incompatibility& incompatibility) {
  std::vector<std::string> positives;
  std::vector<std::string> negatives;
  const TermEntry* only_positive = nullptr;
  for (const TermEntry& entry : incompatibility.terms) {
    if (entry.package == k_root_package && entry.term.positive)
      continue;  // the root is always selected
    if (entry.term.positive) {
      positives.push_back(subject(universe, entry.package, entry.term.set));
      only_positive = &entry;
    } else {
      negatives.push_back(requirement(universe, entry.package, entry.term.set));
    }
  }
  if (positives.empty() && negatives.empty())
    return universe.root_name + " cannot be satisfied";
  if (negatives.empty()) {
    if (positives.size() == 1) {
      if (covers_all(universe, only_positive->package, only_positive->term.set))
        return "no version of " + universe.packages[only_positive->package].display +
               " can be used";
      return positives.front() + " cannot be used";
    }
    if (positives.size() == 2)
      return positives[0] + " is incompatible with " + positives[1];
    return join(positives, " and ") + " cannot all be used";
  }
  const std::string required = join(negatives, " or ");
  if (positives.empty())
    return universe.root_name + " requires " + required;
  if (positives.size() == 1)
    return positives.front() + " requires " + required;
  return join(positives, " and ") + " together require " + required;
}

}  // namespace gator::resolver::detail

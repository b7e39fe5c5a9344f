#include "profile/show.hpp"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "profile/source_text.hpp"

namespace gator::profile {

namespace {

using detail::in_quotes;

// Lines of TOML, each with an optional comment that is aligned with the others.
class Listing {
 public:
  void blank() { m_lines.emplace_back(); }
  void line(std::string text, std::string comment = {}) {
    m_lines.emplace_back(std::move(text), std::move(comment));
  }
  void value(std::string key, std::string value, const Origin& origin, std::string note = {}) {
    std::string comment = origin.is_default() ? "default" : "from " + origin.to_string();
    if (!note.empty())
      comment += "; " + note;
    line(std::move(key) + " = " + std::move(value), std::move(comment));
  }

  [[nodiscard]] std::string str() const {
    constexpr std::size_t k_widest = 52;  // longer lines do not push every comment right
    std::size_t column = 0;
    for (const auto& [text, comment] : m_lines)
      if (!comment.empty() && detail::code_points(text) <= k_widest)
        column = std::max(column, detail::code_points(text));
    std::string out;
    for (const auto& [text, comment] : m_lines) {
      out += text;
      if (!comment.empty()) {
        const std::size_t width = detail::code_points(text);
        out += std::string(width < column ? column - width : 0, ' ') + "  # " + comment;
      }
      out += "\n";
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> m_lines;
};

[[nodiscard]] std::string string_list(const std::vector<Sourced<std::string>>& items) {
  std::string out = "[";
  for (const auto& item : items)
    out += (out.size() > 1 ? ", " : "") + in_quotes(item.value);
  return out + "]";
}

void constraint(Listing& listing, std::string key, const Sourced<VersionConstraint>& value) {
  listing.value(std::move(key), in_quotes(value.value.text), value.origin,
                "means " + value.value.specifier.to_string());
}

void show_hardware(Listing& listing, const Hardware& hardware) {
  listing.blank();
  listing.line("[hardware]");
  listing.value("vendor", in_quotes(to_string(hardware.vendor.value)), hardware.vendor.origin);
  if (!hardware.gpu_archs.value.empty())
    listing.value("gpu-arch", string_list(hardware.gpu_archs.value), hardware.gpu_archs.origin);
  if (hardware.rocm)
    constraint(listing, "rocm", *hardware.rocm);
  if (hardware.cuda)
    constraint(listing, "cuda", *hardware.cuda);
  if (!hardware.pci_ids.value.empty())
    listing.value("pci-ids", string_list(hardware.pci_ids.value), hardware.pci_ids.origin);
  if (hardware.driver)
    constraint(listing, "driver", *hardware.driver);
}

void show_target(Listing& listing, const Target& target) {
  listing.blank();
  listing.line("[target]");
  listing.value("platform", in_quotes(target.platform.value), target.platform.origin);
  if (target.arch)
    listing.value("arch", in_quotes(to_string(target.arch->value)), target.arch->origin);
  else
    listing.line("# arch: not set (the machine running gator-provision)");
  if (target.glibc)
    listing.value("glibc", in_quotes(target.glibc->value.to_string()), target.glibc->origin);
  else
    listing.line("# glibc: not set (the machine running gator-provision)");
}

void show_indexes(Listing& listing, const std::vector<Index>& indexes) {
  for (const Index& index : indexes) {
    listing.blank();
    listing.line("[[index]]", index.origin.is_default() ? "default: no profile declares an index"
                                                        : "from " + index.origin.to_string());
    listing.value("name", in_quotes(index.name.value), index.name.origin);
    listing.value("url", in_quotes(index.url.value), index.url.origin);
    listing.value("explicit", index.explicit_only.value ? "true" : "false",
                  index.explicit_only.origin);
  }
}

void show_requirements(Listing& listing, const Requirements& requirements) {
  listing.blank();
  listing.line("[requirements]");
  if (requirements.packages.value.empty()) {
    listing.value("packages", "[]", requirements.packages.origin);
  } else {
    listing.line("packages = [");
    for (const auto& package : requirements.packages.value)
      listing.line("  " + in_quotes(package.value.to_string()) + ",",
                   "from " + package.origin.to_string());
    listing.line("]");
  }
  if (requirements.sources.empty())
    return;
  listing.blank();
  listing.line("[requirements.sources]");
  for (const auto& [project, index] : requirements.sources)
    listing.value(project.str(), in_quotes(index.value), index.origin);
}

}  // namespace

std::string render_profile_show(const Profile& profile) {
  Listing listing;
  std::string header = "# profile " + profile.name.value;
  for (std::size_t i = 0; i < profile.files.size(); ++i)
    header += (i == 0 ? ": " : i == 1 ? ", extending " : ", then ") + profile.files[i];
  listing.line(header);
  listing.line("schema-version = " + std::to_string(k_schema_version));

  listing.blank();
  listing.line("[profile]");
  listing.value("name", in_quotes(profile.name.value), profile.name.origin);
  listing.value("description", in_quotes(profile.description.value), profile.description.origin);

  show_hardware(listing, profile.hardware);

  listing.blank();
  listing.line("[python]");
  constraint(listing, "version", profile.python.version);

  show_target(listing, profile.target);

  listing.blank();
  listing.line("[environment]");
  for (const auto& [name, value] : profile.environment)
    listing.value(name, in_quotes(value.value), value.origin);

  show_indexes(listing, profile.indexes);
  show_requirements(listing, profile.requirements);

  listing.blank();
  listing.line("[venv]");
  if (profile.venv_path)
    listing.value("path", in_quotes(profile.venv_path->value), profile.venv_path->origin);
  else
    listing.line("# path: not set (give --venv)");

  if (profile.smoke) {
    listing.blank();
    listing.line("[smoke]");
    listing.value("command", string_list(profile.smoke->command.value),
                  profile.smoke->command.origin);
    listing.value("timeout", std::to_string(profile.smoke->timeout_seconds.value),
                  profile.smoke->timeout_seconds.origin);
  }
  return listing.str();
}

std::string profile_digest(const Profile& profile) {
  std::string out = "gator-profile-digest 1\n";
  out += "python.version = " + in_quotes(profile.python.version.value.specifier.to_string()) + "\n";
  out += "target.platform = " + in_quotes(profile.target.platform.value) + "\n";
  if (profile.target.arch)
    out += "target.arch = " + in_quotes(to_string(profile.target.arch->value)) + "\n";
  if (profile.target.glibc)
    out += "target.glibc = " + in_quotes(profile.target.glibc->value.to_string()) + "\n";
  for (const Index& index : profile.indexes)
    out += "index = " + in_quotes(index.name.value) + " " + in_quotes(index.url.value) +
           (index.explicit_only.value ? " explicit" : "") + "\n";
  // The order of requirements does not change a resolution, so it does not change the digest.
  std::set<std::string> packages;
  for (const auto& package : profile.requirements.packages.value)
    packages.insert(package.value.to_string());
  for (const std::string& package : packages)
    out += "package = " + in_quotes(package) + "\n";
  for (const auto& [project, index] : profile.requirements.sources)
    out += "source = " + in_quotes(project.str()) + " " + in_quotes(index.value) + "\n";
  return out;
}

}  // namespace gator::profile

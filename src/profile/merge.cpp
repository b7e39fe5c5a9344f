// `extends`: merging a file over its base, then the checks that need the whole profile.
#include <algorithm>
#include <array>
#include <filesystem>
#include <string>

#include "profile/layer.hpp"
#include "profile/values.hpp"

namespace gator::profile::detail {

namespace {

constexpr std::int64_t k_default_smoke_timeout = 300;
constexpr std::string_view k_default_index_name = "pypi";
constexpr std::string_view k_default_index_url = "https://pypi.org/simple";

template <typename T>
void take(std::optional<T>& to, const std::optional<T>& from) {
  if (from)
    to = from;
}

[[noreturn]] void fail(const Sources& sources, const Origin& at, std::string message,
                       std::string hint, std::string cause = {}) {
  Error error = invalid_at(sources.location(at), std::move(message));
  if (!cause.empty())
    error.caused_by(std::move(cause));
  throw error.hint(std::move(hint));
}

// Where to point for a key missing from the merged profile: the leaf's table, else its file.
[[nodiscard]] Origin missing_at(const Layer& leaf, const std::string& table) {
  const auto found = leaf.tables.find(table);
  return found != leaf.tables.end() ? found->second : Origin{leaf.file, 1, 1, 0};
}

// A hardware key that does not apply to the profile's vendor.
void check_applies(const Sources& sources, const Sourced<Vendor>& vendor, bool applies,
                   const Origin& at, std::string_view key, std::string_view vendors) {
  if (applies)
    return;
  fail(sources, at,
       "`hardware." + std::string(key) + "` is set but `hardware.vendor` is " +
           in_quotes(to_string(vendor.value)),
       "`" + std::string(key) + "` applies to " + std::string(vendors) +
           " profiles; remove it or change the vendor (set at " + vendor.origin.to_string() + ")");
}

void check_hardware(const Sources& sources, const Hardware& hardware) {
  const Vendor vendor = hardware.vendor.value;
  if (hardware.rocm)
    check_applies(sources, hardware.vendor, vendor == Vendor::amd, hardware.rocm->origin, "rocm",
                  "amd");
  if (hardware.cuda)
    check_applies(sources, hardware.vendor, vendor == Vendor::nvidia, hardware.cuda->origin, "cuda",
                  "nvidia");
  const bool gpu = vendor != Vendor::cpu;
  if (!hardware.gpu_archs.value.empty())
    check_applies(sources, hardware.vendor, gpu, hardware.gpu_archs.origin, "gpu-arch",
                  "amd and nvidia");
  if (!hardware.pci_ids.value.empty())
    check_applies(sources, hardware.vendor, gpu, hardware.pci_ids.origin, "pci-ids",
                  "amd and nvidia");
  if (hardware.driver)
    check_applies(sources, hardware.vendor, gpu, hardware.driver->origin, "driver",
                  "amd and nvidia");

  for (const Sourced<std::string>& arch : hardware.gpu_archs.value) {
    const auto checked = check_gpu_arch(vendor, arch.value);
    if (!checked)
      fail(sources,
           sources.inside_string(arch.origin, arch.value, checked.error().offset,
                                 checked.error().length),
           "invalid GPU architecture for vendor " + in_quotes(to_string(vendor)) + ": " +
               shown(arch.value),
           vendor == Vendor::amd
               ? "AMD GPUs are named by their LLVM target: gfx900 (MI25), gfx906 (MI50), gfx90a "
                 "(MI210), gfx942 (MI300X)"
               : "NVIDIA GPUs are named by compute capability: sm_80 (A100), sm_90 (H100)",
           checked.error().message);
  }
  const std::string_view vendor_id = vendor == Vendor::amd ? "1002" : "10de";
  for (const Sourced<std::string>& id : hardware.pci_ids.value)
    if (!id.value.starts_with(vendor_id))
      fail(sources, id.origin,
           "PCI id " + shown(id.value) + " is not a device of vendor " +
               in_quotes(to_string(vendor)),
           "amd devices have the PCI vendor id 1002, nvidia devices 10de");
}

void check_sources(const Sources& sources, const Profile& profile) {
  std::vector<std::string_view> declared;
  for (const Index& index : profile.indexes)
    declared.push_back(index.name.value);
  std::string listed;
  for (const std::string_view name : declared)
    listed += (listed.empty() ? "" : ", ") + in_quotes(name);

  for (const auto& [project, index] : profile.requirements.sources) {
    if (profile.find_index(index.value) != nullptr)
      continue;
    const auto suggestion = closest_match(index.value, declared);
    fail(sources, index.origin,
         "`requirements.sources` pins `" + project.str() +
             "` to an undeclared index: " + shown(index.value),
         suggestion ? "did you mean " + in_quotes(*suggestion) + "? (declared: " + listed + ")"
                    : "declare it in an [[index]] section (declared: " + listed + ")");
  }

  const bool has_default =
      std::any_of(profile.indexes.begin(), profile.indexes.end(),
                  [](const Index& index) { return !index.explicit_only.value; });
  if (has_default)
    return;
  for (const auto& requirement : profile.requirements.packages.value) {
    const auto& name = requirement.value.package_name();
    if (requirement.value.url() || profile.pinned_index(name) != nullptr)
      continue;
    fail(sources, requirement.origin,
         "`" + name.str() + "` has no index: every index is explicit and " +
             "`requirements.sources` does not pin it",
         "add an index without `explicit = true` (such as https://pypi.org/simple) or pin `" +
             name.str() + "` in `requirements.sources`");
  }
}

}  // namespace

Layer merge_layers(Layer base, const Layer& child) {
  base.file = child.file;
  base.extends = child.extends;
  base.name = child.name;  // [profile] describes one file and is not inherited
  base.description = child.description;
  base.tables = child.tables;

  take(base.vendor, child.vendor);
  take(base.gpu_archs, child.gpu_archs);
  take(base.rocm, child.rocm);
  take(base.cuda, child.cuda);
  take(base.pci_ids, child.pci_ids);
  take(base.driver, child.driver);
  take(base.python_version, child.python_version);
  take(base.platform, child.platform);
  take(base.arch, child.arch);
  take(base.glibc, child.glibc);
  take(base.packages, child.packages);
  take(base.venv_path, child.venv_path);
  take(base.smoke_command, child.smoke_command);
  take(base.smoke_timeout, child.smoke_timeout);

  for (const auto& [name, value] : child.environment)
    base.environment.insert_or_assign(name, value);
  for (const auto& [project, index] : child.sources)
    base.sources.insert_or_assign(project, index);
  // An index keeps its base's position when redefined, so the priority order stays put.
  for (const Index& index : child.indexes) {
    const auto same = std::find_if(base.indexes.begin(), base.indexes.end(), [&](const Index& i) {
      return i.name.value == index.name.value;
    });
    if (same != base.indexes.end())
      *same = index;
    else
      base.indexes.push_back(index);
  }
  return base;
}

Profile finish_profile(Layer merged, const Layer& leaf, const Sources& sources) {
  Profile profile;
  const std::string stem = std::filesystem::path(leaf.file).stem().string();
  profile.name = merged.name.value_or(Sourced<std::string>{stem, Origin{}});
  profile.description = merged.description.value_or(Sourced<std::string>{"", Origin{}});

  if (!merged.vendor)
    fail(sources, missing_at(leaf, "hardware"), "missing `hardware.vendor`",
         "set vendor = \"amd\", \"nvidia\" or \"cpu\" in [hardware], here or in the profile it "
         "extends");
  profile.hardware.vendor = *merged.vendor;
  profile.hardware.gpu_archs = merged.gpu_archs.value_or(SourcedList<std::string>{});
  profile.hardware.rocm = merged.rocm;
  profile.hardware.cuda = merged.cuda;
  profile.hardware.pci_ids = merged.pci_ids.value_or(SourcedList<std::string>{});
  profile.hardware.driver = merged.driver;
  check_hardware(sources, profile.hardware);

  if (!merged.python_version)
    fail(sources, missing_at(leaf, "python"), "missing `python.version`",
         "set version = \"3.11\" in [python], here or in the profile it extends");
  profile.python.version = *merged.python_version;

  profile.target.platform = merged.platform.value_or(Sourced<std::string>{"linux", Origin{}});
  profile.target.arch = merged.arch;
  profile.target.glibc = merged.glibc;

  profile.environment = std::move(merged.environment);
  profile.indexes = std::move(merged.indexes);
  if (profile.indexes.empty()) {
    // pip's default: PyPI, when no file declares an index.
    Index pypi;
    pypi.name = Sourced<std::string>{std::string(k_default_index_name), Origin{}};
    pypi.url = Sourced<std::string>{std::string(k_default_index_url), Origin{}};
    pypi.explicit_only = Sourced<bool>{false, Origin{}};
    profile.indexes.push_back(std::move(pypi));
  }
  if (merged.packages)
    profile.requirements.packages = std::move(*merged.packages);
  profile.requirements.sources = std::move(merged.sources);
  check_sources(sources, profile);

  profile.venv_path = std::move(merged.venv_path);
  if (merged.smoke_command) {
    profile.smoke = Smoke{
        std::move(*merged.smoke_command),
        merged.smoke_timeout.value_or(Sourced<std::int64_t>{k_default_smoke_timeout, Origin{}})};
  } else if (merged.smoke_timeout) {
    fail(sources, merged.smoke_timeout->origin, "`smoke.timeout` is set but `smoke.command` is not",
         "for example: command = [\"python\", \"-c\", \"import torch\"]");
  }
  return profile;
}

}  // namespace gator::profile::detail

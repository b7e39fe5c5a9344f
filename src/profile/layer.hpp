#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "profile/profile.hpp"
#include "profile/source_text.hpp"

// Internal: what one profile file says, before `extends` merges it with its base. Every field
// is optional (or empty) because a file may leave it to its base.
namespace gator::profile::detail {

struct Layer {
  std::string file;
  std::optional<Sourced<std::string>> extends;

  std::optional<Sourced<std::string>> name;
  std::optional<Sourced<std::string>> description;

  std::optional<Sourced<Vendor>> vendor;
  std::optional<SourcedList<std::string>> gpu_archs;
  std::optional<Sourced<VersionConstraint>> rocm;
  std::optional<Sourced<VersionConstraint>> cuda;
  std::optional<SourcedList<std::string>> pci_ids;
  std::optional<Sourced<VersionConstraint>> driver;

  std::optional<Sourced<VersionConstraint>> python_version;

  std::optional<Sourced<std::string>> platform;
  std::optional<Sourced<TargetArch>> arch;
  std::optional<Sourced<GlibcVersion>> glibc;

  std::map<std::string, Sourced<std::string>> environment;
  std::vector<Index> indexes;
  std::optional<SourcedList<pep508::Requirement>> packages;
  std::map<pep508::PackageName, Sourced<std::string>> sources;

  std::optional<Sourced<std::string>> venv_path;
  std::optional<SourcedList<std::string>> smoke_command;
  std::optional<Sourced<std::int64_t>> smoke_timeout;

  // Where each top-level table of this file starts ("hardware" -> its header), for errors
  // about a key that is missing from it.
  std::map<std::string, Origin> tables;
};

// Parses and checks one profile file (TOML syntax, schema-version, keys, types and values);
// throws gator::Error(invalid_input) at the first mistake, in source order.
[[nodiscard]] Layer read_layer(const SourceText& source);

// `child` over `base` (profiles/README.md, "Merging"): keys override, lists replace,
// [environment] and sources merge per key, indexes merge by name.
[[nodiscard]] Layer merge_layers(Layer base, const Layer& child);

// The merged layers as a Profile: defaults applied, required keys and the checks that need the
// whole profile (vendor-specific keys, sources naming declared indexes).
[[nodiscard]] Profile finish_profile(Layer merged, const Layer& leaf, const Sources& sources);

}  // namespace gator::profile::detail

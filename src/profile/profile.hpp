#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/specifier.hpp"
#include "pep508/name.hpp"
#include "pep508/requirement.hpp"

// The typed, fully merged form of a profile (profiles/README.md documents the TOML schema).
// Every value records where it came from, so that `profile show` and error messages can name
// the file and line even after `extends` merged several files.
namespace gator::profile {

// The only schema-version this build reads.
inline constexpr std::int64_t k_schema_version = 1;

// Where a value was written: `line` 0 means a default that no file wrote.
struct Origin {
  std::string file;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, in code points (as toml++ counts)
  std::size_t span = 0;    // code points of the value's token on that line (0: unknown)

  [[nodiscard]] bool is_default() const { return line == 0; }
  // "profiles/mi25.toml:12", or "default".
  [[nodiscard]] std::string to_string() const;
};

template <typename T>
struct Sourced {
  T value{};
  Origin origin;
};

// A list written as a whole in one file (lists are replaced, not merged, by `extends`); each
// element also knows its own position, for errors that point at one element.
template <typename T>
using SourcedList = Sourced<std::vector<Sourced<T>>>;

enum class Vendor { amd, nvidia, cpu };
[[nodiscard]] const char* to_string(Vendor vendor);

enum class TargetArch { x86_64, aarch64 };
[[nodiscard]] const char* to_string(TargetArch arch);

// A version or a PEP 440 specifier set as written ("5.7.1", "3.11", ">=5.7,<5.8") and what it
// means: a bare version with fewer than three release numbers names a series ("3.11" is
// "==3.11.*"), otherwise it is exact ("5.7.1" is "==5.7.1").
struct VersionConstraint {
  std::string text;
  pep440::SpecifierSet specifier;
};

// The oldest glibc the target runs ("2.31": Ubuntu 20.04); wheels needing a newer manylinux
// tag must not be locked.
struct GlibcVersion {
  std::uint32_t major = 0;
  std::uint32_t minor = 0;

  [[nodiscard]] std::string to_string() const;
  friend auto operator<=>(const GlibcVersion&, const GlibcVersion&) = default;
};

struct Hardware {
  Sourced<Vendor> vendor;
  SourcedList<std::string> gpu_archs;  // "gfx900" (amd), "sm_80" (nvidia); empty for cpu
  std::optional<Sourced<VersionConstraint>> rocm;
  std::optional<Sourced<VersionConstraint>> cuda;
  SourcedList<std::string> pci_ids;  // "1002:6860", lower-case hex
  std::optional<Sourced<VersionConstraint>> driver;
};

struct Python {
  Sourced<VersionConstraint> version;
};

struct Target {
  Sourced<std::string> platform;               // "linux"
  std::optional<Sourced<TargetArch>> arch;     // nullopt: the machine running the tool
  std::optional<Sourced<GlibcVersion>> glibc;  // nullopt: the machine running the tool
};

struct Index {
  Sourced<std::string> name;
  Sourced<std::string> url;
  Sourced<bool> explicit_only;  // `explicit`: used only by packages pinned to it in `sources`
  Origin origin;                // the [[index]] header
};

struct Requirements {
  SourcedList<pep508::Requirement> packages;
  std::map<pep508::PackageName, Sourced<std::string>> sources;  // project -> index name
};

struct Smoke {
  SourcedList<std::string> command;  // argv, run in the venv with the profile's environment
  Sourced<std::int64_t> timeout_seconds;
};

struct Profile {
  Sourced<std::string> name;         // [profile] name, defaulting to the file's stem
  Sourced<std::string> description;  // "" by default
  // The files merged, the loaded one first, then the profile it extends, and so on.
  std::vector<std::string> files;

  Hardware hardware;
  Python python;
  Target target;
  std::map<std::string, Sourced<std::string>> environment;
  std::vector<Index> indexes;  // in priority order
  Requirements requirements;
  std::optional<Sourced<std::string>> venv_path;
  std::optional<Smoke> smoke;

  [[nodiscard]] const Index* find_index(std::string_view index_name) const;
  // The index a project is pinned to by `sources`, or null when it is not pinned.
  [[nodiscard]] const Index* pinned_index(const pep508::PackageName& project) const;
};

}  // namespace gator::profile

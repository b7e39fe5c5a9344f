#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/resolve.hpp"

// Building in-memory package universes for the resolver tests.
namespace gator::resolver::test {

struct ReleaseSpec {
  ReleaseSpec(std::string version_text = {}, std::vector<std::string> requirements = {})
      : version(std::move(version_text)), requires_dist(std::move(requirements)) {}

  std::string version;
  std::vector<std::string> requires_dist;                  // PEP 508 strings
  std::map<std::string, std::vector<std::string>> extras;  // extra -> requirements
  std::optional<std::string> requires_python;
  WheelStatus wheel = WheelStatus::compatible;
  bool sdist = true;
  bool yanked = false;
  std::string yank_reason;
  std::string index = "pypi";
};

[[nodiscard]] pep508::PackageName name(std::string_view text);
[[nodiscard]] pep440::Version version(std::string_view text);
[[nodiscard]] pep508::Requirement requirement(std::string_view text);
// Requirements of an extra carry `extra == "<name>"` in their marker, as in METADATA.
[[nodiscard]] InMemoryProvider::Release make_release(const ReleaseSpec& spec);
[[nodiscard]] RootRequirement root(std::string_view text, std::string origin = {});
// CPython on x86_64 Linux.
[[nodiscard]] Target target(std::string_view python = "3.11");

// Adds releases: universe.add("a", {{"1.0", {"b>=1"}}, {"2.0"}}).
class Universe {
 public:
  Universe& add(std::string_view project, const std::vector<ReleaseSpec>& releases);
  [[nodiscard]] InMemoryProvider& provider() { return m_provider; }

 private:
  InMemoryProvider m_provider;
};

// "a 1.0, b 2.0" for a resolution, or the explanation of a failure.
[[nodiscard]] std::string summary(const std::expected<Resolution, NoSolution>& result);

}  // namespace gator::resolver::test

// Universes decoded from bytes (releases with pre/post/local versions, yanked, Requires-Python,
// wheel status, extras, markers, cycles). The resolver must return; a resolution must satisfy
// every requirement that applies, and a failure must explain itself.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "resolver/resolve.hpp"

namespace {

using namespace gator;

constexpr const char* k_versions[] = {"1.0",     "1.0+local", "1.0.post1", "2.0a1", "2.0",
                                      "2.0+cpu", "2.1",       "3.0.dev0",  "3.0",   "10.0"};
constexpr const char* k_specifiers[] = {"",        ">=1.0", "<2.0",  "==2.0",
                                        "!=2.0",   "~=2.0", ">1.0",  "==1.0+local",
                                        ">=2.0a1", "==3.*", "<=2.0", "===2.1"};
constexpr const char* k_markers[] = {"",
                                     "; extra == 'x'",
                                     "; extra == 'y'",
                                     "; python_version >= '3.10'",
                                     "; sys_platform == 'win32'",
                                     "; os_name ~= '1.0'"};
constexpr const char* k_python[] = {"", ">=3.8", ">=3.12", "<3.10"};

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
  [[nodiscard]] unsigned next(unsigned bound) {
    const unsigned value = m_position < m_size ? m_data[m_position] : 0;
    ++m_position;
    return value % bound;
  }

 private:
  const std::uint8_t* m_data;
  std::size_t m_size;
  std::size_t m_position = 0;
};

template <std::size_t N>
[[nodiscard]] const char* pick(Bytes& bytes, const char* const (&pool)[N]) {
  return pool[bytes.next(N)];
}

[[nodiscard]] std::string project(unsigned index) {
  return std::string(1, static_cast<char>('a' + index));
}

[[nodiscard]] pep508::Requirement requirement(const std::string& text) {
  auto parsed = pep508::Requirement::parse(text);
  if (!parsed)
    std::abort();  // the pools only hold valid requirements
  return *parsed;
}

struct Universe {
  std::map<std::string, std::map<std::string, std::vector<pep508::Requirement>>> requires_dist;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes bytes(data, size);
  const unsigned projects = 1 + bytes.next(5);
  resolver::InMemoryProvider provider;
  Universe universe;
  for (unsigned p = 0; p < projects; ++p) {
    const auto name = *pep508::PackageName::parse(project(p));
    provider.add_project(name);
    const unsigned releases = bytes.next(5);
    for (unsigned r = 0; r < releases; ++r) {
      const std::string version = pick(bytes, k_versions);
      resolver::InMemoryProvider::Release release{
          resolver::Candidate{*pep440::Version::parse(version),
                              static_cast<resolver::WheelStatus>(bytes.next(4) == 0 ? 1 : 0), true,
                              bytes.next(5) == 0, "fuzz", std::nullopt, "fuzz", version},
          {},
          std::nullopt};
      if (const std::string python = pick(bytes, k_python); !python.empty())
        release.candidate.requires_python = *pep440::SpecifierSet::parse(python);
      release.metadata.provides_extra = {"x"};
      const unsigned deps = bytes.next(4);
      for (unsigned d = 0; d < deps; ++d) {
        std::string text = project(bytes.next(projects));
        if (bytes.next(4) == 0)
          text += "[x]";
        text += pick(bytes, k_specifiers);
        text += pick(bytes, k_markers);
        release.metadata.requires_dist.push_back(requirement(text));
      }
      if (bytes.next(16) == 0)
        release.metadata_error = "unreadable";
      universe.requires_dist[project(p)][pep440::Version::parse(version)->to_string()] =
          release.metadata.requires_dist;
      provider.add(name, std::move(release));
    }
  }
  std::vector<resolver::RootRequirement> roots;
  const unsigned count = 1 + bytes.next(3);
  for (unsigned i = 0; i < count; ++i)
    roots.push_back(resolver::RootRequirement{
        requirement(project(bytes.next(projects)) + (bytes.next(3) == 0 ? "[x]" : "") +
                    pick(bytes, k_specifiers)),
        "fuzz:" + std::to_string(i)});

  pep508::TargetInterpreter interpreter;
  interpreter.python = *pep508::InterpreterVersion::parse("3.11");
  const resolver::Target target{*pep440::Version::parse("3.11"),
                                pep508::default_environment(interpreter)};
  resolver::ResolveOptions options;
  if (bytes.next(4) == 0)
    options.prereleases = resolver::Prereleases::allow;
  const auto result = resolver::resolve(roots, provider, target, options);
  if (!result) {
    const std::string& text = result.error().explanation;
    if (text.empty() || !text.ends_with("cannot be satisfied."))
      std::abort();
    return 0;
  }

  std::map<std::string, const resolver::ResolvedPackage*> chosen;
  for (const resolver::ResolvedPackage& package : result->packages)
    chosen[package.name.str()] = &package;
  const auto holds = [&](const pep508::Requirement& requirement) {
    const auto it = chosen.find(requirement.package_name().str());
    if (it == chosen.end() || !requirement.specifier().contains(it->second->version, true))
      return false;
    for (const std::string& extra : requirement.extras()) {
      const auto& extras = it->second->extras;
      if (std::find(extras.begin(), extras.end(), extra) == extras.end())
        return false;
    }
    return true;
  };
  for (const resolver::RootRequirement& root : roots) {
    if (!holds(root.requirement))
      std::abort();
  }
  for (const resolver::ResolvedPackage& package : result->packages) {
    auto environment = target.markers;
    std::vector<std::string> active{""};
    active.insert(active.end(), package.extras.begin(), package.extras.end());
    for (const pep508::Requirement& requirement :
         universe.requires_dist[package.name.str()][package.version.to_string()]) {
      for (const std::string& extra : active) {
        environment.extra = extra;
        const auto applies = requirement.marker() ? requirement.marker()->evaluate(environment)
                                                  : std::expected<bool, pep508::MarkerError>(true);
        if (applies && *applies && !holds(requirement))
          std::abort();
      }
    }
  }
  return 0;
}

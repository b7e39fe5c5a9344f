#include "universe.hpp"

#include <stdexcept>

namespace gator::resolver::test {

pep508::PackageName name(std::string_view text) {
  auto parsed = pep508::PackageName::parse(text);
  if (!parsed)
    throw std::runtime_error("bad name in test: " + std::string(text));
  return *parsed;
}

pep440::Version version(std::string_view text) {
  auto parsed = pep440::Version::parse(text);
  if (!parsed)
    throw std::runtime_error("bad version in test: " + std::string(text));
  return *parsed;
}

pep508::Requirement requirement(std::string_view text) {
  auto parsed = pep508::Requirement::parse(text);
  if (!parsed)
    throw std::runtime_error("bad requirement in test: " + parsed.error().render());
  return *parsed;
}

namespace {

// `req` restricted to an extra: its marker ANDed with `extra == "<extra>"`.
[[nodiscard]] pep508::Requirement for_extra(std::string_view text, const std::string& extra) {
  const pep508::Requirement plain = requirement(text);
  std::string out = plain.name();
  if (!plain.extras().empty()) {
    out += "[";
    for (std::size_t i = 0; i < plain.extras().size(); ++i)
      out += (i > 0 ? "," : "") + plain.extras()[i];
    out += "]";
  }
  out += plain.specifier().to_string();
  out += "; ";
  if (plain.marker())
    out += "(" + plain.marker()->to_string() + ") and ";
  out += "extra == \"" + extra + "\"";
  return requirement(out);
}

}  // namespace

InMemoryProvider::Release make_release(const ReleaseSpec& spec) {
  InMemoryProvider::Release release{
      Candidate{version(spec.version), spec.wheel, spec.sdist, spec.yanked, spec.yank_reason,
                std::nullopt, spec.index, "handle:" + spec.version},
      {},
      std::nullopt};
  if (spec.requires_python)
    release.candidate.requires_python = *pep440::SpecifierSet::parse(*spec.requires_python);
  for (const std::string& text : spec.requires_dist)
    release.metadata.requires_dist.push_back(requirement(text));
  for (const auto& [extra, requirements] : spec.extras) {
    release.metadata.provides_extra.push_back(extra);
    for (const std::string& text : requirements)
      release.metadata.requires_dist.push_back(for_extra(text, extra));
  }
  return release;
}

RootRequirement root(std::string_view text, std::string origin) {
  return RootRequirement{requirement(text), std::move(origin)};
}

Target target(std::string_view python) {
  pep508::TargetInterpreter interpreter;
  interpreter.python = *pep508::InterpreterVersion::parse(python);
  return Target{version(python), pep508::default_environment(interpreter)};
}

Universe& Universe::add(std::string_view project, const std::vector<ReleaseSpec>& releases) {
  m_provider.add_project(name(project));
  for (const ReleaseSpec& spec : releases)
    m_provider.add(name(project), make_release(spec));
  return *this;
}

std::string summary(const std::expected<Resolution, NoSolution>& result) {
  if (!result)
    return "no solution:\n" + result.error().explanation;
  std::string out;
  for (const ResolvedPackage& package : result->packages) {
    if (!out.empty())
      out += ", ";
    out += package.name.str() + " " + package.version.to_string();
    if (!package.extras.empty()) {
      out += " [";
      for (std::size_t i = 0; i < package.extras.size(); ++i)
        out += (i > 0 ? "," : "") + package.extras[i];
      out += "]";
    }
  }
  return out;
}

}  // namespace gator::resolver::test

#include "tags/generators.hpp"

#include <algorithm>
#include <charconv>

#include "util/strings.hpp"

namespace gator::tags {
namespace {

bool at_least(const PythonVersion& version, unsigned major, unsigned minor) {
  return version >= PythonVersion{major, minor};
}

// packaging looks for a "t" in the ABI flags of the first ABI ("cp313t", "cp313td").
bool is_free_threaded(std::span<const std::string> abis) {
  if (abis.empty())
    return false;
  const std::string& abi = abis.front();
  if (abi.size() < 3 || abi.compare(0, 2, "cp") != 0)
    return false;
  std::size_t at = 2;
  while (at < abi.size() && abi[at] >= '0' && abi[at] <= '9')
    ++at;
  if (at == 2)
    return false;
  // Python's `.*` stops at a newline.
  const std::string_view flags = std::string_view(abi).substr(at);
  return flags.substr(0, flags.find('\n')).find('t') != std::string_view::npos;
}

// Python versions in descending order: the version, the major alone, then older minors.
std::vector<std::string> py_interpreter_range(const PythonVersion& version) {
  std::vector<std::string> out;
  if (version.minor)
    out.push_back("py" + version_nodot(version));
  out.push_back("py" + std::to_string(version.major));
  if (version.minor) {
    for (unsigned minor = *version.minor; minor-- > 0;)
      out.push_back("py" + version_nodot({version.major, minor}));
  }
  return out;
}

}  // namespace

std::strong_ordering operator<=>(const PythonVersion& a, const PythonVersion& b) {
  if (const auto order = a.major <=> b.major; order != 0)
    return order;
  if (!a.minor || !b.minor)
    return a.minor.has_value() <=> b.minor.has_value();
  return *a.minor <=> *b.minor;
}

std::expected<PythonVersion, util::ParseError> parse_python_version(std::string_view text) {
  if (text.empty())
    return std::unexpected(util::ParseError::at(
        text, 0, 0, "a Python version must contain at least one item, e.g. '3' or '3.11'"));
  const std::vector<std::string_view> parts = util::split(text, '.');
  if (parts.size() > 2)
    return std::unexpected(util::ParseError::at(
        text, 0, text.size(), "expected a Python version 'major' or 'major.minor', e.g. '3.11'"));
  unsigned numbers[2] = {0, 0};
  std::size_t offset = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    const bool digits =
        !part.empty() && std::all_of(part.begin(), part.end(), util::is_ascii_digit);
    const auto result = std::from_chars(part.data(), part.data() + part.size(), numbers[i]);
    if (!digits || result.ec != std::errc() || result.ptr != part.data() + part.size())
      return std::unexpected(util::ParseError::at(
          text, offset, part.size(),
          "invalid Python version '" + std::string(text) + "': expected a number, e.g. '3.11'"));
    offset += part.size() + 1;
  }
  PythonVersion version{numbers[0], std::nullopt};
  if (parts.size() == 2)
    version.minor = numbers[1];
  return version;
}

std::string version_nodot(const PythonVersion& version) {
  std::string out = std::to_string(version.major);
  if (version.minor)
    out += std::to_string(*version.minor);
  return out;
}

std::vector<Tag> cpython_tags(const PythonVersion& version, std::span<const std::string> abis,
                              std::span<const std::string> platforms) {
  const std::string interpreter = "cp" + version_nodot(version);
  std::vector<std::string> specific(abis.begin(), abis.end());
  const bool threading = is_free_threaded(abis);
  // Like list.remove, only the first occurrence of each is dropped.
  for (const char* explicit_abi : {"abi3", "abi3t", "none"}) {
    if (!threading && std::string_view(explicit_abi) == "abi3t")
      continue;
    const auto it = std::find(specific.begin(), specific.end(), explicit_abi);
    if (it != specific.end())
      specific.erase(it);
  }

  std::vector<Tag> tags;
  for (const std::string& abi : specific) {
    for (const std::string& platform : platforms)
      tags.emplace_back(interpreter, abi, platform);
  }
  const bool stable = version.minor.has_value() && at_least(version, 3, 2);
  const bool use_abi3 = stable && !threading;
  const bool use_abi3t = stable && threading;
  if (use_abi3) {
    for (const std::string& platform : platforms)
      tags.emplace_back(interpreter, "abi3", platform);
  }
  if (use_abi3t) {
    for (const std::string& platform : platforms)
      tags.emplace_back(interpreter, "abi3t", platform);
  }
  for (const std::string& platform : platforms)
    tags.emplace_back(interpreter, "none", platform);
  if (use_abi3 || use_abi3t) {
    for (unsigned minor = *version.minor; minor-- > 2;) {
      const std::string older = "cp" + version_nodot({version.major, minor});
      for (const std::string& platform : platforms)
        tags.emplace_back(older, use_abi3 ? "abi3" : "abi3t", platform);
    }
  }
  return tags;
}

std::vector<Tag> generic_tags(std::string_view interpreter, std::span<const std::string> abis,
                              std::span<const std::string> platforms) {
  std::vector<std::string> all(abis.begin(), abis.end());
  if (std::find(all.begin(), all.end(), "none") == all.end())
    all.emplace_back("none");
  std::vector<Tag> tags;
  for (const std::string& abi : all) {
    for (const std::string& platform : platforms)
      tags.emplace_back(interpreter, abi, platform);
  }
  return tags;
}

std::vector<Tag> pure_python_tags(const PythonVersion& version) {
  std::vector<Tag> tags;
  for (const std::string& interpreter : py_interpreter_range(version))
    tags.emplace_back(interpreter, "none", "any");
  return tags;
}

std::vector<Tag> compatible_tags(const PythonVersion& version, std::string_view interpreter,
                                 std::span<const std::string> platforms) {
  std::vector<Tag> tags;
  for (const std::string& python : py_interpreter_range(version)) {
    for (const std::string& platform : platforms)
      tags.emplace_back(python, "none", platform);
  }
  if (!interpreter.empty())
    tags.emplace_back(interpreter, "none", "any");
  const std::vector<Tag> pure = pure_python_tags(version);
  tags.insert(tags.end(), pure.begin(), pure.end());
  return tags;
}

}  // namespace gator::tags

// Finding profile files, following `extends`, and merging the chain.
#include "profile/load.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <system_error>

#include "profile/layer.hpp"
#include "profile/values.hpp"
#include "util/strings.hpp"

namespace gator::profile {

namespace {

namespace fs = std::filesystem;
using detail::Layer;
using detail::Sources;

constexpr std::uintmax_t k_max_file_size = 1U << 20U;  // profiles are a page or two of text
constexpr std::size_t k_max_depth = 16;

[[nodiscard]] bool is_path(std::string_view name_or_path) {
  return name_or_path.ends_with(".toml");
}

[[nodiscard]] bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

// The first <dir>/<name>.toml, looking in `first` (the extending file's folder) before `paths`.
[[nodiscard]] std::optional<fs::path> find_named(std::string_view name,
                                                 const std::optional<fs::path>& first,
                                                 const SearchPaths& paths) {
  const std::string file = std::string(name) + ".toml";
  if (first && is_file(*first / file))
    return *first / file;
  for (const fs::path& directory : paths.directories)
    if (is_file(directory / file))
      return directory / file;
  return std::nullopt;
}

[[nodiscard]] std::string read_text(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status))
    throw Error(ErrorKind::invalid_input, "no such profile file: " + path.string());
  if (!fs::is_regular_file(status))
    throw Error(ErrorKind::invalid_input, "not a profile file: " + path.string());
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > k_max_file_size)
    throw Error(ErrorKind::invalid_input, "profile file is larger than 1 MiB: " + path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int code = errno;
    throw Error(ErrorKind::io, "cannot read " + path.string() + ": " + std::strerror(code));
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad())
    throw Error(ErrorKind::io, "cannot read " + path.string());
  return text;
}

[[nodiscard]] std::string identity(const fs::path& path) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  return error ? path.lexically_normal().string() : canonical.string();
}

// Where a profile name was looked for, and what is there: for "unknown profile" hints.
[[nodiscard]] std::string lookup_hint(std::string_view name, const std::optional<fs::path>& first,
                                      const SearchPaths& paths) {
  SearchPaths all = paths;
  if (first)
    all.directories.insert(all.directories.begin(), *first);
  const std::vector<std::string> names = available_profiles(all);
  std::vector<std::string_view> candidates(names.begin(), names.end());
  if (const auto suggestion = detail::closest_match(name, candidates))
    return "did you mean " + detail::in_quotes(*suggestion) + "?";
  if (!names.empty())
    return "available profiles: " + util::join(names, ", ");
  std::vector<std::string> directories;
  for (const fs::path& directory : all.directories)
    directories.push_back(directory.string());
  return directories.empty() ? "no profile directories to look in"
                             : "no profiles in " + util::join(directories, ", ");
}

[[noreturn]] void fail_at(const Sources& sources, const Origin& at, std::string message,
                          std::string hint) {
  throw detail::invalid_at(sources.location(at), std::move(message)).hint(std::move(hint));
}

// The file `extends` names, relative to the extending file.
[[nodiscard]] fs::path resolve_extends(const Sources& sources, const Layer& layer,
                                       const SearchPaths& paths) {
  const Sourced<std::string>& extends = *layer.extends;
  const fs::path folder = fs::path(layer.file).parent_path();
  if (is_path(extends.value)) {
    const fs::path path =
        fs::path(extends.value).is_absolute() ? fs::path(extends.value) : folder / extends.value;
    if (!is_file(path))
      fail_at(sources, extends.origin, "`extends` names a missing file: " + path.string(),
              "a path in `extends` is relative to the profile that contains it");
    return path;
  }
  if (const auto checked = check_name(extends.value); !checked)
    fail_at(sources,
            sources.inside_string(extends.origin, extends.value, checked.error().offset,
                                  checked.error().length),
            "invalid profile name in `extends`: " + detail::shown(extends.value),
            "write a profile name such as \"rocm5.7\" or a path ending in .toml");
  const std::optional<fs::path> first =
      folder.empty() ? std::optional<fs::path>(fs::path(".")) : folder;
  const auto found = find_named(extends.value, first, paths);
  if (!found)
    fail_at(sources, extends.origin,
            "unknown profile " + detail::shown(extends.value) + " in `extends`",
            lookup_hint(extends.value, first, paths));
  return *found;
}

[[nodiscard]] Profile load_chain(Sources& sources, Layer leaf, const SearchPaths& paths) {
  std::vector<Layer> layers;
  std::vector<std::string> seen{identity(leaf.file)};
  std::vector<std::string> names{fs::path(leaf.file).stem().string()};
  layers.push_back(std::move(leaf));
  while (layers.back().extends) {
    const Sourced<std::string>& extends = *layers.back().extends;
    if (layers.size() >= k_max_depth)
      fail_at(sources, extends.origin,
              "`extends` goes deeper than " + std::to_string(k_max_depth) + " profiles",
              "flatten the chain: " + util::join(names, " -> "));
    const fs::path path = resolve_extends(sources, layers.back(), paths);
    names.push_back(is_path(extends.value) ? path.stem().string() : extends.value);
    const std::string id = identity(path);
    if (std::find(seen.begin(), seen.end(), id) != seen.end())
      fail_at(sources, extends.origin, "`extends` cycle: " + util::join(names, " -> "),
              "a profile cannot extend itself, directly or through others; remove one `extends`");
    seen.push_back(id);
    const detail::SourceText& text = sources.add(path.string(), read_text(path));
    layers.push_back(detail::read_layer(text));
  }

  Layer merged = layers.back();
  for (std::size_t i = layers.size() - 1; i-- > 0;)
    merged = detail::merge_layers(std::move(merged), layers[i]);
  Profile profile = detail::finish_profile(std::move(merged), layers.front(), sources);
  for (const Layer& layer : layers)
    profile.files.push_back(layer.file);
  return profile;
}

}  // namespace

Profile load_profile(std::string_view name_or_path, const SearchPaths& paths) {
  fs::path path;
  if (is_path(name_or_path)) {
    path = fs::path(name_or_path);
  } else {
    if (const auto checked = check_name(name_or_path); !checked)
      throw Error(ErrorKind::invalid_input, "invalid profile name " + detail::shown(name_or_path))
          .hint("give a profile name such as mi25 or a path ending in .toml");
    const auto found = find_named(name_or_path, std::nullopt, paths);
    if (!found)
      throw Error(ErrorKind::invalid_input, "no profile named " + detail::shown(name_or_path))
          .hint(lookup_hint(name_or_path, std::nullopt, paths));
    path = *found;
  }
  Sources sources;
  const detail::SourceText& text = sources.add(path.string(), read_text(path));
  return load_chain(sources, detail::read_layer(text), paths);
}

Profile parse_profile(std::string_view text, const std::string& file, const SearchPaths& paths) {
  Sources sources;
  const detail::SourceText& source = sources.add(file, std::string(text));
  return load_chain(sources, detail::read_layer(source), paths);
}

std::vector<std::string> available_profiles(const SearchPaths& paths) {
  std::set<std::string> names;
  for (const fs::path& directory : paths.directories) {
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
      const fs::path& file = it->path();
      if (file.extension() == ".toml" && is_file(file) && check_name(file.stem().string()))
        names.insert(file.stem().string());
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace gator::profile

#include "wheel/layout.hpp"

#include <set>

#include "metadata/core_metadata.hpp"
#include "metadata/record_hash.hpp"
#include "pep508/name.hpp"
#include "wheel/member_name.hpp"
#include "wheel/refusal.hpp"

namespace gator::wheel::detail {
namespace {

constexpr std::string_view k_dist_info_suffix = ".dist-info";
constexpr std::string_view k_metadata_files[] = {"WHEEL", "METADATA", "RECORD", "entry_points.txt"};

[[nodiscard]] std::string_view first_component(std::string_view name) {
  return name.substr(0, name.find('/'));
}

[[nodiscard]] std::string find_dist_info(std::span<const Member> members,
                                         const dist::WheelFilename& filename) {
  const std::string& wheel = filename.filename();
  std::set<std::string, std::less<>> found;
  for (const Member& member : members) {
    const std::string_view top = first_component(member.name);
    const bool is_dir = top.size() < member.name.size() || member.is_directory;
    if (is_dir && top.size() > k_dist_info_suffix.size() && top.ends_with(k_dist_info_suffix))
      found.emplace(top);
  }
  if (found.empty())
    throw refusal(ErrorKind::invalid_input, wheel, "no .dist-info directory");
  if (found.size() > 1) {
    std::string names;
    for (const std::string& name : found)
      names += (names.empty() ? "" : ", ") + name;
    throw refusal(ErrorKind::invalid_input, wheel, "more than one .dist-info directory: " + names);
  }
  std::string dist_info = *found.begin();
  const std::string stem = dist_info.substr(0, dist_info.size() - k_dist_info_suffix.size());
  // Old tools did not escape '-' in the name, so only the prefix is compared (as pip does).
  if (!pep508::canonicalize_name(stem).starts_with(filename.name().canonical() + "-")) {
    throw refusal(ErrorKind::invalid_input, wheel,
                  "its .dist-info directory " + quoted_name(dist_info) + " is not for project " +
                      quoted_name(filename.name().canonical()));
  }
  return dist_info;
}

[[nodiscard]] const std::string& required_text(const MetadataTexts& texts, const std::string& path,
                                               std::string_view wheel) {
  const auto it = texts.find(path);
  if (it == texts.end())
    throw refusal(ErrorKind::invalid_input, wheel, "no " + path);
  return it->second;
}

void check_metadata(std::string_view text, const std::string& path,
                    const dist::WheelFilename& filename) {
  const std::string& wheel = filename.filename();
  auto metadata = metadata::parse_metadata(text);
  if (!metadata)
    throw malformed_file(wheel, path, metadata.error());
  if (metadata->name.str() != filename.name().canonical()) {
    throw refusal(ErrorKind::invalid_input, wheel,
                  path + " names project " + quoted_name(metadata->raw.name) + ", the file name " +
                      quoted_name(filename.name().spelling()));
  }
  // A local label may be in the file name only (download.pytorch.org's "+rocm5.7" builds).
  const pep440::Version& named = filename.version();
  const auto public_named = pep440::Version::parse(named.public_version());
  const bool same =
      metadata->version == named || (public_named && metadata->version == *public_named);
  if (!same) {
    throw refusal(ErrorKind::invalid_input, wheel,
                  path + " says version " + metadata->version.to_string() + ", the file name " +
                      named.to_string());
  }
}

// The RECORD rows by path; rows repeated identically are tolerated.
[[nodiscard]] std::unordered_map<std::string, metadata::RecordEntry> index_record(
    const std::vector<metadata::RecordEntry>& rows, std::string_view wheel) {
  std::unordered_map<std::string, metadata::RecordEntry> index;
  for (const metadata::RecordEntry& row : rows) {
    const auto [it, inserted] = index.emplace(row.path, row);
    if (!inserted && !(it->second == row)) {
      throw refusal(ErrorKind::integrity, wheel,
                    "RECORD lists " + quoted_name(row.path) + " twice, differently");
    }
  }
  return index;
}

void check_hash_field(const metadata::RecordEntry& row, std::string_view wheel) {
  if (row.hash.empty()) {
    if (!metadata::may_omit_hash(row.path))
      throw member_refusal(ErrorKind::integrity, wheel, row.path, "has no hash in RECORD");
    return;
  }
  const auto hash = metadata::parse_record_hash(row.hash);
  if (!hash) {
    Error error =
        member_refusal(ErrorKind::integrity, wheel, row.path, "has a malformed hash in RECORD");
    error.caused_by(hash.error().message);
    throw error;
  }
  if (hash->algorithm != metadata::HashAlgorithm::sha256) {
    const std::string detail = hash->strength() == metadata::HashStrength::weak
                                   ? ", which the wheel specification forbids"
                                   : "; only sha256 is supported";
    throw member_refusal(ErrorKind::integrity, wheel, row.path,
                         "is hashed with " + hash->algorithm_name + " in RECORD" + detail);
  }
  if (!row.size)
    throw member_refusal(ErrorKind::integrity, wheel, row.path, "has no size in RECORD");
}

void check_data_members(std::span<const Member> members, std::string_view data_dir,
                        std::string_view wheel) {
  for (const Member& member : members) {
    if (member.is_directory)
      continue;
    const auto split = split_data_path(member.name, data_dir);
    if (!split)
      continue;
    if (split->second.empty()) {
      throw member_refusal(ErrorKind::invalid_input, wheel, member.name,
                           "is not in a scheme directory (purelib, platlib, headers, scripts "
                           "or data)");
    }
    if (!scheme_key_from_name(split->first)) {
      throw member_refusal(ErrorKind::invalid_input, wheel, member.name,
                           "is in an unknown .data directory " + quoted_name(split->first));
    }
  }
}

}  // namespace

std::optional<SchemeKey> scheme_key_from_name(std::string_view name) {
  if (name == "purelib")
    return SchemeKey::purelib;
  if (name == "platlib")
    return SchemeKey::platlib;
  if (name == "headers")
    return SchemeKey::headers;
  if (name == "scripts")
    return SchemeKey::scripts;
  if (name == "data")
    return SchemeKey::data;
  return std::nullopt;
}

std::optional<std::pair<std::string_view, std::string_view>> split_data_path(
    std::string_view path, std::string_view data_dir) {
  if (path.size() <= data_dir.size() + 1 || !path.starts_with(data_dir) ||
      path[data_dir.size()] != '/') {
    return std::nullopt;
  }
  const std::string_view inside = path.substr(data_dir.size() + 1);
  const std::size_t slash = inside.find('/');
  if (slash == std::string_view::npos)
    return std::pair(inside, std::string_view());
  return std::pair(inside.substr(0, slash), inside.substr(slash + 1));
}

bool is_metadata_member(std::string_view name) {
  const std::size_t slash = name.find('/');
  if (slash == std::string_view::npos || !name.substr(0, slash).ends_with(k_dist_info_suffix))
    return false;
  const std::string_view file = name.substr(slash + 1);
  for (const std::string_view wanted : k_metadata_files) {
    if (file == wanted)
      return true;
  }
  return false;
}

bool is_record_or_signature(std::string_view path, std::string_view dist_info) {
  if (path.size() <= dist_info.size() || !path.starts_with(dist_info) ||
      path[dist_info.size()] != '/') {
    return false;
  }
  const std::string_view file = path.substr(dist_info.size() + 1);
  return file == "RECORD" || file == "RECORD.jws" || file == "RECORD.p7s";
}

WheelLayout check_layout(std::span<const Member> members, const MetadataTexts& texts,
                         const dist::WheelFilename& filename) {
  const std::string& wheel = filename.filename();
  WheelLayout layout;
  layout.dist_info = find_dist_info(members, filename);
  layout.data_dir =
      layout.dist_info.substr(0, layout.dist_info.size() - k_dist_info_suffix.size()) + ".data";

  const std::string wheel_path = layout.dist_info + "/WHEEL";
  auto wheel_file = metadata::parse_wheel_file(required_text(texts, wheel_path, wheel));
  if (!wheel_file)
    throw malformed_file(wheel, wheel_path, wheel_file.error());
  layout.wheel_file = std::move(*wheel_file);

  const std::string metadata_path = layout.dist_info + "/METADATA";
  check_metadata(required_text(texts, metadata_path, wheel), metadata_path, filename);

  const std::string record_path = layout.dist_info + "/RECORD";
  const auto rows = metadata::parse_record(required_text(texts, record_path, wheel));
  if (!rows)
    throw malformed_file(wheel, record_path, rows.error());

  const std::string entry_points_path = layout.dist_info + "/entry_points.txt";
  if (const auto it = texts.find(entry_points_path); it != texts.end()) {
    auto scripts = metadata::parse_scripts(it->second);
    if (!scripts)
      throw malformed_file(wheel, entry_points_path, scripts.error());
    layout.scripts = std::move(*scripts);
  }

  check_data_members(members, layout.data_dir, wheel);

  // RECORD must list exactly the archive's files: first every file, in archive order...
  const auto index = index_record(*rows, wheel);
  std::set<std::string_view> files;
  for (const Member& member : members) {
    if (member.is_directory)
      continue;
    files.insert(member.name);
    if (is_record_or_signature(member.name, layout.dist_info))
      continue;
    const auto row = index.find(member.name);
    if (row == index.end())
      throw member_refusal(ErrorKind::integrity, wheel, member.name, "is not listed in RECORD");
    check_hash_field(row->second, wheel);
    layout.expected.emplace(member.name, row->second);
  }
  // ...then every row, in RECORD order.
  for (const metadata::RecordEntry& row : *rows) {
    if (!files.contains(row.path) && !is_record_or_signature(row.path, layout.dist_info)) {
      throw refusal(ErrorKind::integrity, wheel,
                    "RECORD lists " + quoted_name(row.path) + ", which is not in the wheel");
    }
  }
  return layout;
}

}  // namespace gator::wheel::detail

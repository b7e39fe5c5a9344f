#include "hardware/access.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "util/strings.hpp"

namespace gator::hardware {
namespace {

constexpr std::size_t k_max_account_file_bytes = 16 * 1024 * 1024;
constexpr std::string_view k_passwd = "/etc/passwd";
constexpr std::string_view k_group = "/etc/group";
constexpr std::string_view k_render_prefix = "renderD";

std::optional<std::uint32_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 10 ||
      !std::all_of(text.begin(), text.end(), util::is_ascii_digit)) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > std::numeric_limits<std::uint32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

// Calls `fn(line_number, fields)` for each non-blank, non-comment, non-NIS line.
template <typename Fn>
void for_each_entry(std::string_view text, Fn&& fn) {
  std::size_t line_number = 0;
  for (const std::string_view raw : util::split(text, '\n')) {
    ++line_number;
    const std::string_view line = util::trim_ascii(raw);
    if (line.empty() || line.front() == '#' || line.front() == '+' || line.front() == '-') {
      continue;
    }
    fn(line_number, util::split(line, ':'));
  }
}

// uid -> user name from an /etc/passwd text, first entry wins (as getpwuid(3) does).
std::map<std::uint32_t, std::string> user_names(std::string_view text) {
  std::map<std::uint32_t, std::string> out;
  for_each_entry(text, [&](std::size_t, const std::vector<std::string_view>& fields) {
    if (fields.size() >= 4) {
      if (const auto uid = parse_id(fields[2])) {
        out.try_emplace(*uid, fields[0]);
      }
    }
  });
  return out;
}

std::string read_or_empty(const Sysroot& sysroot, std::string_view file) {
  auto text = sysroot.read(file, k_max_account_file_bytes);
  return text ? std::move(*text) : std::string();
}

DeviceNode make_node(std::string_view path, const struct stat& info,
                     const std::map<std::uint32_t, std::string>& users,
                     const std::vector<GroupEntry>& groups, const UserAccount* user) {
  DeviceNode node;
  node.path = std::string(path);
  node.char_device = S_ISCHR(info.st_mode);
  node.uid = info.st_uid;
  node.gid = info.st_gid;
  node.mode = info.st_mode & 07777U;
  if (const auto it = users.find(node.uid); it != users.end()) {
    node.owner = it->second;
  }
  const auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const GroupEntry& entry) { return entry.gid == node.gid; });
  if (group != groups.end()) {
    node.group = group->name;
  }
  if (user != nullptr) {
    node.access = decide_access(*user, node.uid, node.gid, node.mode, node.group);
  }
  return node;
}

}  // namespace

std::vector<GroupEntry> parse_group_file(std::string_view text) {
  std::vector<GroupEntry> out;
  for_each_entry(text, [&](std::size_t, const std::vector<std::string_view>& fields) {
    if (fields.size() < 3 || fields[0].empty()) {
      return;
    }
    const auto gid = parse_id(fields[2]);
    if (!gid) {
      return;
    }
    GroupEntry entry{std::string(fields[0]), *gid, {}};
    if (fields.size() >= 4) {
      for (const std::string_view member : util::split(fields[3], ',')) {
        const std::string_view name = util::trim_ascii(member);
        if (!name.empty()) {
          entry.members.emplace_back(name);
        }
      }
    }
    out.push_back(std::move(entry));
  });
  return out;
}

std::expected<UserAccount, DetectError> read_user(const Sysroot& sysroot, std::string_view user) {
  const std::string passwd_path = sysroot.display(k_passwd);
  const auto passwd = sysroot.read(k_passwd, k_max_account_file_bytes);
  if (!passwd) {
    return std::unexpected(DetectError{passwd_path, 0,
                                       is_absent(passwd.error())
                                           ? "missing: cannot look up user " + quote(user)
                                           : "cannot read: " + passwd.error().message()});
  }
  std::optional<UserAccount> account;
  std::optional<DetectError> malformed;
  for_each_entry(*passwd, [&](std::size_t line, const std::vector<std::string_view>& fields) {
    if (account || malformed || fields.front() != user) {
      return;
    }
    const auto bad = [&](std::string what) {
      malformed =
          DetectError{passwd_path, line, "malformed entry for user " + quote(user) + ": " + what};
    };
    if (fields.size() < 4) {
      bad("expected name:password:uid:gid:...");
      return;
    }
    const auto uid = parse_id(fields[2]);
    const auto gid = parse_id(fields[3]);
    if (!uid) {
      bad("invalid uid " + quote(fields[2]));
      return;
    }
    if (!gid) {
      bad("invalid gid " + quote(fields[3]));
      return;
    }
    account = UserAccount{std::string(user), *uid, *gid, {}, {}};
  });
  if (malformed) {
    return std::unexpected(std::move(*malformed));
  }
  if (!account) {
    return std::unexpected(DetectError{
        passwd_path, 0,
        "no user " + quote(user) + " (users from LDAP or other NSS sources are not seen)"});
  }

  const std::vector<GroupEntry> groups = parse_group_file(read_or_empty(sysroot, k_group));
  account->groups.push_back(account->gid);
  for (const GroupEntry& group : groups) {
    if (std::find(group.members.begin(), group.members.end(), user) != group.members.end()) {
      account->groups.push_back(group.gid);
    }
  }
  std::sort(account->groups.begin(), account->groups.end());
  account->groups.erase(std::unique(account->groups.begin(), account->groups.end()),
                        account->groups.end());
  for (const std::uint32_t gid : account->groups) {
    const auto group = std::find_if(groups.begin(), groups.end(),
                                    [&](const GroupEntry& entry) { return entry.gid == gid; });
    account->group_names.push_back(group == groups.end() ? std::string() : group->name);
  }
  return std::move(*account);
}

DeviceAccess decide_access(const UserAccount& user, std::uint32_t owner_uid,
                           std::uint32_t owner_gid, std::uint32_t mode,
                           std::string_view group_name) {
  constexpr std::uint32_t k_owner_rw = 0600;
  constexpr std::uint32_t k_group_rw = 0060;
  constexpr std::uint32_t k_other_rw = 0006;
  if (user.uid == 0) {
    return {true, std::nullopt};  // CAP_DAC_OVERRIDE
  }
  // The kernel uses exactly one class: owner, else group, else other.
  if (user.uid == owner_uid) {
    return {(mode & k_owner_rw) == k_owner_rw, std::nullopt};
  }
  if (std::binary_search(user.groups.begin(), user.groups.end(), owner_gid)) {
    return {(mode & k_group_rw) == k_group_rw, std::nullopt};
  }
  if ((mode & k_other_rw) == k_other_rw) {
    return {true, std::nullopt};
  }
  if ((mode & k_group_rw) == k_group_rw) {
    return {false, group_name.empty() ? std::to_string(owner_gid) : std::string(group_name)};
  }
  return {false, std::nullopt};
}

DeviceFacts read_devices(const Sysroot& sysroot, const std::optional<std::string>& user) {
  DeviceFacts out{std::nullopt, std::optional<DeviceNode>(), std::vector<DeviceNode>()};
  if (user) {
    out.user = read_user(sysroot, *user);
  }
  const UserAccount* account = out.user && out.user->has_value() ? &**out.user : nullptr;
  const std::map<std::uint32_t, std::string> users = user_names(read_or_empty(sysroot, k_passwd));
  const std::vector<GroupEntry> groups = parse_group_file(read_or_empty(sysroot, k_group));

  auto node = [&](std::string_view path) -> std::expected<std::optional<DeviceNode>, DetectError> {
    const auto info = sysroot.status(path);
    if (!info) {
      if (is_absent(info.error())) {
        return std::optional<DeviceNode>();
      }
      return std::unexpected(
          DetectError{sysroot.display(path), 0, "cannot stat: " + info.error().message()});
    }
    return std::optional<DeviceNode>(make_node(path, *info, users, groups, account));
  };

  out.kfd = node(k_kfd_device);

  const auto entries = sysroot.list(k_dri_dir);
  if (!entries) {
    if (!is_absent(entries.error())) {
      out.render = std::unexpected(
          DetectError{sysroot.display(k_dri_dir), 0, "cannot list: " + entries.error().message()});
    }
    return out;
  }
  std::vector<std::pair<std::uint32_t, std::string>> render;
  for (const std::string& entry : *entries) {
    if (entry.starts_with(k_render_prefix)) {
      if (const auto number = parse_id(std::string_view(entry).substr(k_render_prefix.size()))) {
        render.emplace_back(*number, entry);
      }
    }
  }
  std::sort(render.begin(), render.end());
  std::vector<DeviceNode> nodes;
  for (const auto& [number, entry] : render) {
    auto found = node(std::string(k_dri_dir) + '/' + entry);
    if (!found) {
      out.render = std::unexpected(std::move(found.error()));
      return out;
    }
    if (*found) {
      nodes.push_back(std::move(**found));
    }
  }
  out.render = std::move(nodes);
  return out;
}

}  // namespace gator::hardware

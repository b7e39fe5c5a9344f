#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hardware/sysroot.hpp"

namespace gator::hardware {

// A user as the sysroot's /etc/passwd and /etc/group describe it. Users that exist only in LDAP
// or another NSS source are not seen: the files are read, not getpwnam(3), so that an image's
// accounts are judged rather than the host's.
struct UserAccount {
  std::string name;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;                 // primary group
  std::vector<std::uint32_t> groups;     // primary and supplementary gids, sorted, unique
  std::vector<std::string> group_names;  // names of `groups` where known, same order
};

// One /etc/group line.
struct GroupEntry {
  std::string name;
  std::uint32_t gid = 0;
  std::vector<std::string> members;
};

// Pure: the well-formed lines of an /etc/group file (others, and NIS "+"/"-" lines, are left out:
// they concern other groups than the ones looked up).
[[nodiscard]] std::vector<GroupEntry> parse_group_file(std::string_view text);

// `user` from the sysroot's /etc/passwd, with groups from its /etc/group. A missing user or a
// malformed line for that user is an error naming the file and line.
[[nodiscard]] std::expected<UserAccount, DetectError> read_user(const Sysroot& sysroot,
                                                                std::string_view user);

// Whether a user may open a device node for reading and writing, decided as the kernel would from
// the mode bits (owner class, else group class, else other; uid 0 always may). POSIX ACLs and
// logind's "uaccess" are not considered: a service does not have a seat.
struct DeviceAccess {
  bool read_write = false;
  // The group whose membership would grant access ("render"), when joining one would help.
  std::optional<std::string> group_to_join;
};

[[nodiscard]] DeviceAccess decide_access(const UserAccount& user, std::uint32_t owner_uid,
                                         std::uint32_t owner_gid, std::uint32_t mode,
                                         std::string_view group_name);

struct DeviceNode {
  std::string path;  // machine path, "/dev/kfd"
  bool char_device = false;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::uint32_t mode = 0;              // permission bits, e.g. 0660
  std::string owner;                   // user name from the sysroot's /etc/passwd; "" when unknown
  std::string group;                   // group name from the sysroot's /etc/group; "" when unknown
  std::optional<DeviceAccess> access;  // for the user asked about, when that user is known
};

inline constexpr std::string_view k_kfd_device = "/dev/kfd";
inline constexpr std::string_view k_dri_dir = "/dev/dri";

struct DeviceFacts {
  std::optional<std::expected<UserAccount, DetectError>> user;  // nullopt: nobody asked about
  std::expected<std::optional<DeviceNode>, DetectError> kfd;    // nullopt: /dev/kfd is absent
  std::expected<std::vector<DeviceNode>, DetectError> render;   // /dev/dri/renderD*, by number
};

// stat(2)s /dev/kfd and /dev/dri/renderD* and, when `user` is given, decides that user's access.
[[nodiscard]] DeviceFacts read_devices(const Sysroot& sysroot,
                                       const std::optional<std::string>& user);

}  // namespace gator::hardware

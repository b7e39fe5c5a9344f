#pragma once

#include <optional>
#include <string>
#include <string_view>

// Rules for the names of a wheel's archive members (pure, no I/O).
namespace gator::wheel {

// Why `name` (a member's path, without the trailing '/' of a directory entry) cannot be
// installed safely, or nothing when it can: it must be relative, '/'-separated, and have no
// empty, "." or ".." components, backslashes, NUL or other control characters.
[[nodiscard]] std::optional<std::string> check_member_name(std::string_view name);

// Two members whose keys are equal would land on the same file of a case-insensitive
// filesystem (or overwrite each other): ASCII letters lower-cased.
[[nodiscard]] std::string collision_key(std::string_view name);

// Whether a component of the path is "__pycache__" (such files are not installed).
[[nodiscard]] bool is_in_pycache(std::string_view path);

// The member name shown in messages: quoted, with control characters escaped as \xNN.
[[nodiscard]] std::string quoted_name(std::string_view name);

}  // namespace gator::wheel

#pragma once

#include <optional>
#include <string>
#include <string_view>

// The URL rules of lock files. A lock file is reviewed in pull requests and copied to every
// server, so it never holds credentials: the reader refuses a URL with userinfo, and so does the
// writer (callers strip credentials first with without_userinfo(); the HTTP layer adds them back
// from ~/.netrc or the profile at download time).
namespace gator::lock {

// The user[:password]@ part of an absolute URL ("scheme://userinfo@host/..."); nothing when
// there is none.
[[nodiscard]] std::optional<std::string_view> userinfo(std::string_view url);

// The URL without its userinfo: "https://user:secret@host/simple" -> "https://host/simple".
[[nodiscard]] std::string without_userinfo(std::string_view url);

// Why `url` cannot be stored in a lock file, or nothing when it can: it must be absolute
// (scheme "://" authority, or "file:"), without whitespace or control characters, and without
// userinfo.
[[nodiscard]] std::optional<std::string> url_problem(std::string_view url);

// The file name a URL ends with, percent-decoded ("torch-2.3.1%2Brocm5.7-...whl" ->
// "torch-2.3.1+rocm5.7-...whl"); the query and fragment are not part of it.
[[nodiscard]] std::string url_file_name(std::string_view url);

// The last component of a path, with '/' or '\' as separators.
[[nodiscard]] std::string path_file_name(std::string_view path);

}  // namespace gator::lock

#pragma once

#include <optional>
#include <string>
#include <string_view>

// Pure URL helpers for index pages: resolving an href against the page URL (RFC 3986 §5.2, with
// the WHATWG leniencies browsers and pip apply), percent-encoding and -decoding, and the filename
// a URL names. Work on text; http::RedactedUrl validates the result.
namespace gator::index {

// The parts of an absolute URL; views into the text given.
struct UrlParts {
  std::string_view scheme;     // without ':'
  std::string_view authority;  // without "//"; empty for "file:///path"
  std::string_view path;       // "/a/b" (may be empty)
  std::string_view query;      // without '?'; empty when absent (see has_query)
  std::string_view fragment;   // without '#'
  bool has_query = false;
  bool has_fragment = false;
};

// Splits an absolute `scheme://authority/path?query#fragment` URL; nothing when there is no
// scheme or no "//".
[[nodiscard]] std::optional<UrlParts> split_url(std::string_view url);

// Resolves `reference` (an href, already entity-decoded) against the absolute `base`: relative
// ("pkg-1.0.whl", "../files/x.whl"), root-relative ("/files/x.whl"), scheme-relative
// ("//host/x.whl") and absolute references. Leading and trailing ASCII whitespace is dropped and,
// as browsers do for http(s) and file URLs, '\' counts as '/'. Bytes that may not appear in a
// URL (controls, space, non-ASCII, `"<>^`{|}`) are percent-encoded. The fragment of `reference`
// is kept. Nothing when `base` is not absolute or the reference is empty.
[[nodiscard]] std::optional<std::string> resolve_reference(std::string_view base,
                                                           std::string_view reference);

// The same against an already split base (a page resolves all its links against one base).
[[nodiscard]] std::optional<std::string> resolve_reference(const UrlParts& base,
                                                           std::string_view reference);

// RFC 3986 remove_dot_segments ("/a/b/../c/./d" -> "/a/c/d"); iterative.
[[nodiscard]] std::string remove_dot_segments(std::string_view path);

// Percent-encodes the bytes that may not appear in a URL as they are (see resolve_reference);
// '%' is kept, so an already encoded URL is unchanged.
[[nodiscard]] std::string encode_unsafe_bytes(std::string_view text);

// Percent-encodes a filesystem path for a file:// URL: everything but unreserved characters and
// '/' (so "a b+c" becomes "a%20b%2Bc").
[[nodiscard]] std::string encode_path(std::string_view path);

// Decodes %XX escapes; malformed escapes stay as written.
[[nodiscard]] std::string percent_decode(std::string_view text);

// The last segment of the URL's path, percent-decoded: the distribution's filename
// ("https://h/whl/torch-2.3.1%2Brocm5.7-cp311-...whl?x#y" -> "torch-2.3.1+rocm5.7-cp311-...whl").
// Empty when the path ends with '/'.
[[nodiscard]] std::string url_filename(std::string_view url);

// The URL without its fragment.
[[nodiscard]] std::string_view strip_fragment(std::string_view url);

// scheme://authority of an absolute URL, lower-cased, without userinfo: what "same origin"
// compares ("https://u:p@Host:8443/x" -> "https://host:8443").
[[nodiscard]] std::string origin_of(std::string_view url);

}  // namespace gator::index

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/index_file.hpp"
#include "index/project_page.hpp"
#include "index/url_reference.hpp"

// Internal: what the HTML and JSON parsers share when they turn a link into an IndexFile.
namespace gator::index::detail {

struct LinkContext {
  std::string_view base;               // absolute URL, credentials included
  std::optional<UrlParts> base_parts;  // split_url(base), done once per page
  bool allow_file_scheme = false;
  std::vector<PageWarning>* warnings = nullptr;
  // Pages repeat one Requires-Python on hundreds of files: each text is parsed once.
  std::unordered_map<std::string, std::optional<pep440::SpecifierSet>>* specifiers = nullptr;
};

// Resolves `href` against the context's base and builds the file: the filename is `filename`
// when given (PEP 691) or the URL's last path segment; a hash fragment (`#sha256=...`) is taken
// into the file's hashes and the fragment dropped. Nothing, with a warning at `offset`, when the
// link is unusable (unresolvable, another scheme, no filename).
[[nodiscard]] std::optional<IndexFile> file_from_link(const LinkContext& context,
                                                      std::string_view href,
                                                      std::optional<std::string_view> filename,
                                                      std::size_t offset);

// Sets requires_python_text and, when it parses, requires_python; warns otherwise.
void set_requires_python(const LinkContext& context, IndexFile& file, std::string text,
                         std::size_t offset);

// Adds one digest, warning (naming the file) when it is malformed.
void add_hash_or_warn(const LinkContext& context, FileHashes& hashes, std::string_view algorithm,
                      std::string_view hex, const IndexFile& file, std::size_t offset);

// Whether `scheme` may be linked from the page.
[[nodiscard]] bool is_allowed_scheme(const LinkContext& context, std::string_view scheme);

// Parses "major.minor" of a repository/api version; major 1 is required, a newer minor is a
// warning. Returns the error message, or "" when fine.
[[nodiscard]] std::string check_api_version(std::string_view version, bool& newer_minor);

}  // namespace gator::index::detail

#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/url.hpp"
#include "index/index_file.hpp"
#include "util/parse_error.hpp"

// Parsers of a project's page on a simple-API index: PEP 503 HTML (with PEP 592 yanked, PEP 629
// repository version, PEP 658/714 metadata attributes) and PEP 691 JSON (with PEP 700 size,
// upload-time and versions). Pure: no I/O, no exceptions; any input gives a page or an error.
namespace gator::index {

// Sent with every project page request: JSON preferred, then HTML (PEP 691 content negotiation).
inline constexpr std::string_view k_simple_api_accept =
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, "
    "text/html;q=0.01";

enum class PageFormat { html, json };
[[nodiscard]] const char* to_string(PageFormat format);

// Something on a page that was skipped or ignored (an anchor without href, a link to another
// scheme, a malformed hash or Requires-Python); `offset` points into the page.
struct PageWarning {
  std::size_t offset = 0;
  std::string message;

  friend bool operator==(const PageWarning&, const PageWarning&) = default;
};

struct ProjectPage {
  PageFormat format = PageFormat::html;
  // "1.0", "1.1": PEP 691 meta.api-version or PEP 629's pypi:repository-version; "" when an
  // HTML page does not say.
  std::string api_version;
  std::string name;  // the JSON page's project name; "" for HTML
  // Every usable link in page order, whatever project it names (callers filter with
  // IndexFile::belongs_to); "other" files are kept but are never candidates.
  std::vector<IndexFile> files;
  std::vector<std::string> versions;  // PEP 700 (JSON api-version 1.1)
  std::vector<PageWarning> warnings;
};

// Links are resolved against `page_url` (the URL the page was served from, after redirects) or
// a `<base href>`; they keep its credentials when they are on its origin. From an http(s) page
// only http(s) files are taken; a file:// page (a local mirror) may also name file:// ones.
[[nodiscard]] std::expected<ProjectPage, util::ParseError> parse_html_page(
    std::string_view html, const http::RedactedUrl& page_url);

// PEP 691 JSON. meta.api-version must have major 1; the top level must be an object with a
// `files` array. A file entry without a usable filename or url is skipped with a warning.
// Nesting deeper than 64 levels is an error.
[[nodiscard]] std::expected<ProjectPage, util::ParseError> parse_json_page(
    std::string_view json, const http::RedactedUrl& page_url);

// The page format a Content-Type names: v1 JSON / HTML, `latest`, or text/html; nothing for
// other types (local files, misconfigured servers: see parse_project_page); an error for a
// PEP 691 major version other than 1.
[[nodiscard]] std::expected<std::optional<PageFormat>, util::ParseError> format_for_content_type(
    std::string_view content_type);

// Parses a page in the format its Content-Type names; when it names none, a body starting with
// '{' is read as JSON, anything else as HTML.
[[nodiscard]] std::expected<ProjectPage, util::ParseError> parse_project_page(
    std::string_view body, std::string_view content_type, const http::RedactedUrl& page_url);

}  // namespace gator::index

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/url.hpp"
#include "index/index_file.hpp"
#include "index/project_page.hpp"
#include "pep508/name.hpp"

// One index, one project: the request for a project's page, reading the answer, and local
// find-links directories. The Finder (finder.hpp) applies the index policy on top.
namespace gator::index {

// `<index>/<normalized-name>/`; for a file:// index `<index>/<normalized-name>/index.html`,
// since a directory has no index page of its own.
[[nodiscard]] http::RedactedUrl project_page_url(const http::RedactedUrl& index,
                                                 const pep508::PackageName& project);

// The GET for a project's page: Accept prefers PEP 691 JSON, then HTML; revalidated through the
// HTTP cache (http(s) only), so that a warm run sends conditional requests.
[[nodiscard]] http::Request project_page_request(const http::RedactedUrl& index,
                                                 const pep508::PackageName& project,
                                                 http::CacheMode cache);

// The base for resolving a page's links: the URL the page came from after redirects, with the
// credentials of the requested URL when it is on the same origin (a cached page only knows the
// redacted form).
[[nodiscard]] http::RedactedUrl page_base_url(const http::Response& response,
                                              const http::RedactedUrl& requested);

// Reads a project page response: nothing when the project is not on the index (403, 404, 410:
// the PyTorch index answers 403); throws Error(network) for another status or an unreadable
// page (the error names the page and what is wrong with it).
[[nodiscard]] std::optional<ProjectPage> read_project_page(const http::Response& response,
                                                           const http::RedactedUrl& requested);

// The files of a find-links directory (not recursive): every regular file, with a file:// URL,
// its size, and `core_metadata` when `<file>.metadata` sits beside it. Throws Error(io) when
// the directory cannot be read.
[[nodiscard]] std::vector<IndexFile> list_directory(const std::filesystem::path& directory);

// The local path of a file:// URL (percent-decoded); nothing for other URLs.
[[nodiscard]] std::optional<std::filesystem::path> local_path(const http::RedactedUrl& url);

// A file:// URL for a local path (made absolute, percent-encoded).
[[nodiscard]] http::RedactedUrl file_url(const std::filesystem::path& path);

}  // namespace gator::index

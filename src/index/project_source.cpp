#include "index/project_source.hpp"

#include <algorithm>
#include <system_error>

#include "index/url_reference.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace gator::index {
namespace {

namespace fs = std::filesystem;

[[nodiscard]] bool is_file_scheme(const http::RedactedUrl& url) {
  return url.scheme() == "file";
}

// "line 3, column 14" of a byte offset, for errors about a page.
[[nodiscard]] std::string position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

}  // namespace

http::RedactedUrl project_page_url(const http::RedactedUrl& index,
                                   const pep508::PackageName& project) {
  std::string url = index.raw_for_request();
  const std::size_t hash = url.find('#');
  if (hash != std::string::npos)
    url.erase(hash);
  while (url.ends_with('/'))
    url.pop_back();
  url += '/';
  url += project.str();
  url += '/';
  if (is_file_scheme(index))
    url += "index.html";
  return http::RedactedUrl::from(url);
}

http::Request project_page_request(const http::RedactedUrl& index,
                                   const pep508::PackageName& project, http::CacheMode cache) {
  http::Request request{project_page_url(index, project)};
  request.headers.push_back({"Accept", std::string(k_simple_api_accept)});
  request.cache = is_file_scheme(index) ? http::CacheMode::bypass : cache;
  return request;
}

http::RedactedUrl page_base_url(const http::Response& response,
                                const http::RedactedUrl& requested) {
  const http::RedactedUrl effective = response.effective_url.without_credentials();
  if (!requested.has_credentials() ||
      origin_of(effective.raw_for_request()) != origin_of(requested.raw_for_request())) {
    return effective;
  }
  std::string raw = effective.raw_for_request();
  const std::size_t authority = raw.find("//");
  if (authority == std::string::npos)
    return effective;
  raw.insert(authority + 2, std::string(requested.userinfo_for_scrubbing()) + "@");
  auto with_credentials = http::RedactedUrl::parse(raw);
  return with_credentials ? std::move(*with_credentials) : effective;
}

std::optional<ProjectPage> read_project_page(const http::Response& response,
                                             const http::RedactedUrl& requested) {
  if (response.status == 403 || response.status == 404 || response.status == 410)
    return std::nullopt;
  if (!response.ok()) {
    Error error(ErrorKind::network, "cannot fetch " + requested.display());
    error.caused_by(response.status >= 300 && response.status <= 399
                        ? "HTTP " + std::to_string(response.status) +
                              ": too many redirects, or a redirect without a location"
                        : "HTTP " + std::to_string(response.status));
    throw error;
  }
  const std::string_view content_type = response.header("content-type").value_or("");
  auto page = parse_project_page(response.body, content_type, page_base_url(response, requested));
  if (!page) {
    Error error(ErrorKind::network, "cannot read the project page " + requested.display());
    if (page.error().input.empty())
      error.caused_by(page.error().message);
    else
      error.caused_by(position_of(page.error().input, page.error().offset) + ": " +
                      page.error().message);
    error.hint("the index does not serve a valid PEP 503/691 page; check the index URL");
    throw error;
  }
  return std::move(*page);
}

std::optional<fs::path> local_path(const http::RedactedUrl& url) {
  if (!is_file_scheme(url))
    return std::nullopt;
  const std::optional<UrlParts> parts = split_url(url.raw_for_request());
  if (!parts || (!parts->authority.empty() && !util::iequals_ascii(parts->authority, "localhost")))
    return std::nullopt;
  return fs::path(percent_decode(parts->path));
}

http::RedactedUrl file_url(const fs::path& path) {
  return http::RedactedUrl::from("file://" +
                                 encode_path(fs::absolute(path).lexically_normal().string()));
}

std::vector<IndexFile> list_directory(const fs::path& directory) {
  std::error_code ec;
  fs::directory_iterator it(directory, ec);
  if (ec) {
    Error error(ErrorKind::io, "cannot list the find-links directory " + directory.string());
    error.caused_by(ec.message());
    throw error;
  }
  std::vector<fs::path> paths;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec)
      break;
    std::error_code type_error;
    if (it->is_regular_file(type_error))
      paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<IndexFile> files;
  for (const fs::path& path : paths) {
    const std::string name = path.filename().string();
    if (name.ends_with(".metadata") || name.starts_with("."))
      continue;  // sidecars and hidden or partial files are not distributions
    IndexFile file(name, file_url(path));
    std::error_code size_error;
    const auto size = fs::file_size(path, size_error);
    if (!size_error)
      file.size = size;
    std::error_code exists_error;
    if (fs::is_regular_file(path.string() + ".metadata", exists_error))
      file.core_metadata = CoreMetadataFile{};
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace gator::index

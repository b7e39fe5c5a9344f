#include "index/project_page.hpp"

#include "util/strings.hpp"

namespace gator::index {

const char* to_string(PageFormat format) {
  return format == PageFormat::json ? "json" : "html";
}

std::expected<std::optional<PageFormat>, util::ParseError> format_for_content_type(
    std::string_view content_type) {
  const std::string type =
      util::ascii_lower(util::trim_ascii(content_type.substr(0, content_type.find(';'))));
  if (type == "text/html")
    return PageFormat::html;
  constexpr std::string_view k_prefix = "application/vnd.pypi.simple.";
  if (!type.starts_with(k_prefix))
    return std::nullopt;
  const std::string_view rest = std::string_view(type).substr(k_prefix.size());
  const std::size_t plus = rest.find('+');
  if (plus == std::string_view::npos)
    return std::nullopt;
  const std::string_view version = rest.substr(0, plus);
  const std::string_view suffix = rest.substr(plus + 1);
  if (suffix != "json" && suffix != "html")
    return std::nullopt;
  if (version != "v1" && version != "latest") {
    return std::unexpected(util::ParseError::at(
        content_type, 0, content_type.size(),
        "unsupported simple API content type: this build reads version 1 (v1 or latest)"));
  }
  return suffix == "json" ? PageFormat::json : PageFormat::html;
}

std::expected<ProjectPage, util::ParseError> parse_project_page(std::string_view body,
                                                                std::string_view content_type,
                                                                const http::RedactedUrl& page_url) {
  auto format = format_for_content_type(content_type);
  if (!format)
    return std::unexpected(format.error());
  if (!*format) {
    const std::string_view start = util::trim_ascii(body.substr(0, 64));
    *format = start.starts_with('{') ? PageFormat::json : PageFormat::html;
  }
  return **format == PageFormat::json ? parse_json_page(body, page_url)
                                      : parse_html_page(body, page_url);
}

}  // namespace gator::index

// PEP 503 HTML project pages, read the way browsers tokenize HTML as far as anchors are
// concerned: tags and attribute names in any case, attributes in any order and quoting,
// comments, doctype, processing instructions and raw-text elements skipped, entities decoded.
#include <algorithm>

#include "index/html_entities.hpp"
#include "index/page_links.hpp"
#include "index/project_page.hpp"
#include "index/url_reference.hpp"
#include "util/strings.hpp"

namespace gator::index {
namespace {

struct Attribute {
  std::string name;   // lower-case
  std::string value;  // entities decoded
};

struct StartTag {
  std::string name;  // lower-case
  std::vector<Attribute> attributes;
  std::size_t offset = 0;

  [[nodiscard]] const std::string* find(std::string_view attribute) const {
    for (const Attribute& a : attributes) {
      if (a.name == attribute)
        return &a.value;
    }
    return nullptr;
  }
};

[[nodiscard]] bool is_tag_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Reads tags one by one; everything between them is text nobody needs here.
class TagScanner {
 public:
  explicit TagScanner(std::string_view html) : m_html(html) {}

  // The next start tag, or nothing at the end of the input.
  [[nodiscard]] std::optional<StartTag> next() {
    while (m_pos < m_html.size()) {
      const std::size_t open = m_html.find('<', m_pos);
      if (open == std::string_view::npos)
        break;
      m_pos = open + 1;
      const std::string_view rest = m_html.substr(m_pos);
      if (rest.starts_with("!--")) {
        const std::size_t end = m_html.find("-->", m_pos + 3);
        m_pos = end == std::string_view::npos ? m_html.size() : end + 3;
      } else if (rest.starts_with("!") || rest.starts_with("?")) {
        skip_past('>');
      } else if (rest.starts_with("/")) {
        skip_past('>');  // an end tag: attributes would not matter
      } else if (!rest.empty() && util::is_ascii_alpha(rest.front())) {
        StartTag tag = read_start_tag(open);
        if (tag.name == "script" || tag.name == "style" || tag.name == "textarea" ||
            tag.name == "title") {
          skip_raw_text(tag.name);
        }
        return tag;
      }
    }
    m_pos = m_html.size();
    return std::nullopt;
  }

 private:
  void skip_past(char c) {
    const std::size_t end = m_html.find(c, m_pos);
    m_pos = end == std::string_view::npos ? m_html.size() : end + 1;
  }

  void skip_spaces() {
    while (m_pos < m_html.size() && is_tag_space(m_html[m_pos]))
      ++m_pos;
  }

  // Up to the matching end tag (`</script`, any case), which is left for next() to skip.
  void skip_raw_text(std::string_view name) {
    while (m_pos < m_html.size()) {
      const std::size_t open = m_html.find("</", m_pos);
      if (open == std::string_view::npos) {
        m_pos = m_html.size();
        return;
      }
      m_pos = open;
      if (util::iequals_ascii(m_html.substr(open + 2, name.size()), name))
        return;
      m_pos = open + 2;
    }
  }

  [[nodiscard]] std::string read_name(std::string_view stops) {
    const std::size_t start = m_pos;
    while (m_pos < m_html.size() && !is_tag_space(m_html[m_pos]) &&
           stops.find(m_html[m_pos]) == std::string_view::npos) {
      ++m_pos;
    }
    return util::ascii_lower(m_html.substr(start, m_pos - start));
  }

  [[nodiscard]] StartTag read_start_tag(std::size_t open) {
    StartTag tag;
    tag.offset = open;
    tag.name = read_name("/>");
    while (m_pos < m_html.size()) {
      skip_spaces();
      if (m_pos >= m_html.size())
        break;
      const char c = m_html[m_pos];
      if (c == '>') {
        ++m_pos;
        break;
      }
      if (c == '/') {
        ++m_pos;
        continue;
      }
      // An attribute name may start with '=' (HTML treats it as a name character there).
      const std::size_t name_start = m_pos;
      ++m_pos;
      const std::string rest = read_name("/>=");
      Attribute attribute{util::ascii_lower(m_html.substr(name_start, 1)) + rest, {}};
      skip_spaces();
      if (m_pos < m_html.size() && m_html[m_pos] == '=') {
        ++m_pos;
        skip_spaces();
        attribute.value = decode_html_entities(read_value());
      }
      // The first of duplicate attributes wins, as in HTML.
      if (tag.find(attribute.name) == nullptr)
        tag.attributes.push_back(std::move(attribute));
    }
    return tag;
  }

  [[nodiscard]] std::string_view read_value() {
    if (m_pos >= m_html.size())
      return {};
    const char quote = m_html[m_pos];
    if (quote == '"' || quote == '\'') {
      const std::size_t start = m_pos + 1;
      const std::size_t end = m_html.find(quote, start);
      m_pos = end == std::string_view::npos ? m_html.size() : end + 1;
      return m_html.substr(start, (end == std::string_view::npos ? m_html.size() : end) - start);
    }
    const std::size_t start = m_pos;
    while (m_pos < m_html.size() && !is_tag_space(m_html[m_pos]) && m_html[m_pos] != '>')
      ++m_pos;
    return m_html.substr(start, m_pos - start);
  }

  std::string_view m_html;
  std::size_t m_pos = 0;
};

// data-core-metadata / data-dist-info-metadata: "true", "false" or "<algorithm>=<hex>".
void read_core_metadata(const detail::LinkContext& context, const StartTag& tag, IndexFile& file) {
  const std::string* value = tag.find("data-core-metadata");
  if (value == nullptr)
    value = tag.find("data-dist-info-metadata");  // PEP 658's original name (PEP 714)
  if (value == nullptr)
    return;
  const std::string_view text = util::trim_ascii(*value);
  if (util::iequals_ascii(text, "false"))
    return;
  CoreMetadataFile metadata;
  if (!util::iequals_ascii(text, "true")) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
      context.warnings->push_back(
          {tag.offset, "the metadata attribute of " + file.filename() +
                           " is neither true nor a hash: the metadata file is used unchecked"});
    } else {
      detail::add_hash_or_warn(context, metadata.hashes, text.substr(0, equals),
                               text.substr(equals + 1), file, tag.offset);
    }
  }
  file.core_metadata = std::move(metadata);
}

[[nodiscard]] bool is_directory_link(std::string_view href) {
  std::string_view path = util::trim_ascii(href);
  path = path.substr(0, path.find_first_of("?#"));
  return path.empty() || path.ends_with('/') || path == "." || path == "..";
}

}  // namespace

std::expected<ProjectPage, util::ParseError> parse_html_page(std::string_view html,
                                                             const http::RedactedUrl& page_url) {
  ProjectPage page;
  page.format = PageFormat::html;
  std::vector<StartTag> anchors;
  std::optional<std::string> base;
  TagScanner scanner(html);
  while (std::optional<StartTag> tag = scanner.next()) {
    if (tag->name == "a") {
      anchors.push_back(std::move(*tag));
    } else if (tag->name == "base" && !base) {
      if (const std::string* href = tag->find("href"))
        base = resolve_reference(page_url.raw_for_request(), *href);
    } else if (tag->name == "meta") {
      const std::string* name = tag->find("name");
      const std::string* content = tag->find("content");
      if (name == nullptr || content == nullptr || *name != "pypi:repository-version")
        continue;
      bool newer = false;
      const std::string problem = detail::check_api_version(*content, newer);
      if (!problem.empty()) {
        return std::unexpected(util::ParseError::at(html, tag->offset, 1, problem));
      }
      page.api_version = std::string(util::trim_ascii(*content));
      if (newer) {
        page.warnings.push_back({tag->offset, "the page uses simple API version " +
                                                  page.api_version +
                                                  ", newer than this build knows (1.4)"});
      }
    }
  }

  std::string base_url = base ? std::string(strip_fragment(*base)) : page_url.raw_for_request();
  const std::optional<UrlParts> page_parts = split_url(page_url.raw_for_request());
  detail::LinkContext context;
  context.base = base_url;
  context.allow_file_scheme = page_parts && util::iequals_ascii(page_parts->scheme, "file");
  context.warnings = &page.warnings;
  page.files.reserve(anchors.size());
  for (const StartTag& anchor : anchors) {
    const std::string* href = anchor.find("href");
    if (href == nullptr || is_directory_link(*href))
      continue;  // a named anchor or a link to a directory ("../" in an autoindex)
    std::optional<IndexFile> file =
        detail::file_from_link(context, *href, std::nullopt, anchor.offset);
    if (!file)
      continue;
    if (const std::string* requires_python = anchor.find("data-requires-python"))
      detail::set_requires_python(context, *file, *requires_python, anchor.offset);
    if (const std::string* yanked = anchor.find("data-yanked"))
      file->yanked = *yanked;
    read_core_metadata(context, anchor, *file);
    page.files.push_back(std::move(*file));
  }
  return page;
}

}  // namespace gator::index

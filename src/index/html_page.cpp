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

// Views into the page: names compare case-insensitively, values are decoded only when used.
struct Attribute {
  std::string_view name;
  std::string_view raw_value;
};

struct StartTag {
  std::string_view name;
  std::vector<Attribute> attributes;
  std::size_t offset = 0;

  [[nodiscard]] bool is(std::string_view tag) const { return util::iequals_ascii(name, tag); }
  // The first attribute of that (lower-case) name, entities decoded, as in HTML.
  [[nodiscard]] std::optional<std::string> find(std::string_view attribute) const {
    for (const Attribute& a : attributes) {
      if (util::iequals_ascii(a.name, attribute)) {
        if (a.raw_value.find('&') == std::string_view::npos)
          return std::string(a.raw_value);
        return decode_html_entities(a.raw_value);
      }
    }
    return std::nullopt;
  }
};

[[nodiscard]] bool is_tag_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Reads tags one by one; everything between them is text nobody needs here.
class TagScanner {
 public:
  explicit TagScanner(std::string_view html) : m_html(html) {}

  // The next start tag (valid until the following call), or null at the end of the input.
  [[nodiscard]] const StartTag* next() {
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
        read_start_tag(open);
        for (std::string_view raw : {"script", "style", "textarea", "title"}) {
          if (m_tag.is(raw))
            skip_raw_text(raw);
        }
        return &m_tag;
      }
    }
    m_pos = m_html.size();
    return nullptr;
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

  // A tag or attribute name: up to a space, '/', '>' or (with `equals`) '='.
  [[nodiscard]] std::string_view read_name(std::size_t start, bool equals) {
    while (m_pos < m_html.size()) {
      const char c = m_html[m_pos];
      if (is_tag_space(c) || c == '/' || c == '>' || (equals && c == '='))
        break;
      ++m_pos;
    }
    return m_html.substr(start, m_pos - start);
  }

  void read_start_tag(std::size_t open) {
    m_tag.offset = open;
    m_tag.attributes.clear();
    m_tag.name = read_name(m_pos, false);
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
      const std::size_t name_start = m_pos++;
      Attribute attribute{read_name(name_start, true), {}};
      skip_spaces();
      if (m_pos < m_html.size() && m_html[m_pos] == '=') {
        ++m_pos;
        skip_spaces();
        attribute.raw_value = read_value();
      }
      m_tag.attributes.push_back(attribute);
    }
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
  StartTag m_tag;
};

// What an anchor contributes, kept until the page's base is known (a <base> may come later).
struct Anchor {
  std::size_t offset = 0;
  std::string href;
  std::optional<std::string> requires_python;
  std::optional<std::string> yanked;
  std::optional<std::string> core_metadata;  // data-core-metadata, else data-dist-info-metadata
};

// data-core-metadata / data-dist-info-metadata: "true", "false" or "<algorithm>=<hex>".
void read_core_metadata(const detail::LinkContext& context, const Anchor& anchor, IndexFile& file) {
  if (!anchor.core_metadata)
    return;
  const std::string_view text = util::trim_ascii(*anchor.core_metadata);
  if (util::iequals_ascii(text, "false"))
    return;
  CoreMetadataFile metadata;
  if (!util::iequals_ascii(text, "true")) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
      context.warnings->push_back(
          {anchor.offset, "the metadata attribute of " + file.filename() +
                              " is neither true nor a hash: the metadata file is used unchecked"});
    } else {
      detail::add_hash_or_warn(context, metadata.hashes, text.substr(0, equals),
                               text.substr(equals + 1), file, anchor.offset);
    }
  }
  file.core_metadata = std::move(metadata);
}

[[nodiscard]] bool is_directory_link(std::string_view href) {
  std::string_view path = util::trim_ascii(href);
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '?' || path[i] == '#') {
      path = path.substr(0, i);
      break;
    }
  }
  return path.empty() || path.ends_with('/') || path == "." || path == "..";
}

}  // namespace

std::expected<ProjectPage, util::ParseError> parse_html_page(std::string_view html,
                                                             const http::RedactedUrl& page_url) {
  ProjectPage page;
  page.format = PageFormat::html;
  std::vector<Anchor> anchors;
  std::optional<std::string> base;
  TagScanner scanner(html);
  while (const StartTag* tag = scanner.next()) {
    if (tag->is("a")) {
      std::optional<std::string> href = tag->find("href");
      if (!href || is_directory_link(*href))
        continue;  // a named anchor or a link to a directory ("../" in an autoindex)
      Anchor anchor{tag->offset, std::move(*href), tag->find("data-requires-python"),
                    tag->find("data-yanked"), tag->find("data-core-metadata")};
      if (!anchor.core_metadata)
        anchor.core_metadata = tag->find("data-dist-info-metadata");  // PEP 658's name (714)
      anchors.push_back(std::move(anchor));
    } else if (tag->is("base") && !base) {
      if (const std::optional<std::string> href = tag->find("href"))
        base = resolve_reference(page_url.raw_for_request(), *href);
    } else if (tag->is("meta")) {
      const std::optional<std::string> name = tag->find("name");
      const std::optional<std::string> content = tag->find("content");
      if (!name || !content || *name != "pypi:repository-version")
        continue;
      bool newer = false;
      const std::string problem = detail::check_api_version(*content, newer);
      if (!problem.empty())
        return std::unexpected(util::ParseError::at(html, tag->offset, 1, problem));
      page.api_version = std::string(util::trim_ascii(*content));
      if (newer) {
        page.warnings.push_back({tag->offset, "the page uses simple API version " +
                                                  page.api_version +
                                                  ", newer than this build knows (1.4)"});
      }
    }
  }

  const std::string base_url =
      base ? std::string(strip_fragment(*base)) : page_url.raw_for_request();
  const std::optional<UrlParts> page_parts = split_url(page_url.raw_for_request());
  detail::LinkContext context;
  context.base = base_url;
  context.base_parts = split_url(base_url);
  context.allow_file_scheme = page_parts && util::iequals_ascii(page_parts->scheme, "file");
  context.warnings = &page.warnings;
  std::unordered_map<std::string, std::optional<pep440::SpecifierSet>> specifiers;
  context.specifiers = &specifiers;
  page.files.reserve(anchors.size());
  for (Anchor& anchor : anchors) {
    std::optional<IndexFile> file =
        detail::file_from_link(context, anchor.href, std::nullopt, anchor.offset);
    if (!file)
      continue;
    if (anchor.requires_python)
      detail::set_requires_python(context, *file, std::move(*anchor.requires_python),
                                  anchor.offset);
    if (anchor.yanked)
      file->yanked = std::move(anchor.yanked);
    read_core_metadata(context, anchor, *file);
    page.files.push_back(std::move(*file));
  }
  return page;
}

}  // namespace gator::index

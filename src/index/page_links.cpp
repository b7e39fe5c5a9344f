#include "index/page_links.hpp"

#include "index/url_reference.hpp"
#include "util/strings.hpp"

namespace gator::index::detail {
namespace {

// Simple API 1.4 (PEP 792) is the newest minor this reader knows; later minors only add keys.
constexpr unsigned k_newest_minor = 4;

[[nodiscard]] std::string_view userinfo_of(std::string_view url) {
  const std::optional<UrlParts> parts = split_url(url);
  if (!parts)
    return {};
  const std::size_t at = parts->authority.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : parts->authority.substr(0, at + 1);
}

// Files on the page's origin get the page's credentials (pip does the same): a private index
// usually serves its files from behind the same login.
[[nodiscard]] std::string with_page_credentials(std::string_view base, std::string url) {
  const std::string_view credentials = userinfo_of(base);
  if (credentials.empty() || !userinfo_of(url).empty() || origin_of(url) != origin_of(base))
    return url;
  const std::size_t authority = url.find("//");
  if (authority == std::string::npos)
    return url;
  url.insert(authority + 2, credentials);
  return url;
}

void warn(const LinkContext& context, std::size_t offset, std::string message) {
  if (context.warnings != nullptr)
    context.warnings->push_back({offset, std::move(message)});
}

// Printable, bounded text of a value for a warning.
[[nodiscard]] std::string shown(std::string_view text) {
  constexpr std::size_t k_max = 80;
  std::string out;
  for (char c : text.substr(0, k_max)) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 || byte == 0x7f) ? '?' : c;
  }
  if (text.size() > k_max)
    out += "...";
  return out;
}

}  // namespace

bool is_allowed_scheme(const LinkContext& context, std::string_view scheme) {
  if (util::iequals_ascii(scheme, "http") || util::iequals_ascii(scheme, "https"))
    return true;
  return context.allow_file_scheme && util::iequals_ascii(scheme, "file");
}

std::optional<IndexFile> file_from_link(const LinkContext& context, std::string_view href,
                                        std::optional<std::string_view> filename,
                                        std::size_t offset) {
  std::optional<std::string> resolved = context.base_parts
                                            ? resolve_reference(*context.base_parts, href)
                                            : resolve_reference(context.base, href);
  if (!resolved) {
    warn(context, offset, "skipped a link that is not a URL: \"" + shown(href) + "\"");
    return std::nullopt;
  }
  std::string fragment;
  if (const std::size_t hash = resolved->find('#'); hash != std::string::npos) {
    fragment = resolved->substr(hash + 1);
    resolved->erase(hash);
  }
  std::string target = std::move(*resolved);
  const std::optional<UrlParts> parts = split_url(target);
  if (!parts || !is_allowed_scheme(context, parts->scheme)) {
    warn(context, offset, "skipped a link to an unsupported location: \"" + shown(href) + "\"");
    return std::nullopt;
  }
  target = with_page_credentials(context.base, std::move(target));
  auto url = http::RedactedUrl::parse(target);
  if (!url) {
    warn(context, offset, "skipped a link that is not a valid URL: \"" + shown(href) + "\"");
    return std::nullopt;
  }
  std::string name = filename ? std::string(*filename) : url_filename(target);
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
    warn(context, offset, "skipped a link without a filename: \"" + shown(href) + "\"");
    return std::nullopt;
  }
  IndexFile file(std::move(name), std::move(*url));
  // "#sha256=<hex>" (PEP 503); pip also reads several "&"-separated pairs, e.g. with egg=.
  for (std::string_view pair : util::split(fragment, '&')) {
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos)
      continue;
    const std::string_view key = pair.substr(0, equals);
    if (util::iequals_ascii(key, "egg") || util::iequals_ascii(key, "subdirectory"))
      continue;
    add_hash_or_warn(context, file.hashes, key, pair.substr(equals + 1), file, offset);
  }
  return file;
}

void set_requires_python(const LinkContext& context, IndexFile& file, std::string text,
                         std::size_t offset) {
  const std::string_view trimmed = util::trim_ascii(text);
  if (trimmed.empty())
    return;  // "" means no constraint (pip and uv agree)
  std::optional<pep440::SpecifierSet> parsed;
  const std::string key(trimmed);
  if (context.specifiers != nullptr) {
    if (const auto known = context.specifiers->find(key); known != context.specifiers->end()) {
      parsed = known->second;
    } else {
      auto fresh = pep440::SpecifierSet::parse(trimmed);
      parsed = fresh ? std::optional(std::move(*fresh)) : std::nullopt;
      context.specifiers->emplace(key, parsed);
    }
  } else if (auto fresh = pep440::SpecifierSet::parse(trimmed)) {
    parsed = std::move(*fresh);
  }
  if (parsed) {
    file.requires_python = std::move(*parsed);
  } else {
    warn(context, offset,
         "ignored the invalid Requires-Python \"" + shown(trimmed) + "\" of " + file.filename());
  }
  file.requires_python_text = std::string(trimmed);
}

void add_hash_or_warn(const LinkContext& context, FileHashes& hashes, std::string_view algorithm,
                      std::string_view hex, const IndexFile& file, std::size_t offset) {
  if (!add_hash(hashes, algorithm, hex)) {
    warn(context, offset,
         "ignored the malformed " + shown(algorithm) + " hash \"" + shown(hex) + "\" of " +
             file.filename());
  }
}

std::string check_api_version(std::string_view version, bool& newer_minor) {
  newer_minor = false;
  const std::string_view trimmed = util::trim_ascii(version);
  const std::size_t dot = trimmed.find('.');
  const std::string_view major = trimmed.substr(0, dot);
  const std::string_view minor =
      dot == std::string_view::npos ? std::string_view{} : trimmed.substr(dot + 1);
  const auto is_number = [](std::string_view text) {
    if (text.empty() || text.size() > 9)
      return false;
    for (char c : text) {
      if (!util::is_ascii_digit(c))
        return false;
    }
    return true;
  };
  if (!is_number(major) || !is_number(minor))
    return "invalid simple API version \"" + shown(trimmed) + "\": expected MAJOR.MINOR";
  const auto value = [](std::string_view digits) {
    unsigned number = 0;
    for (char c : digits)
      number = number * 10 + static_cast<unsigned>(c - '0');
    return number;
  };
  if (value(major) != 1)
    return "unsupported simple API version " + shown(trimmed) + ": this build reads version 1";
  newer_minor = value(minor) > k_newest_minor;
  return {};
}

}  // namespace gator::index::detail

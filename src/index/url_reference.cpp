#include "index/url_reference.hpp"

#include "util/strings.hpp"

namespace gator::index {
namespace {

constexpr std::string_view k_hex = "0123456789ABCDEF";

[[nodiscard]] bool is_scheme_char(char c) {
  return util::is_ascii_alnum(c) || c == '+' || c == '-' || c == '.';
}

[[nodiscard]] bool is_special_scheme(std::string_view scheme) {
  return util::iequals_ascii(scheme, "http") || util::iequals_ascii(scheme, "https") ||
         util::iequals_ascii(scheme, "file");
}

[[nodiscard]] bool is_unsafe(unsigned char byte) {
  if (byte <= 0x20 || byte >= 0x7f)
    return true;
  switch (byte) {
    case '"':
    case '<':
    case '>':
    case '^':
    case '`':
    case '{':
    case '|':
    case '}':
      return true;
    default:
      return false;
  }
}

void append_escape(std::string& out, unsigned char byte) {
  out += '%';
  out += k_hex[byte >> 4];
  out += k_hex[byte & 0x0f];
}

[[nodiscard]] int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// The length of a scheme followed by ':' at the start of `text`, or 0.
[[nodiscard]] std::size_t scheme_length(std::string_view text) {
  if (text.empty() || !util::is_ascii_alpha(text.front()))
    return 0;
  std::size_t i = 1;
  while (i < text.size() && is_scheme_char(text[i]))
    ++i;
  return i < text.size() && text[i] == ':' ? i : 0;
}

// A reference split as RFC 3986 appendix B does; every part optional.
struct Reference {
  std::optional<std::string_view> scheme;
  std::optional<std::string_view> authority;
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

[[nodiscard]] Reference split_reference(std::string_view text) {
  Reference ref;
  if (const std::size_t hash = text.find('#'); hash != std::string_view::npos) {
    ref.fragment = text.substr(hash + 1);
    text = text.substr(0, hash);
  }
  if (const std::size_t question = text.find('?'); question != std::string_view::npos) {
    ref.query = text.substr(question + 1);
    text = text.substr(0, question);
  }
  if (const std::size_t length = scheme_length(text); length > 0) {
    ref.scheme = text.substr(0, length);
    text = text.substr(length + 1);
  }
  if (text.starts_with("//")) {
    text.remove_prefix(2);
    const std::size_t slash = text.find('/');
    ref.authority = text.substr(0, slash);
    text = slash == std::string_view::npos ? std::string_view{} : text.substr(slash);
  }
  ref.path = text;
  return ref;
}

}  // namespace

std::optional<UrlParts> split_url(std::string_view url) {
  const Reference ref = split_reference(url);
  if (!ref.scheme || !ref.authority)
    return std::nullopt;
  UrlParts parts;
  parts.scheme = *ref.scheme;
  parts.authority = *ref.authority;
  parts.path = ref.path;
  parts.has_query = ref.query.has_value();
  parts.query = ref.query.value_or("");
  parts.has_fragment = ref.fragment.has_value();
  parts.fragment = ref.fragment.value_or("");
  return parts;
}

std::string remove_dot_segments(std::string_view path) {
  if (!path.starts_with('.') && path.find("/.") == std::string_view::npos)
    return std::string(path);  // no dot segment possible
  std::string out;
  out.reserve(path.size());
  std::string_view in = path;
  const auto pop_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.remove_prefix(3);
      pop_segment();
    } else if (in == "/..") {
      in = "/";
      pop_segment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = in.find('/', 1);
      const std::size_t length = next == std::string_view::npos ? in.size() : next;
      out += in.substr(0, length);
      in.remove_prefix(length);
    }
  }
  return out;
}

std::optional<std::string> resolve_reference(std::string_view base, std::string_view reference) {
  const std::optional<UrlParts> b = split_url(base);
  if (!b)
    return std::nullopt;
  return resolve_reference(*b, reference);
}

std::optional<std::string> resolve_reference(const UrlParts& base, std::string_view reference) {
  const UrlParts* b = &base;
  // Browsers drop surrounding whitespace and any tab or line break inside a URL.
  std::string cleaned;
  cleaned.reserve(reference.size());
  for (char c : util::trim_ascii(reference)) {
    if (c != '\t' && c != '\n' && c != '\r')
      cleaned += c;
  }
  if (cleaned.empty())
    return std::nullopt;
  const std::size_t own_scheme = scheme_length(cleaned);
  const std::string_view scheme_for_slashes =
      own_scheme > 0 ? std::string_view(cleaned).substr(0, own_scheme) : b->scheme;
  if (is_special_scheme(scheme_for_slashes)) {
    for (char& c : cleaned) {
      if (c == '?' || c == '#')
        break;
      if (c == '\\')
        c = '/';
    }
  }
  const Reference r = split_reference(cleaned);

  std::string_view scheme = b->scheme;
  std::optional<std::string_view> authority = b->authority;
  std::string path;
  std::optional<std::string_view> query;
  if (r.scheme) {
    scheme = *r.scheme;
    authority = r.authority;
    path = remove_dot_segments(r.path);
    query = r.query;
  } else if (r.authority) {
    authority = r.authority;
    path = remove_dot_segments(r.path);
    query = r.query;
  } else if (r.path.empty()) {
    path = std::string(b->path);
    query = r.query ? r.query : (b->has_query ? std::optional(b->query) : std::nullopt);
  } else {
    if (r.path.front() == '/') {
      path = remove_dot_segments(r.path);
    } else {
      // Merge: the base path up to its last '/', then the reference.
      std::string merged;
      const std::size_t slash = b->path.rfind('/');
      if (slash == std::string_view::npos)
        merged = "/";
      else
        merged = std::string(b->path.substr(0, slash + 1));
      merged += r.path;
      path = remove_dot_segments(merged);
    }
    query = r.query;
  }

  std::string out = util::ascii_lower(scheme);
  out += ':';
  if (authority) {
    out += "//";
    out += *authority;
    if (!path.empty() && path.front() != '/')
      out += '/';
  }
  out += path;
  if (query) {
    out += '?';
    out += *query;
  }
  if (r.fragment) {
    out += '#';
    out += *r.fragment;
  }
  for (char c : out) {
    if (is_unsafe(static_cast<unsigned char>(c)))
      return encode_unsafe_bytes(out);
  }
  return out;
}

std::string encode_unsafe_bytes(std::string_view text) {
  std::size_t first = 0;
  while (first < text.size() && !is_unsafe(static_cast<unsigned char>(text[first])))
    ++first;
  if (first == text.size())
    return std::string(text);
  std::string out(text.substr(0, first));
  out.reserve(text.size() + 16);
  text.remove_prefix(first);
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_unsafe(byte))
      append_escape(out, byte);
    else
      out += c;
  }
  return out;
}

std::string encode_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (util::is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += c;
    else
      append_escape(out, byte);
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string_view strip_fragment(std::string_view url) {
  return url.substr(0, url.find('#'));
}

std::string url_filename(std::string_view url) {
  std::string_view rest = strip_fragment(url);
  rest = rest.substr(0, rest.find('?'));
  if (const std::optional<UrlParts> parts = split_url(rest))
    rest = parts->path;
  const std::size_t slash = rest.rfind('/');
  if (slash != std::string_view::npos)
    rest = rest.substr(slash + 1);
  return percent_decode(rest);
}

std::string origin_of(std::string_view url) {
  const std::optional<UrlParts> parts = split_url(url);
  if (!parts)
    return {};
  std::string_view authority = parts->authority;
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);
  std::string scheme = util::ascii_lower(parts->scheme);
  std::string host = util::ascii_lower(authority);
  if ((scheme == "http" && host.ends_with(":80")) || (scheme == "https" && host.ends_with(":443")))
    host.erase(host.rfind(':'));
  return scheme + "://" + host;
}

}  // namespace gator::index

// Version::parse and Version::from_parts: packaging's VERSION_PATTERN, written out by hand.
#include <array>

#include "pep440/text.hpp"
#include "pep440/version.hpp"
#include "pep440/version_codec.hpp"
#include "util/strings.hpp"

namespace gator::pep440 {
namespace {

using detail::Components;
using detail::LocalPart;

// Longer than any real version; keeps every offset inside the 32-bit sizes Version stores.
constexpr std::size_t k_max_version_size = std::size_t{1} << 30;

struct Word {
  std::string_view spelling;
  PreKind kind;
};

// In the order of the pattern's alternation: the first spelling that matches wins.
constexpr std::array<Word, 8> k_pre_words{{{"alpha", PreKind::a},
                                           {"a", PreKind::a},
                                           {"beta", PreKind::b},
                                           {"b", PreKind::b},
                                           {"preview", PreKind::rc},
                                           {"pre", PreKind::rc},
                                           {"c", PreKind::rc},
                                           {"rc", PreKind::rc}}};
constexpr std::array<std::string_view, 3> k_post_words{"post", "rev", "r"};

class Parser {
 public:
  Parser(std::string_view text, std::size_t begin, std::size_t end)
      : m_text(text), m_pos(begin), m_end(end) {}

  std::expected<Version, util::ParseError> run() {
    Components parts;
    if (at(m_pos) == 'v' || at(m_pos) == 'V')
      ++m_pos;
    if (!util::is_ascii_digit(at(m_pos)))
      return fail(m_pos, "expected a release number such as 1.0");
    std::string_view number = digits();
    if (at(m_pos) == '!') {
      ++m_pos;
      parts.epoch = detail::canonical_digits(number);
      if (!util::is_ascii_digit(at(m_pos)))
        return fail(m_pos, "expected a release number after the epoch");
      number = digits();
    }
    parts.release.push_back(detail::canonical_digits(number));
    while (at(m_pos) == '.' && util::is_ascii_digit(at(m_pos + 1))) {
      ++m_pos;
      parts.release.push_back(detail::canonical_digits(digits()));
    }
    parse_pre(parts);
    parse_post(parts);
    parse_dev(parts);
    if (at(m_pos) == '+') {
      ++m_pos;
      if (!util::is_ascii_alnum(at(m_pos)))
        return fail(m_pos, "expected a local version label after '+'");
      parse_local(parts);
    }
    if (m_pos != m_end)
      return fail(m_pos, "unexpected " + describe(m_text[m_pos]));
    return detail::VersionCodec::encode(parts);
  }

 private:
  [[nodiscard]] char at(std::size_t pos) const { return pos < m_end ? m_text[pos] : '\0'; }

  std::string_view digits() {
    const std::size_t start = m_pos;
    while (util::is_ascii_digit(at(m_pos)))
      ++m_pos;
    return m_text.substr(start, m_pos - start);
  }

  [[nodiscard]] bool word_at(std::size_t pos, std::string_view word) const {
    return pos + word.size() <= m_end && util::iequals_ascii(m_text.substr(pos, word.size()), word);
  }

  // "[._-]?" before a label: the separator is consumed only if the label follows.
  [[nodiscard]] std::size_t after_separator(std::size_t pos) const {
    return detail::is_separator(at(pos)) ? pos + 1 : pos;
  }

  // "[._-]?[0-9]*" after a label.
  std::string label_number(std::size_t pos) {
    m_pos = after_separator(pos);
    return detail::canonical_digits(digits());
  }

  void parse_pre(Components& parts) {
    const std::size_t start = after_separator(m_pos);
    for (const Word& word : k_pre_words) {
      if (word_at(start, word.spelling)) {
        parts.pre_kind = word.kind;
        parts.pre_number = label_number(start + word.spelling.size());
        return;
      }
    }
  }

  void parse_post(Components& parts) {
    if (at(m_pos) == '-' && util::is_ascii_digit(at(m_pos + 1))) {
      ++m_pos;
      parts.post = detail::canonical_digits(digits());
      return;
    }
    const std::size_t start = after_separator(m_pos);
    for (const std::string_view word : k_post_words) {
      if (word_at(start, word)) {
        parts.post = label_number(start + word.size());
        return;
      }
    }
  }

  void parse_dev(Components& parts) {
    const std::size_t start = after_separator(m_pos);
    if (word_at(start, "dev"))
      parts.dev = label_number(start + 3);
  }

  // "[a-z0-9]+([._-][a-z0-9]+)*"; all-digit parts are numbers (leading zeros dropped).
  void parse_local(Components& parts) {
    parts.local.emplace();
    while (true) {
      const std::size_t start = m_pos;
      bool numeric = true;
      while (util::is_ascii_alnum(at(m_pos))) {
        numeric = numeric && util::is_ascii_digit(at(m_pos));
        ++m_pos;
      }
      const std::string_view text = m_text.substr(start, m_pos - start);
      parts.local->push_back(numeric ? LocalPart{true, detail::canonical_digits(text)}
                                     : LocalPart{false, util::ascii_lower(text)});
      if (!(detail::is_separator(at(m_pos)) && util::is_ascii_alnum(at(m_pos + 1))))
        return;
      ++m_pos;
    }
  }

  // "'+'" for printable ASCII, "byte 0xc4" otherwise.
  [[nodiscard]] static std::string describe(char c) {
    if (c > ' ' && c < 0x7f)
      return std::string("'") + c + "'";
    static constexpr char k_hex[] = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(c);
    if (c == ' ')
      return "space";
    return std::string("byte 0x") + k_hex[byte >> 4] + k_hex[byte & 0xf];
  }

  std::unexpected<util::ParseError> fail(std::size_t pos, std::string_view reason) const {
    const std::size_t length = pos < m_end ? 1 : 0;
    return std::unexpected(
        util::ParseError::at(m_text, pos, length, "invalid version: " + std::string(reason)));
  }

  std::string_view m_text;
  std::size_t m_pos;
  std::size_t m_end;
};

[[nodiscard]] bool is_local_label(std::string_view text) {
  if (text.empty())
    return false;
  bool after_separator = true;
  for (const char c : text) {
    if (util::is_ascii_alnum(c)) {
      after_separator = false;
    } else if (detail::is_separator(c) && !after_separator) {
      after_separator = true;
    } else {
      return false;
    }
  }
  return !after_separator;
}

}  // namespace

std::expected<Version, util::ParseError> Version::parse(std::string_view text) {
  if (text.size() > k_max_version_size)
    return std::unexpected(util::ParseError::at(text, 0, text.size(), "version is too long"));
  const detail::Span span = detail::python_strip(text);
  if (span.begin == span.end)
    return std::unexpected(
        util::ParseError::at(text, 0, text.size(), "invalid version: the text is empty"));
  return Parser(text, span.begin, span.end).run();
}

std::expected<Version, util::ParseError> Version::from_parts(const VersionParts& parts) {
  if (parts.release.empty())
    return std::unexpected(
        util::ParseError::at("", 0, 0, "invalid version: the release must not be empty"));
  Components components;
  components.epoch = std::to_string(parts.epoch);
  for (const std::uint64_t number : parts.release)
    components.release.push_back(std::to_string(number));
  if (parts.pre) {
    components.pre_kind = parts.pre->kind;
    components.pre_number = std::to_string(parts.pre->number);
  }
  if (parts.post)
    components.post = std::to_string(*parts.post);
  if (parts.dev)
    components.dev = std::to_string(*parts.dev);
  if (parts.local) {
    if (!is_local_label(*parts.local))
      return std::unexpected(util::ParseError::at(*parts.local, 0, parts.local->size(),
                                                  "invalid version: invalid local label"));
    // Reuse the parser's normalization of the label.
    const auto parsed = Version::parse("0+" + *parts.local);
    if (!parsed)
      return std::unexpected(parsed.error());
    components.local = detail::VersionCodec::decode(*parsed).local;
  }
  return detail::VersionCodec::encode(components);
}

std::optional<PreKind> pre_kind_from_spelling(std::string_view spelling) {
  for (const Word& word : k_pre_words) {
    if (util::iequals_ascii(spelling, word.spelling))
      return word.kind;
  }
  return std::nullopt;
}

}  // namespace gator::pep440

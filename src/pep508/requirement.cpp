#include "pep508/requirement.hpp"

#include <algorithm>
#include <utility>

#include "pep508/lexer.hpp"
#include "pep508/marker_parser.hpp"
#include "util/strings.hpp"

namespace gator::pep508 {
namespace {

using detail::Lexer;

// util::ParseError::at over packaging's span convention: the characters `start` to `end`
// inclusive (the caret of packaging's diagram sits on `end`).
std::unexpected<util::ParseError> error_span(const Lexer& lexer, std::size_t start, std::size_t end,
                                             std::string message) {
  return std::unexpected(
      util::ParseError::at(lexer.input(), start, end + 1 - start, std::move(message)));
}

std::unexpected<util::ParseError> error_at(const Lexer& lexer, std::string message) {
  return error_span(lexer, lexer.pos(), lexer.pos(), std::move(message));
}

constexpr const char* k_name_end_message = "a name must end with a letter or a digit";

// packaging's identifier pattern would accept `name_`; PEP 508 (and PackageName) do not.
bool has_trailing_separator(const Lexer& lexer) {
  return lexer.next_is('_') || lexer.next_is('-') || lexer.next_is('.');
}

std::expected<std::vector<std::string>, util::ParseError> parse_extras(Lexer& lexer) {
  std::vector<std::string> extras;
  const std::size_t open = lexer.pos();
  if (!lexer.consume('['))
    return extras;
  lexer.skip_whitespace();
  if (const std::string_view first = lexer.identifier(); !first.empty()) {
    if (has_trailing_separator(lexer))
      return error_at(lexer, k_name_end_message);
    extras.emplace_back(first);
    while (true) {
      lexer.skip_whitespace();
      if (!lexer.at_end() && util::is_ascii_alnum(lexer.input()[lexer.pos()]))
        return error_at(lexer, "expected a comma between extra names");
      if (!lexer.consume(','))
        break;
      lexer.skip_whitespace();
      const std::string_view extra = lexer.identifier();
      if (extra.empty())
        return error_at(lexer, "expected an extra name after the comma");
      if (has_trailing_separator(lexer))
        return error_at(lexer, k_name_end_message);
      extras.emplace_back(extra);
    }
  }
  lexer.skip_whitespace();
  if (!lexer.consume(']'))
    return error_span(lexer, open, lexer.pos(), "expected ']' to close the extras opened here");
  return extras;
}

// A ".*" or "+local" right after a specifier means the operator does not allow it.
std::expected<void, util::ParseError> check_specifier_tail(const Lexer& lexer, std::size_t start) {
  const std::string_view input = lexer.input();
  const std::size_t pos = lexer.pos();
  const std::string_view rest = input.substr(pos);
  if (rest.starts_with(".*")) {
    const std::string_view spec = input.substr(start, pos - start);
    const bool equality =
        spec.starts_with("!=") || (spec.starts_with("==") && !spec.starts_with("==="));
    return error_span(lexer, start, pos + 1,
                      equality ? "a .* suffix cannot follow a pre-release, post-release, dev or "
                                 "local version"
                               : "a .* suffix can only be used with the == or != operators");
  }
  if (rest.size() >= 2 && rest[0] == '+' &&
      (util::is_ascii_digit(rest[1]) || (rest[1] >= 'a' && rest[1] <= 'z')))
    return error_span(lexer, start, pos,
                      "a local version label can only be used with the == or != operators");
  return {};
}

// Comma-separated specifiers, optionally in parentheses; returns their text joined by commas.
std::expected<std::string, util::ParseError> parse_specifier_text(Lexer& lexer) {
  std::string text;
  const std::size_t open = lexer.pos();
  const bool parenthesized = lexer.consume('(');
  lexer.skip_whitespace();
  while (const std::size_t length = lexer.specifier_length()) {
    const std::size_t start = lexer.pos();
    text += lexer.input().substr(start, length);
    lexer.set_pos(start + length);
    if (auto tail = check_specifier_tail(lexer, start); !tail)
      return std::unexpected(std::move(tail.error()));
    lexer.skip_whitespace();
    if (!lexer.consume(','))
      break;
    text += ',';
    lexer.skip_whitespace();
  }
  lexer.skip_whitespace();
  if (parenthesized && !lexer.consume(')'))
    return error_span(lexer, open, lexer.pos(),
                      "expected ')' to close the version specifier opened here");
  return text;
}

// The URL after `@`: packaging takes everything up to a space or tab; a line break ends it
// too, so that it is reported instead of becoming part of the URL.
std::string_view scan_url(Lexer& lexer) {
  const std::string_view input = lexer.input();
  const std::size_t start = lexer.pos();
  std::size_t end = start;
  while (end < input.size() && input[end] != ' ' && input[end] != '\t' && input[end] != '\n' &&
         input[end] != '\r')
    ++end;
  lexer.set_pos(end);
  return input.substr(start, end - start);
}

std::vector<std::string> sorted_unique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

}  // namespace

std::expected<Requirement, util::ParseError> Requirement::parse(std::string_view text) {
  Lexer lexer(text);
  lexer.skip_whitespace();
  const std::string_view name = lexer.identifier();
  if (name.empty())
    return error_at(lexer, "expected a package name at the start of the requirement");
  if (has_trailing_separator(lexer))
    return error_at(lexer, k_name_end_message);
  auto package_name = PackageName::parse(name);
  if (!package_name)
    return std::unexpected(util::ParseError::at(text, lexer.pos() - name.size(), name.size(),
                                                package_name.error().message));
  Requirement requirement(std::move(*package_name));
  requirement.m_name = std::string(name);
  lexer.skip_whitespace();

  auto extras = parse_extras(lexer);
  if (!extras)
    return std::unexpected(std::move(extras.error()));
  for (const std::string& extra : *extras)
    requirement.m_extra_names.push_back(canonicalize_name(extra));
  requirement.m_extras = sorted_unique(std::move(*extras));
  requirement.m_extra_names = sorted_unique(std::move(requirement.m_extra_names));
  lexer.skip_whitespace();

  std::size_t clause_start = lexer.pos();
  std::string expected_next;
  if (lexer.consume('@')) {
    lexer.skip_whitespace();
    clause_start = lexer.pos();
    const std::string_view url = scan_url(lexer);
    if (url.empty())
      return error_at(lexer, "expected a URL after '@'");
    requirement.m_url = std::string(url);
    // packaging requires a space between the URL and `;`, else `;` would belong to the URL.
    if (!lexer.at_end() && !lexer.next_is(' ') && !lexer.next_is('\t'))
      return error_at(lexer, "a requirement cannot contain a line break");
    expected_next = "expected ';' (after the URL and a space) or the end";
  } else {
    auto specifier_text = parse_specifier_text(lexer);
    if (!specifier_text)
      return std::unexpected(std::move(specifier_text.error()));
    auto specifier = pep440::SpecifierSet::parse(*specifier_text);
    if (!specifier)
      return error_span(lexer, clause_start, std::max(clause_start + 1, lexer.pos()) - 1,
                        "invalid version specifier: " + specifier.error().message);
    requirement.m_specifier = std::move(*specifier);
    expected_next = specifier_text->empty()
                        ? "expected a version specifier (such as >=1.0), '@ URL', ';' or the end"
                        : "expected ',' (between version specifiers), ';' (before a marker) or "
                          "the end";
  }
  lexer.skip_whitespace();
  if (lexer.at_end())
    return requirement;
  if (lexer.next_is('\n') || lexer.next_is('\r'))
    return error_at(lexer, "a requirement cannot contain a line break");
  if (!lexer.consume(';'))
    return error_span(lexer, clause_start, lexer.pos(), expected_next);
  auto marker = detail::parse_marker_expression(lexer);
  if (!marker)
    return std::unexpected(std::move(marker.error()));
  requirement.m_marker = std::move(*marker);
  if (lexer.next_is('\n') || lexer.next_is('\r'))
    return error_at(lexer, "a requirement cannot contain a line break");
  if (!lexer.at_end())
    return error_at(lexer, "expected 'and', 'or' or the end of the requirement");
  return requirement;
}

bool Requirement::has_extra(std::string_view extra) const {
  return std::binary_search(m_extra_names.begin(), m_extra_names.end(), canonicalize_name(extra));
}

std::string Requirement::to_string() const {
  std::string out = m_name;
  if (!m_extras.empty()) {
    out += '[';
    for (std::size_t i = 0; i < m_extras.size(); ++i) {
      if (i > 0)
        out += ',';
      out += m_extras[i];
    }
    out += ']';
  }
  out += m_specifier.to_string();
  if (m_url) {
    out += " @ ";
    out += *m_url;
    if (m_marker)
      out += ' ';
  }
  if (m_marker) {
    out += "; ";
    out += m_marker->to_string();
  }
  return out;
}

bool operator==(const Requirement& a, const Requirement& b) {
  return a.m_package_name == b.m_package_name && a.m_extra_names == b.m_extra_names &&
         a.m_specifier == b.m_specifier && a.m_url == b.m_url && a.m_marker == b.m_marker;
}

}  // namespace gator::pep508

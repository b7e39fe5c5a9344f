#include "pep508/lexer.hpp"

#include <array>
#include <span>

#include "util/strings.hpp"

namespace gator::pep508::detail {
namespace {

// Length of the whitespace character (Python's str.isspace, as `\s` sees it) at `pos`, or 0.
std::size_t python_space_length(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u;
  };
  const unsigned b0 = byte(pos);
  if (b0 == ' ' || (b0 >= 0x09 && b0 <= 0x0d) || (b0 >= 0x1c && b0 <= 0x1f))
    return 1;
  const unsigned b1 = byte(pos + 1);
  const unsigned b2 = byte(pos + 2);
  if (b0 == 0xc2 && (b1 == 0x85 || b1 == 0xa0))
    return 2;
  if (b0 == 0xe1 && b1 == 0x9a && b2 == 0x80)
    return 3;
  if (b0 == 0xe2 && b1 == 0x80 &&
      ((b2 >= 0x80 && b2 <= 0x8a) || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf))
    return 3;
  if (b0 == 0xe2 && b1 == 0x81 && b2 == 0x9f)
    return 3;
  if (b0 == 0xe3 && b1 == 0x80 && b2 == 0x80)
    return 3;
  return 0;
}

std::size_t skip_python_spaces(std::string_view s, std::size_t pos) {
  while (const std::size_t n = python_space_length(s, pos))
    pos += n;
  return pos;
}

bool is_sep(char c) {
  return c == '-' || c == '_' || c == '.';
}

std::size_t skip_digits(std::string_view s, std::size_t pos) {
  while (pos < s.size() && util::is_ascii_digit(s[pos]))
    ++pos;
  return pos;
}

bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view word) {
  return pos <= s.size() && s.size() - pos >= word.size() &&
         util::iequals_ascii(s.substr(pos, word.size()), word);
}

// `[-_\.]?(word alternatives)` where the separator is optional; returns the end or npos.
std::size_t match_sep_word(std::string_view s, std::size_t pos,
                           std::span<const std::string_view> words) {
  const std::size_t starts[] = {pos < s.size() && is_sep(s[pos]) ? pos + 1 : std::string_view::npos,
                                pos};
  for (std::size_t start : starts) {
    if (start == std::string_view::npos)
      continue;
    for (std::string_view word : words) {
      if (starts_with_ci(s, start, word))
        return start + word.size();
    }
  }
  return std::string_view::npos;
}

std::size_t optional_sep_digits(std::string_view s, std::size_t pos) {
  if (pos < s.size() && is_sep(s[pos]))
    ++pos;
  return skip_digits(s, pos);
}

constexpr std::array<std::string_view, 8> k_pre_words = {"alpha", "beta", "preview", "pre",
                                                         "a",     "b",    "c",       "rc"};
constexpr std::array<std::string_view, 3> k_post_words = {"post", "rev", "r"};
constexpr std::array<std::string_view, 1> k_dev_words = {"dev"};

// pre? post? dev? (each optional, greedy), as in packaging's specifier regular expression.
std::size_t match_suffixes(std::string_view s, std::size_t pos) {
  if (std::size_t end = match_sep_word(s, pos, k_pre_words); end != std::string_view::npos)
    pos = optional_sep_digits(s, end);
  if (pos + 1 < s.size() && s[pos] == '-' && util::is_ascii_digit(s[pos + 1])) {
    pos = skip_digits(s, pos + 1);
  } else if (std::size_t end = match_sep_word(s, pos, k_post_words);
             end != std::string_view::npos) {
    pos = optional_sep_digits(s, end);
  }
  if (std::size_t end = match_sep_word(s, pos, k_dev_words); end != std::string_view::npos)
    pos = optional_sep_digits(s, end);
  return pos;
}

// v? (N!)? N(.N)* with at least `min_parts` release numbers; npos when it does not match.
std::size_t match_release(std::string_view s, std::size_t pos, int min_parts) {
  if (pos < s.size() && (s[pos] == 'v' || s[pos] == 'V'))
    ++pos;
  const std::size_t epoch_end = skip_digits(s, pos);
  if (epoch_end > pos && epoch_end < s.size() && s[epoch_end] == '!')
    pos = epoch_end + 1;
  std::size_t end = skip_digits(s, pos);
  if (end == pos)
    return std::string_view::npos;
  int parts = 1;
  while (end + 1 < s.size() && s[end] == '.' && util::is_ascii_digit(s[end + 1])) {
    end = skip_digits(s, end + 1);
    ++parts;
  }
  return parts >= min_parts ? end : std::string_view::npos;
}

bool is_local_char(char c) {
  return util::is_ascii_alnum(c);
}

std::size_t match_local(std::string_view s, std::size_t pos) {
  if (pos + 1 >= s.size() || s[pos] != '+' || !is_local_char(s[pos + 1]))
    return pos;
  std::size_t end = pos + 1;
  while (end < s.size() && is_local_char(s[end]))
    ++end;
  while (end + 1 < s.size() && is_sep(s[end]) && is_local_char(s[end + 1])) {
    end += 1;
    while (end < s.size() && is_local_char(s[end]))
      ++end;
  }
  return end;
}

}  // namespace

void Lexer::skip_whitespace() {
  while (!at_end() && (m_input[m_pos] == ' ' || m_input[m_pos] == '\t'))
    ++m_pos;
}

bool Lexer::consume(char c) {
  if (!next_is(c))
    return false;
  ++m_pos;
  return true;
}

bool Lexer::keyword(std::string_view word) {
  if (!m_input.substr(m_pos).starts_with(word) || !boundary_at(m_pos + word.size()))
    return false;
  m_pos += word.size();
  return true;
}

std::optional<MarkerJoin> Lexer::join() {
  if (keyword("and"))
    return MarkerJoin::and_;
  if (keyword("or"))
    return MarkerJoin::or_;
  return std::nullopt;
}

std::optional<MarkerVariable> Lexer::variable() {
  struct Spelling {
    std::string_view text;
    MarkerVariable variable;
  };
  static constexpr Spelling k_spellings[] = {
      {"python_version", MarkerVariable::python_version},
      {"python_full_version", MarkerVariable::python_full_version},
      {"os_name", MarkerVariable::os_name},
      {"os.name", MarkerVariable::os_name},
      {"sys_platform", MarkerVariable::sys_platform},
      {"sys.platform", MarkerVariable::sys_platform},
      {"platform_release", MarkerVariable::platform_release},
      {"platform_system", MarkerVariable::platform_system},
      {"platform_version", MarkerVariable::platform_version},
      {"platform.version", MarkerVariable::platform_version},
      {"platform_machine", MarkerVariable::platform_machine},
      {"platform.machine", MarkerVariable::platform_machine},
      {"platform_python_implementation", MarkerVariable::platform_python_implementation},
      {"platform.python_implementation", MarkerVariable::platform_python_implementation},
      {"python_implementation", MarkerVariable::platform_python_implementation},
      {"implementation_name", MarkerVariable::implementation_name},
      {"implementation_version", MarkerVariable::implementation_version},
      {"extras", MarkerVariable::extras},
      {"extra", MarkerVariable::extra},
      {"dependency_groups", MarkerVariable::dependency_groups},
  };
  for (const Spelling& spelling : k_spellings) {
    if (keyword(spelling.text))
      return spelling.variable;
  }
  return std::nullopt;
}

std::optional<MarkerOperator> Lexer::comparison_operator() {
  struct Spelling {
    std::string_view text;
    MarkerOperator op;
  };
  static constexpr Spelling k_spellings[] = {
      {"===", MarkerOperator::arbitrary_equal},
      {"==", MarkerOperator::equal},
      {"~=", MarkerOperator::compatible},
      {"!=", MarkerOperator::not_equal},
      {"<=", MarkerOperator::less_equal},
      {">=", MarkerOperator::greater_equal},
      {"<", MarkerOperator::less},
      {">", MarkerOperator::greater},
  };
  for (const Spelling& spelling : k_spellings) {
    if (m_input.substr(m_pos).starts_with(spelling.text)) {
      m_pos += spelling.text.size();
      return spelling.op;
    }
  }
  return std::nullopt;
}

std::string_view Lexer::identifier() {
  const std::size_t start = m_pos;
  if (at_end() || !util::is_ascii_alnum(m_input[start]))
    return {};
  std::size_t end = start + 1;
  while (end < m_input.size() && (util::is_ascii_alnum(m_input[end]) || is_sep(m_input[end])))
    ++end;
  while (!util::is_ascii_alnum(m_input[end - 1]))
    --end;
  m_pos = end;
  return m_input.substr(start, end - start);
}

std::size_t Lexer::specifier_length() const {
  const std::string_view s = m_input;
  const std::size_t start = m_pos;
  const std::string_view rest = s.substr(start);
  std::size_t end = std::string_view::npos;
  if (rest.starts_with("===")) {
    end = skip_python_spaces(s, start + 3);
    while (end < s.size() && s[end] != ';' && s[end] != ')' && python_space_length(s, end) == 0)
      ++end;
  } else if (rest.starts_with("==") || rest.starts_with("!=")) {
    end = match_release(s, skip_python_spaces(s, start + 2), 1);
    if (end != std::string_view::npos) {
      if (s.substr(end).starts_with(".*"))
        end += 2;
      else
        end = match_local(s, match_suffixes(s, end));
    }
  } else if (rest.starts_with("~=")) {
    end = match_release(s, skip_python_spaces(s, start + 2), 2);
    if (end != std::string_view::npos)
      end = match_suffixes(s, end);
  } else if (rest.starts_with("<=") || rest.starts_with(">=") || rest.starts_with('<') ||
             rest.starts_with('>')) {
    const std::size_t op = rest.size() > 1 && rest[1] == '=' ? 2 : 1;
    end = match_release(s, skip_python_spaces(s, start + op), 1);
    if (end != std::string_view::npos)
      end = match_suffixes(s, end);
  }
  return end == std::string_view::npos ? 0 : end - start;
}

}  // namespace gator::pep508::detail

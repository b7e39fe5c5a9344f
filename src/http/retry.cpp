#include "http/retry.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "util/strings.hpp"

namespace gator::http {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A forward-only reader over the date text; every accessor fails softly.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : m_text(text) {}

  [[nodiscard]] bool done() const { return m_pos == m_text.size(); }
  [[nodiscard]] char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
  bool eat(char c) {
    if (peek() != c)
      return false;
    ++m_pos;
    return true;
  }
  bool eat(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) != word)
      return false;
    m_pos += word.size();
    return true;
  }
  std::string_view letters() {
    const std::size_t start = m_pos;
    while (util::is_ascii_alpha(peek()))
      ++m_pos;
    return m_text.substr(start, m_pos - start);
  }
  // Exactly `count` digits.
  std::optional<int> number(std::size_t count) {
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = peek();
      if (!util::is_ascii_digit(c))
        return std::nullopt;
      value = value * 10 + (c - '0');
      ++m_pos;
    }
    return value;
  }
  std::optional<unsigned> month() {
    const std::string_view name = letters();
    for (std::size_t i = 0; i < k_months.size(); ++i) {
      if (util::iequals_ascii(name, k_months[i]))
        return static_cast<unsigned>(i + 1);
    }
    return std::nullopt;
  }
  // "HH:MM:SS"
  std::optional<seconds> time_of_day() {
    const auto h = number(2);
    if (!h || !eat(':'))
      return std::nullopt;
    const auto m = number(2);
    if (!m || !eat(':'))
      return std::nullopt;
    const auto s = number(2);
    if (!s || *h > 23 || *m > 59 || *s > 60)
      return std::nullopt;
    return hours(*h) + minutes(*m) + seconds(std::min(*s, 59));
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

[[nodiscard]] std::optional<sys_seconds> make_time(int year, std::optional<unsigned> month,
                                                   std::optional<int> day,
                                                   std::optional<seconds> time) {
  if (!month || !day || !time)
    return std::nullopt;
  const year_month_day date{std::chrono::year(year), std::chrono::month(*month),
                            std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok())
    return std::nullopt;
  return sys_days(date) + *time;
}

}  // namespace

bool is_retryable_status(long status) {
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

std::optional<sys_seconds> parse_http_date(std::string_view text) {
  Cursor in(util::trim_ascii(text));
  if (in.letters().size() < 3)
    return std::nullopt;
  if (in.eat(", ")) {
    const auto day = in.number(2);
    if (in.eat(' ')) {
      // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
      const auto month = in.month();
      if (!in.eat(' '))
        return std::nullopt;
      const auto year = in.number(4);
      if (!year || !in.eat(' '))
        return std::nullopt;
      const auto time = in.time_of_day();
      if (!in.eat(" GMT") || !in.done())
        return std::nullopt;
      return make_time(*year, month, day, time);
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; two-digit years before 70 are 20xx.
    if (!in.eat('-'))
      return std::nullopt;
    const auto month = in.month();
    if (!in.eat('-'))
      return std::nullopt;
    const auto year = in.number(2);
    if (!year || !in.eat(' '))
      return std::nullopt;
    const auto time = in.time_of_day();
    if (!in.eat(" GMT") || !in.done())
      return std::nullopt;
    return make_time(*year < 70 ? 2000 + *year : 1900 + *year, month, day, time);
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  if (!in.eat(' '))
    return std::nullopt;
  const auto month = in.month();
  if (!in.eat(' '))
    return std::nullopt;
  std::optional<int> day;
  if (in.eat(' '))
    day = in.number(1);
  else
    day = in.number(2);
  if (!in.eat(' '))
    return std::nullopt;
  const auto time = in.time_of_day();
  if (!in.eat(' '))
    return std::nullopt;
  const auto year = in.number(4);
  if (!year || !in.done())
    return std::nullopt;
  return make_time(*year, month, day, time);
}

std::optional<seconds> parse_retry_after(std::string_view value, system_clock::time_point now) {
  value = util::trim_ascii(value);
  if (value.empty())
    return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return util::is_ascii_digit(c); })) {
    // Saturate absurd values instead of overflowing; they exceed any cap anyway.
    constexpr std::int64_t k_limit = 1'000'000'000;
    std::int64_t total = 0;
    for (char c : value) {
      total = std::min<std::int64_t>(k_limit, total * 10 + (c - '0'));
    }
    return seconds(total);
  }
  const auto date = parse_http_date(value);
  if (!date)
    return std::nullopt;
  const auto remaining = ceil<seconds>(*date - now);
  return std::max(remaining, seconds(0));
}

milliseconds nominal_delay(const RetryOptions& options, unsigned retry) {
  const auto cap = std::max(options.max_delay, milliseconds(0));
  auto delay = std::max(options.initial_delay, milliseconds(0));
  for (unsigned i = 1; i < retry && delay < cap; ++i)
    delay *= 2;
  return std::min(delay, cap);
}

Backoff::Backoff(const RetryOptions& options)
    : m_options(options),
      m_rng(options.jitter_seed ? *options.jitter_seed : std::random_device{}()) {}

milliseconds Backoff::delay(unsigned retry) {
  const milliseconds nominal = nominal_delay(m_options, retry);
  const double jitter = std::clamp(m_options.jitter, 0.0, 1.0);
  // 53 random bits give a uniform double in [0, 1) that is identical on every platform (the
  // standard distributions are not specified bit for bit).
  const double unit = static_cast<double>(m_rng() >> 11) * 0x1.0p-53;
  const double scaled = static_cast<double>(nominal.count()) * (1.0 - jitter * unit);
  return milliseconds(static_cast<milliseconds::rep>(std::llround(scaled)));
}

}  // namespace gator::http

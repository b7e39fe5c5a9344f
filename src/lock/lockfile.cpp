#include "lock/lockfile.hpp"

#include <array>
#include <charconv>

#include "util/strings.hpp"

namespace gator::lock {

namespace {

[[nodiscard]] bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

[[nodiscard]] int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12)
    return 0;
  return month == 2 && is_leap(year) ? 29 : k_days[static_cast<std::size_t>(month - 1)];
}

// Reads exactly `count` digits at `pos`.
[[nodiscard]] std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size())
    return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!util::is_ascii_digit(text[i]))
      return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

void append_padded(std::string& out, long value, int width) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  const auto length = static_cast<int>(result.ptr - buffer.data());
  for (int i = length; i < width; ++i)
    out += '0';
  out.append(buffer.data(), result.ptr);
}

}  // namespace

std::expected<UploadTime, util::ParseError> UploadTime::parse(std::string_view text) {
  const auto fail = [&](std::size_t offset, std::string message) {
    return std::unexpected(util::ParseError::at(text, std::min(offset, text.size()),
                                                offset < text.size() ? 1 : 0, std::move(message)));
  };
  UploadTime time;
  // YYYY-MM-DDTHH:MM:SS
  const std::array<std::pair<std::size_t, std::size_t>, 6> fields = {
      {{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}}};
  const std::array<char, 5> separators = {'-', '-', 'T', ':', ':'};
  std::array<int, 6> values{};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto value = digits(text, fields[i].first, fields[i].second);
    if (!value)
      return fail(fields[i].first, "expected a date and time such as 2024-06-05T12:30:00Z");
    values[i] = *value;
    if (i < separators.size()) {
      const std::size_t at = fields[i].first + fields[i].second;
      const char expected = separators[i];
      if (at >= text.size() ||
          (text[at] != expected && !(expected == 'T' && (text[at] == 't' || text[at] == ' '))))
        return fail(at, std::string("expected '") + expected + "'");
    }
  }
  time.year = values[0];
  time.month = values[1];
  time.day = values[2];
  time.hour = values[3];
  time.minute = values[4];
  time.second = values[5];
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    std::uint32_t nanos = 0;
    std::size_t count = 0;
    while (pos < text.size() && util::is_ascii_digit(text[pos])) {
      if (count < 9) {
        nanos = nanos * 10 + static_cast<std::uint32_t>(text[pos] - '0');
        ++count;
      }
      ++pos;
    }
    if (pos == start)
      return fail(pos, "expected digits after '.'");
    for (; count < 9; ++count)
      nanos *= 10;
    time.nanosecond = nanos;
  }
  const std::string_view zone = text.substr(pos);
  if (zone != "Z" && zone != "z" && zone != "+00:00" && zone != "-00:00") {
    if (zone.empty())
      return fail(pos, "the time has no offset: upload-time is in UTC (end it with Z)");
    return fail(pos, "upload-time must be in UTC (Z or +00:00)");
  }
  if (const std::string problem = time.problem(); !problem.empty())
    return fail(0, problem);
  return time;
}

std::string UploadTime::problem() const {
  if (year < 0 || year > 9999)
    return "the year is out of range";
  if (month < 1 || month > 12)
    return "the month is out of range";
  if (day < 1 || day > days_in_month(year, month))
    return "the day is out of range";
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
    return "the time of day is out of range";
  if (nanosecond > 999'999'999U)
    return "the fraction of a second is out of range";
  return {};
}

std::string UploadTime::to_string() const {
  std::string out;
  append_padded(out, year, 4);
  out += '-';
  append_padded(out, month, 2);
  out += '-';
  append_padded(out, day, 2);
  out += 'T';
  append_padded(out, hour, 2);
  out += ':';
  append_padded(out, minute, 2);
  out += ':';
  append_padded(out, second, 2);
  if (nanosecond != 0) {
    std::string fraction;
    append_padded(fraction, static_cast<long>(nanosecond), 9);
    while (fraction.back() == '0')
      fraction.pop_back();
    out += '.' + fraction;
  }
  out += 'Z';
  return out;
}

SourceKind source_kind(const Package& package) {
  if (package.vcs)
    return SourceKind::vcs;
  if (package.directory)
    return SourceKind::directory;
  if (package.archive)
    return SourceKind::archive;
  return SourceKind::distributions;
}

bool package_less(const Package& a, const Package& b) {
  if (a.name != b.name)
    return a.name < b.name;
  if (a.version != b.version)
    return !a.version || (b.version && *a.version < *b.version);
  const std::string left = a.marker ? a.marker->to_string() : std::string();
  const std::string right = b.marker ? b.marker->to_string() : std::string();
  return left < right;
}

bool is_valid_lock_file_name(std::string_view file_name) {
  constexpr std::string_view k_prefix = "pylock.";
  constexpr std::string_view k_suffix = ".toml";
  if (file_name == "pylock.toml")
    return true;
  if (file_name.size() <= k_prefix.size() + k_suffix.size() || !file_name.starts_with(k_prefix) ||
      !file_name.ends_with(k_suffix))
    return false;
  const std::string_view name =
      file_name.substr(k_prefix.size(), file_name.size() - k_prefix.size() - k_suffix.size());
  return name.find_first_of("./\\") == std::string_view::npos;
}

std::string lock_file_name(std::string_view profile) {
  if (profile.empty())
    return "pylock.toml";
  std::string name(profile);
  for (char& c : name)
    if (c == '.' || c == '/' || c == '\\')
      c = '-';
  return "pylock." + name + ".toml";
}

std::optional<pep508::Marker> target_marker(std::string_view sys_platform,
                                            std::string_view platform_machine,
                                            std::string_view python_version) {
  std::string text;
  const auto add = [&](std::string_view variable, std::string_view value) {
    if (value.empty())
      return;
    const auto quoted = pep508::quote_marker_value(value);
    if (!quoted)
      return;  // a value with both quote characters is no platform or version name
    text += (text.empty() ? "" : " and ") + std::string(variable) + " == " + *quoted;
  };
  add("sys_platform", sys_platform);
  add("platform_machine", platform_machine);
  add("python_version", python_version);
  if (text.empty())
    return std::nullopt;
  auto marker = pep508::Marker::parse(text);
  if (!marker)
    return std::nullopt;
  return std::move(*marker);
}

}  // namespace gator::lock

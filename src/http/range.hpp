#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gator::http {

// One byte range of a Range request (RFC 9110 §14.1.2): `first-last`, `first-` or `-suffix`.
class ByteRange {
 public:
  // Bytes first..last, both included; throws gator::Error(internal) when last < first.
  [[nodiscard]] static ByteRange between(std::uint64_t first, std::uint64_t last);
  // From `first` to the end.
  [[nodiscard]] static ByteRange starting_at(std::uint64_t first);
  // The last `length` bytes (a zip's central directory); throws when length is 0.
  [[nodiscard]] static ByteRange suffix(std::uint64_t length);

  [[nodiscard]] std::string spec() const;  // "0-99", "100-", "-22"
  [[nodiscard]] std::string header_value() const { return "bytes=" + spec(); }
  [[nodiscard]] bool is_suffix() const { return m_suffix; }

  friend bool operator==(const ByteRange&, const ByteRange&) = default;

 private:
  ByteRange() = default;

  std::uint64_t m_first = 0;  // or the suffix length
  std::optional<std::uint64_t> m_last;
  bool m_suffix = false;
};

// A Content-Range response header: "bytes 0-99/1234" or "bytes 0-99/*".
struct ContentRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::optional<std::uint64_t> complete_length;

  friend bool operator==(const ContentRange&, const ContentRange&) = default;
};

[[nodiscard]] std::optional<ContentRange> parse_content_range(std::string_view value);

}  // namespace gator::http

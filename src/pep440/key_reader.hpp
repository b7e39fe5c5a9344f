#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// Reading the Version byte encoding (see version_codec.hpp; internal to pep440).
namespace gator::pep440::detail {

inline constexpr std::uint8_t k_end = 0x00;
inline constexpr std::uint8_t k_pre_dev_only = 0x01;
inline constexpr std::uint8_t k_pre_a = 0x02;
inline constexpr std::uint8_t k_pre_b = 0x03;
inline constexpr std::uint8_t k_pre_rc = 0x04;
inline constexpr std::uint8_t k_pre_none = 0x05;
inline constexpr std::uint8_t k_post_none = 0x00;
inline constexpr std::uint8_t k_post_some = 0x01;
inline constexpr std::uint8_t k_dev_some = 0x00;
inline constexpr std::uint8_t k_dev_none = 0x01;
inline constexpr std::uint8_t k_local_none = 0x00;
inline constexpr std::uint8_t k_local_some = 0x01;
inline constexpr std::uint8_t k_local_text = 0x01;
inline constexpr std::uint8_t k_local_number = 0x02;
inline constexpr std::uint8_t k_long_num = 251;

// A decoded number: `digits` for numbers stored as digits, else `small`.
struct Num {
  std::uint64_t small = 0;
  std::string_view digits;

  void append_to(std::string& out) const {
    if (digits.empty())
      out += std::to_string(small);
    else
      out += digits;
  }
  [[nodiscard]] std::string str() const {
    return digits.empty() ? std::to_string(small) : std::string(digits);
  }
  [[nodiscard]] std::uint64_t to_u64() const;
  [[nodiscard]] bool is_zero() const { return digits.empty() && small == 0; }
};

class KeyReader {
 public:
  explicit KeyReader(std::string_view data) : m_data(data) {}

  [[nodiscard]] std::uint8_t peek() const {
    return m_pos < m_data.size() ? static_cast<std::uint8_t>(m_data[m_pos]) : 0;
  }
  std::uint8_t take() {
    const std::uint8_t byte = peek();
    ++m_pos;
    return byte;
  }
  [[nodiscard]] Num num();
  // Local text up to (and consuming) its terminator.
  [[nodiscard]] std::string_view text();
  [[nodiscard]] std::size_t position() const { return m_pos; }

 private:
  std::string_view m_data;
  std::size_t m_pos = 0;
};

}  // namespace gator::pep440::detail

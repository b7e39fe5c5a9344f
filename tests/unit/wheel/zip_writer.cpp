#include "zip_writer.hpp"

#include <array>

namespace gator::wheel::test {
namespace {

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}

[[nodiscard]] bool is_ascii(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80)
      return false;
  }
  return true;
}

constexpr std::uint32_t k_dos_date = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01

}  // namespace

std::uint32_t crc32(const std::string& bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> result{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t value = i;
      for (int bit = 0; bit < 8; ++bit)
        value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
      result[i] = value;
    }
    return result;
  }();
  std::uint32_t crc = 0xffffffffu;
  for (const char c : bytes)
    crc = table[(crc ^ static_cast<unsigned char>(c)) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

void ZipWriter::add_file(std::string name, std::string content, unsigned mode) {
  add_entry(std::move(name), std::move(content), 0100000u | mode);
}

void ZipWriter::add_directory(std::string name) {
  if (!name.ends_with('/'))
    name += '/';
  m_entries.push_back({std::move(name), "", (0040755u << 16) | 0x10u});
}

void ZipWriter::add_symlink(std::string name, std::string target) {
  add_entry(std::move(name), std::move(target), 0120777u);
}

void ZipWriter::add_entry(std::string name, std::string content, std::uint32_t unix_mode) {
  m_entries.push_back({std::move(name), std::move(content), unix_mode << 16});
}

std::string ZipWriter::finish() const {
  std::string out;
  std::string central;
  for (const Entry& entry : m_entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(entry.content);
    const auto size = static_cast<std::uint32_t>(entry.content.size());
    const auto name_size = static_cast<std::uint32_t>(entry.name.size());
    const std::uint32_t flags = is_ascii(entry.name) ? 0 : 0x800;  // bit 11: UTF-8 name
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, flags);
    put16(out, 0);  // stored
    put16(out, 0);
    put16(out, k_dos_date);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, name_size);
    put16(out, 0);
    out += entry.name;
    out += entry.content;

    put32(central, 0x02014b50);
    put16(central, (3u << 8) | 20u);  // made by Unix: the external attributes hold a mode
    put16(central, 20);
    put16(central, flags);
    put16(central, 0);
    put16(central, 0);
    put16(central, k_dos_date);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, name_size);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, entry.external_attributes);
    put32(central, offset);
    central += entry.name;
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(m_entries.size()));
  put16(out, static_cast<std::uint32_t>(m_entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, central_offset);
  put16(out, 0);
  return out;
}

}  // namespace gator::wheel::test

#include "index/index_file.hpp"

#include "util/strings.hpp"

namespace gator::index {
namespace {

[[nodiscard]] bool is_hex(std::string_view text) {
  if (text.empty())
    return false;
  for (char c : text) {
    if (!util::is_ascii_digit(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
      return false;
  }
  return true;
}

// `count` digits at `pos` forming a number in [low, high].
[[nodiscard]] bool digits_in(std::string_view text, std::size_t pos, std::size_t count, int low,
                             int high) {
  if (pos + count > text.size())
    return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!util::is_ascii_digit(text[i]))
      return false;
    value = value * 10 + (text[i] - '0');
  }
  return value >= low && value <= high;
}

}  // namespace

bool add_hash(FileHashes& hashes, std::string_view algorithm, std::string_view hex) {
  const std::string name = util::ascii_lower(util::trim_ascii(algorithm));
  hex = util::trim_ascii(hex);
  if (name.empty() || !is_hex(hex))
    return false;
  if (name == "sha256") {
    auto digest = dist::Sha256::parse(hex);
    if (!digest)
      return false;
    hashes.sha256 = std::move(*digest);
    return true;
  }
  hashes.other[name] = util::ascii_lower(hex);
  return true;
}

const char* to_string(FileKind kind) {
  switch (kind) {
    case FileKind::wheel:
      return "wheel";
    case FileKind::sdist:
      return "sdist";
    case FileKind::other:
      break;
  }
  return "other";
}

IndexFile::IndexFile(std::string filename, http::RedactedUrl url)
    : m_filename(std::move(filename)), m_url(std::move(url)) {
  if (m_filename.ends_with(".whl")) {
    if (auto wheel = dist::WheelFilename::parse(m_filename))
      m_distribution = std::move(*wheel);
  } else if (auto sdist = dist::SdistFilename::parse(m_filename)) {
    m_distribution = std::move(*sdist);
  }
}

FileKind IndexFile::kind() const {
  if (std::holds_alternative<dist::WheelFilename>(m_distribution))
    return FileKind::wheel;
  if (std::holds_alternative<dist::SdistFilename>(m_distribution))
    return FileKind::sdist;
  return FileKind::other;
}

const dist::WheelFilename* IndexFile::wheel() const {
  return std::get_if<dist::WheelFilename>(&m_distribution);
}

const dist::SdistFilename* IndexFile::sdist() const {
  return std::get_if<dist::SdistFilename>(&m_distribution);
}

std::string IndexFile::project() const {
  if (const auto* w = wheel())
    return w->name().canonical();
  if (const auto* s = sdist())
    return s->name().canonical();
  return {};
}

bool IndexFile::belongs_to(const pep508::PackageName& name) const {
  if (const auto* w = wheel())
    return w->name().is(name);
  if (const auto* s = sdist())
    return s->name().is(name);
  return false;
}

http::RedactedUrl metadata_url(const http::RedactedUrl& file_url) {
  return http::RedactedUrl::from(file_url.raw_for_request() + ".metadata");
}

bool is_valid_upload_time(std::string_view text) {
  // yyyy-mm-ddThh:mm:ss
  if (text.size() < 19 || !digits_in(text, 0, 4, 0, 9999) || text[4] != '-' ||
      !digits_in(text, 5, 2, 1, 12) || text[7] != '-' || !digits_in(text, 8, 2, 1, 31) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits_in(text, 11, 2, 0, 23) ||
      text[13] != ':' || !digits_in(text, 14, 2, 0, 59) || text[16] != ':' ||
      !digits_in(text, 17, 2, 0, 60)) {
    return false;
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < text.size() && util::is_ascii_digit(text[pos]))
      ++pos;
    if (pos == start)
      return false;
  }
  const std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z")
    return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits_in(zone, 1, 2, 0, 23) &&
         zone[3] == ':' && digits_in(zone, 4, 2, 0, 59);
}

}  // namespace gator::index

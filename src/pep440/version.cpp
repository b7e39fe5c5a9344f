#include "pep440/version.hpp"

#include "pep440/key_reader.hpp"
#include "pep440/version_codec.hpp"
#include "util/strings.hpp"

namespace gator::pep440 {
namespace detail {

std::uint64_t Num::to_u64() const {
  return digits.empty() ? small : digits_to_u64(digits);
}

Num KeyReader::num() {
  const std::uint8_t lead = take();
  if (lead < 200)
    return Num{static_cast<std::uint64_t>(lead) - 1, {}};
  std::size_t length = 0;
  if (lead == k_long_num) {
    for (int i = 0; i < 8; ++i)
      length = (length << 8) | take();
  } else {
    length = static_cast<std::size_t>(lead) - 200;
  }
  const std::string_view digits = m_data.substr(std::min(m_pos, m_data.size()), length);
  m_pos += length;
  return Num{0, digits};
}

std::string_view KeyReader::text() {
  const std::size_t start = m_pos;
  while (m_pos < m_data.size() && m_data[m_pos] != '\0')
    ++m_pos;
  const std::string_view out = m_data.substr(start, m_pos - start);
  ++m_pos;
  return out;
}

}  // namespace detail

using detail::KeyReader;

std::string_view to_string(PreKind kind) {
  switch (kind) {
    case PreKind::a:
      return "a";
    case PreKind::b:
      return "b";
    case PreKind::rc:
      break;
  }
  return "rc";
}

namespace {

// Appends "E!R.R.R" (epoch only when non-zero) and leaves `reader` after the release.
void append_base(std::string& out, KeyReader& reader, std::uint64_t trailing_zeros) {
  const detail::Num epoch = reader.num();
  if (!epoch.is_zero()) {
    epoch.append_to(out);
    out += '!';
  }
  bool first = true;
  while (reader.peek() != detail::k_end) {
    if (!first)
      out += '.';
    reader.num().append_to(out);
    first = false;
  }
  reader.take();
  for (std::uint64_t i = 0; i < trailing_zeros; ++i) {
    out += first ? "0" : ".0";
    first = false;
  }
}

// Appends pre/post/dev ("rc1.post2.dev3") from a reader positioned after the release.
void append_suffixes(std::string& out, KeyReader& reader) {
  const std::uint8_t pre = reader.take();
  if (pre >= detail::k_pre_a && pre <= detail::k_pre_rc) {
    out += pre == detail::k_pre_a ? "a" : (pre == detail::k_pre_b ? "b" : "rc");
    reader.num().append_to(out);
  }
  if (reader.take() == detail::k_post_some) {
    out += ".post";
    reader.num().append_to(out);
  }
  if (reader.take() == detail::k_dev_some) {
    out += ".dev";
    reader.num().append_to(out);
  }
}

void append_local(std::string& out, KeyReader& reader) {
  if (reader.take() != detail::k_local_some)
    return;
  bool first = true;
  for (std::uint8_t tag = reader.take(); tag != detail::k_end; tag = reader.take()) {
    if (!first)
      out += '.';
    first = false;
    if (tag == detail::k_local_number)
      reader.num().append_to(out);
    else
      out += reader.text();
  }
}

struct Suffixes {
  PreKind pre_kind = PreKind::a;
  std::optional<detail::Num> pre;
  std::optional<detail::Num> post;
  std::optional<detail::Num> dev;
};

[[nodiscard]] Suffixes read_suffixes(std::string_view data) {
  KeyReader reader(data);
  (void)reader.num();
  while (reader.peek() != detail::k_end)
    (void)reader.num();
  reader.take();
  Suffixes out;
  const std::uint8_t pre = reader.take();
  if (pre >= detail::k_pre_a && pre <= detail::k_pre_rc) {
    out.pre_kind =
        pre == detail::k_pre_a ? PreKind::a : (pre == detail::k_pre_b ? PreKind::b : PreKind::rc);
    out.pre = reader.num();
  }
  if (reader.take() == detail::k_post_some)
    out.post = reader.num();
  if (reader.take() == detail::k_dev_some)
    out.dev = reader.num();
  return out;
}

}  // namespace

std::uint64_t Version::release_at(std::size_t index) const {
  KeyReader reader(m_data);
  (void)reader.num();
  for (std::size_t i = 0; reader.peek() != detail::k_end; ++i) {
    const detail::Num component = reader.num();
    if (i == index)
      return component.to_u64();
  }
  return 0;  // beyond the significant components: a trailing zero or absent
}

std::string Version::to_string() const {
  std::string out = public_version();
  KeyReader reader(std::string_view(m_data).substr(m_public_size));
  if (has_local()) {
    out += '+';
    append_local(out, reader);
  }
  return out;
}

std::string Version::public_version() const {
  std::string out;
  KeyReader reader(m_data);
  append_base(out, reader, KeyReader(std::string_view(m_data).substr(m_key_size)).num().to_u64());
  append_suffixes(out, reader);
  return out;
}

std::string Version::base_version() const {
  std::string out;
  KeyReader reader(m_data);
  append_base(out, reader, KeyReader(std::string_view(m_data).substr(m_key_size)).num().to_u64());
  return out;
}

std::uint64_t Version::epoch() const {
  return KeyReader(m_data).num().to_u64();
}

std::vector<std::uint64_t> Version::release() const {
  std::vector<std::uint64_t> out;
  KeyReader reader(m_data);
  (void)reader.num();
  while (reader.peek() != detail::k_end)
    out.push_back(reader.num().to_u64());
  reader.take();
  out.resize(out.size() + KeyReader(std::string_view(m_data).substr(m_key_size)).num().to_u64(), 0);
  return out;
}

std::optional<PreRelease> Version::pre() const {
  const Suffixes suffixes = read_suffixes(m_data);
  if (!suffixes.pre)
    return std::nullopt;
  return PreRelease{suffixes.pre_kind, suffixes.pre->to_u64()};
}

std::optional<std::uint64_t> Version::post() const {
  const Suffixes suffixes = read_suffixes(m_data);
  return suffixes.post ? std::optional(suffixes.post->to_u64()) : std::nullopt;
}

std::optional<std::uint64_t> Version::dev() const {
  const Suffixes suffixes = read_suffixes(m_data);
  return suffixes.dev ? std::optional(suffixes.dev->to_u64()) : std::nullopt;
}

std::optional<std::string> Version::local() const {
  if (!has_local())
    return std::nullopt;
  std::string out;
  KeyReader reader(std::string_view(m_data).substr(m_public_size));
  append_local(out, reader);
  return out;
}

}  // namespace gator::pep440

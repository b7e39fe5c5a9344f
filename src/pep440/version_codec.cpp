#include "pep440/version_codec.hpp"

#include <limits>

#include "pep440/key_reader.hpp"

namespace gator::pep440::detail {
namespace {

constexpr unsigned k_max_small = 198;
constexpr std::size_t k_max_short_digits = 50;

void put_byte(std::string& out, std::uint8_t byte) {
  out.push_back(static_cast<char>(byte));
}

void put_num(std::string& out, std::string_view digits) {
  if (digits.size() <= 3) {
    unsigned value = 0;
    for (const char c : digits)
      value = value * 10 + static_cast<unsigned>(c - '0');
    if (value <= k_max_small) {
      out.push_back(static_cast<char>(value + 1));
      return;
    }
  }
  if (digits.size() <= k_max_short_digits) {
    out.push_back(static_cast<char>(200 + digits.size()));
  } else {
    put_byte(out, k_long_num);
    const std::uint64_t size = digits.size();
    for (int shift = 56; shift >= 0; shift -= 8)
      out.push_back(static_cast<char>((size >> shift) & 0xffu));
  }
  out.append(digits);
}

[[nodiscard]] std::uint8_t pre_slot(PreKind kind) {
  switch (kind) {
    case PreKind::a:
      return k_pre_a;
    case PreKind::b:
      return k_pre_b;
    case PreKind::rc:
      break;
  }
  return k_pre_rc;
}

}  // namespace

std::string canonical_digits(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0')
    digits.remove_prefix(1);
  return digits.empty() ? std::string("0") : std::string(digits);
}

std::string increment_digits(std::string_view digits) {
  std::string out(digits.empty() ? "0" : digits);
  for (std::size_t i = out.size(); i-- > 0;) {
    if (out[i] != '9') {
      ++out[i];
      return out;
    }
    out[i] = '0';
  }
  out.insert(out.begin(), '1');
  return out;
}

std::uint64_t digits_to_u64(std::string_view digits) {
  constexpr std::uint64_t k_max = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t value = 0;
  for (const char c : digits) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (k_max - digit) / 10)
      return k_max;
    value = value * 10 + digit;
  }
  return value;
}

Version VersionCodec::encode(const Components& parts) {
  Version version;
  std::string& out = version.m_data;
  put_num(out, parts.epoch);

  std::size_t significant = parts.release.size();
  while (significant > 0 && parts.release[significant - 1] == "0")
    --significant;
  for (std::size_t i = 0; i < significant; ++i)
    put_num(out, parts.release[i]);
  put_byte(out, k_end);

  std::uint8_t flags = 0;
  if (parts.pre_kind) {
    put_byte(out, pre_slot(*parts.pre_kind));
    put_num(out, parts.pre_number);
    flags |= Version::k_has_pre;
  } else if (!parts.post && parts.dev) {
    put_byte(out, k_pre_dev_only);
  } else {
    put_byte(out, k_pre_none);
  }
  if (parts.post) {
    put_byte(out, k_post_some);
    put_num(out, *parts.post);
    flags |= Version::k_has_post;
  } else {
    put_byte(out, k_post_none);
  }
  if (parts.dev) {
    put_byte(out, k_dev_some);
    put_num(out, *parts.dev);
    flags |= Version::k_has_dev;
  } else {
    put_byte(out, k_dev_none);
  }
  version.m_public_size = static_cast<std::uint32_t>(out.size());

  if (parts.local) {
    put_byte(out, k_local_some);
    for (const LocalPart& part : *parts.local) {
      if (part.numeric) {
        put_byte(out, k_local_number);
        put_num(out, part.text);
      } else {
        put_byte(out, k_local_text);
        out.append(part.text);
        put_byte(out, k_end);
      }
    }
    put_byte(out, k_end);
    flags |= Version::k_has_local;
  } else {
    put_byte(out, k_local_none);
  }
  version.m_key_size = static_cast<std::uint32_t>(out.size());
  put_num(out, std::to_string(parts.release.size() - significant));
  version.m_flags = flags;
  return version;
}

Components VersionCodec::decode(const Version& version) {
  Components parts;
  KeyReader reader(version.m_data);
  parts.epoch = reader.num().str();
  while (reader.peek() != k_end)
    parts.release.push_back(reader.num().str());
  reader.take();
  KeyReader tail(std::string_view(version.m_data).substr(version.m_key_size));
  parts.release.resize(parts.release.size() + tail.num().to_u64(), "0");

  const std::uint8_t pre = reader.take();
  if (pre >= k_pre_a && pre <= k_pre_rc) {
    parts.pre_kind = pre == k_pre_a ? PreKind::a : (pre == k_pre_b ? PreKind::b : PreKind::rc);
    parts.pre_number = reader.num().str();
  }
  if (reader.take() == k_post_some)
    parts.post = reader.num().str();
  if (reader.take() == k_dev_some)
    parts.dev = reader.num().str();
  if (reader.take() == k_local_some) {
    parts.local.emplace();
    for (std::uint8_t tag = reader.take(); tag != k_end; tag = reader.take()) {
      if (tag == k_local_number)
        parts.local->push_back(LocalPart{true, reader.num().str()});
      else
        parts.local->push_back(LocalPart{false, std::string(reader.text())});
    }
  }
  return parts;
}

}  // namespace gator::pep440::detail

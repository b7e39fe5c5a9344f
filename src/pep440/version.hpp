#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/parse_error.hpp"

namespace gator::pep440 {

namespace detail {
struct VersionCodec;
}

// The pre-release phases in PEP 440 order; every spelling (alpha, c, pre, preview, ...) maps to
// one.
enum class PreKind : std::uint8_t { a, b, rc };
[[nodiscard]] std::string_view to_string(PreKind kind);
// Any spelling PEP 440 accepts for a pre-release phase ("alpha", "B", "c", "preview", ...).
[[nodiscard]] std::optional<PreKind> pre_kind_from_spelling(std::string_view spelling);

struct PreRelease {
  PreKind kind = PreKind::a;
  std::uint64_t number = 0;
  friend bool operator==(const PreRelease&, const PreRelease&) = default;
};

// Input of Version::from_parts (packaging's Version.from_parts).
struct VersionParts {
  std::uint64_t epoch = 0;
  std::vector<std::uint64_t> release;  // must not be empty
  std::optional<PreRelease> pre;
  std::optional<std::uint64_t> post;
  std::optional<std::uint64_t> dev;
  std::optional<std::string> local;  // a local label such as "rocm5.7" (any spelling)
};

// A PEP 440 version, parsed and normalized exactly as pypa/packaging does.
//
// Numbers are unbounded, as in Python: ordering, equality and to_string() use the exact digits
// (a component may have thousands of digits). The numeric accessors (epoch(), release(), ...)
// return std::uint64_t and saturate at UINT64_MAX for a component that does not fit; they never
// wrap. Versions whose text is longer than 1 GiB are rejected.
//
// The whole version is stored as one byte string whose prefix is a comparison key: comparing two
// versions is a single memcmp (no decoding, no allocation), which the resolver does millions of
// times. 1.0 == 1.0.0 because trailing zeros are not part of the key.
class Version {
 public:
  [[nodiscard]] static std::expected<Version, util::ParseError> parse(std::string_view text);
  [[nodiscard]] static std::expected<Version, util::ParseError> from_parts(
      const VersionParts& parts);

  // Normalized form, e.g. "1!2.0rc1.post0.dev3+ubuntu.1".
  [[nodiscard]] std::string to_string() const;
  // to_string() without the local label, and the epoch plus release only.
  [[nodiscard]] std::string public_version() const;
  [[nodiscard]] std::string base_version() const;

  [[nodiscard]] std::uint64_t epoch() const;
  [[nodiscard]] std::vector<std::uint64_t> release() const;  // with trailing zeros as written
  [[nodiscard]] std::uint64_t major() const { return release_at(0); }
  [[nodiscard]] std::uint64_t minor() const { return release_at(1); }
  [[nodiscard]] std::uint64_t micro() const { return release_at(2); }
  [[nodiscard]] std::optional<PreRelease> pre() const;
  [[nodiscard]] std::optional<std::uint64_t> post() const;
  [[nodiscard]] std::optional<std::uint64_t> dev() const;
  [[nodiscard]] std::optional<std::string> local() const;  // normalized: "rocm5.7"

  [[nodiscard]] bool is_prerelease() const { return (m_flags & (k_has_pre | k_has_dev)) != 0; }
  [[nodiscard]] bool is_postrelease() const { return (m_flags & k_has_post) != 0; }
  [[nodiscard]] bool is_devrelease() const { return (m_flags & k_has_dev) != 0; }
  [[nodiscard]] bool has_local() const { return (m_flags & k_has_local) != 0; }

  [[nodiscard]] std::size_t hash() const { return std::hash<std::string_view>{}(key()); }

  // The comparison key, and the part of it before the local label (for PEP 440's rules that
  // ignore local labels). Opaque bytes: only meaningful compared with other keys.
  [[nodiscard]] std::string_view key() const {
    return std::string_view(m_data).substr(0, m_key_size);
  }
  [[nodiscard]] std::string_view public_key() const {
    return std::string_view(m_data).substr(0, m_public_size);
  }

  friend std::strong_ordering operator<=>(const Version& a, const Version& b) {
    return a.key().compare(b.key()) <=> 0;
  }
  friend bool operator==(const Version& a, const Version& b) { return a.key() == b.key(); }

 private:
  friend struct detail::VersionCodec;
  static constexpr std::uint8_t k_has_pre = 1;
  static constexpr std::uint8_t k_has_post = 2;
  static constexpr std::uint8_t k_has_dev = 4;
  static constexpr std::uint8_t k_has_local = 8;

  Version() = default;
  [[nodiscard]] std::uint64_t release_at(std::size_t index) const;

  // key bytes, then the count of trailing zero release components (not part of the key).
  std::string m_data;
  std::uint32_t m_key_size = 0;
  std::uint32_t m_public_size = 0;
  std::uint8_t m_flags = 0;
};

}  // namespace gator::pep440

template <>
struct std::hash<gator::pep440::Version> {
  std::size_t operator()(const gator::pep440::Version& version) const noexcept {
    return version.hash();
  }
};

#include "pep440/specifier.hpp"

#include <array>

#include "pep440/match_policy.hpp"
#include "pep440/text.hpp"
#include "pep440/version_codec.hpp"
#include "util/strings.hpp"

namespace gator::pep440 {
namespace {

using detail::Bound;
using detail::Components;
using detail::Range;
using detail::Ranges;
using detail::VersionCodec;

struct OperatorSpelling {
  std::string_view text;
  Operator op;
};

// Longest spelling first, as packaging's pattern tries "===" before "==".
constexpr std::array<OperatorSpelling, 8> k_operators{{{"===", Operator::arbitrary},
                                                       {"~=", Operator::compatible},
                                                       {"==", Operator::equal},
                                                       {"!=", Operator::not_equal},
                                                       {"<=", Operator::less_equal},
                                                       {">=", Operator::greater_equal},
                                                       {"<", Operator::less},
                                                       {">", Operator::greater}}};

[[nodiscard]] Version with_dev0(const Version& version) {
  Components parts = VersionCodec::decode(version);
  parts.dev = "0";
  parts.local.reset();
  return VersionCodec::encode(parts);
}

// The smallest version of the next release prefix: (1, 2) -> 1.3.dev0.
[[nodiscard]] Version next_prefix_dev0(const std::string& epoch, std::vector<std::string> release) {
  Components parts;
  parts.epoch = epoch;
  release.back() = detail::increment_digits(release.back());
  parts.release = std::move(release);
  parts.dev = "0";
  return VersionCodec::encode(parts);
}

[[nodiscard]] Ranges wildcard_ranges(Operator op, const Version& base) {
  const Components parts = VersionCodec::decode(base);
  Components lower_parts;
  lower_parts.epoch = parts.epoch;
  lower_parts.release = parts.release;
  lower_parts.dev = "0";
  const Version lower = VersionCodec::encode(lower_parts);
  const Version upper = next_prefix_dev0(parts.epoch, parts.release);
  if (op == Operator::equal)
    return {Range{detail::at(lower, true), detail::at(upper, false)}};
  return {Range{detail::unbounded(), detail::at(lower, false)},
          Range{detail::at(upper, true), detail::unbounded()}};
}

[[nodiscard]] Ranges standard_ranges(Operator op, const Version& version, bool has_local) {
  switch (op) {
    case Operator::greater_equal:
      return {Range{detail::at(version, true), detail::unbounded()}};
    case Operator::less_equal:
      return {Range{detail::unbounded(), detail::after_locals(version, true)}};
    case Operator::greater: {
      Components parts = VersionCodec::decode(version);
      parts.local.reset();
      if (parts.dev) {
        // >V.devN: the next real version is V.dev(N+1).
        parts.dev = detail::increment_digits(*parts.dev);
        return {Range{detail::at(VersionCodec::encode(parts), true), detail::unbounded()}};
      }
      if (parts.post) {
        // >V.postN: the next real version is V.post(N+1).dev0.
        parts.post = detail::increment_digits(*parts.post);
        parts.dev = "0";
        return {Range{detail::at(VersionCodec::encode(parts), true), detail::unbounded()}};
      }
      // >V excludes V, V+local and the post-releases of V.
      return {Range{detail::after_posts(version, false), detail::unbounded()}};
    }
    case Operator::less: {
      // <V excludes the pre-releases of V unless V is one; V.dev0 is the earliest of them.
      const Version bound = version.is_prerelease() ? version : with_dev0(version);
      static const Version k_min = *Version::parse("0.dev0");
      if (bound <= k_min)
        return {};
      return {Range{detail::unbounded(), detail::at(bound, false)}};
    }
    case Operator::equal:
    case Operator::not_equal: {
      // Without a local label in the specifier, every local label of V matches.
      const Bound upper =
          has_local ? detail::at(version, true) : detail::after_locals(version, true);
      if (op == Operator::equal)
        return {Range{detail::at(version, true), upper}};
      return {Range{detail::unbounded(), detail::at(version, false)},
              Range{detail::flipped(upper), detail::unbounded()}};
    }
    case Operator::compatible: {
      const Components parts = VersionCodec::decode(version);
      std::vector<std::string> prefix(parts.release.begin(), parts.release.end() - 1);
      return {Range{detail::at(version, true),
                    detail::at(next_prefix_dev0(parts.epoch, std::move(prefix)), false)}};
    }
    case Operator::arbitrary:
      break;
  }
  return detail::full_range();
}

// "v?(N!)?N(.N)*", the part of "==V.*" before ".*".
[[nodiscard]] bool is_wildcard_prefix(std::string_view text) {
  std::size_t pos = 0;
  if (pos < text.size() && (text[pos] == 'v' || text[pos] == 'V'))
    ++pos;
  const auto digits = [&] {
    const std::size_t start = pos;
    while (pos < text.size() && util::is_ascii_digit(text[pos]))
      ++pos;
    return pos > start;
  };
  if (!digits())
    return false;
  if (pos < text.size() && text[pos] == '!') {
    ++pos;
    if (!digits())
      return false;
  }
  while (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (!digits())
      return false;
  }
  return pos == text.size();
}

[[nodiscard]] std::unexpected<util::ParseError> error(std::string_view text, std::size_t offset,
                                                      std::size_t length, std::string_view reason) {
  return std::unexpected(
      util::ParseError::at(text, offset, length, "invalid specifier: " + std::string(reason)));
}

}  // namespace

std::string_view to_string(Operator op) {
  for (const OperatorSpelling& spelling : k_operators) {
    if (spelling.op == op)
      return spelling.text;
  }
  return "==";
}

std::expected<Specifier, util::ParseError> Specifier::parse(std::string_view text,
                                                            std::optional<bool> prereleases) {
  const detail::Span span = detail::python_strip(text);
  const std::string_view body = text.substr(span.begin, span.end - span.begin);
  const OperatorSpelling* found = nullptr;
  for (const OperatorSpelling& spelling : k_operators) {
    if (body.starts_with(spelling.text)) {
      found = &spelling;
      break;
    }
  }
  if (found == nullptr)
    return error(text, span.begin, body.empty() ? 0 : 1,
                 "expected an operator (~=, ==, !=, <=, >=, <, >, ===)");

  const std::size_t rest_begin = span.begin + found->text.size();
  const std::string_view rest_raw = text.substr(rest_begin, span.end - rest_begin);
  const detail::Span rest_span = detail::python_strip(rest_raw);
  const std::size_t version_offset = rest_begin + rest_span.begin;
  const std::string_view version_text =
      rest_raw.substr(rest_span.begin, rest_span.end - rest_span.begin);

  Specifier spec;
  spec.m_op = found->op;
  spec.m_version_text = std::string(version_text);
  spec.m_prereleases = prereleases;

  if (spec.m_op == Operator::arbitrary) {
    // Anything but whitespace, ';' and ')' (packaging's escape hatch for odd versions).
    for (std::size_t i = 0; i < version_text.size(); ++i) {
      if (version_text[i] == ';' || version_text[i] == ')' ||
          detail::python_space_at(version_text, i) != 0)
        return error(text, version_offset + i, 1, "unexpected character in an === version");
    }
    if (auto parsed = Version::parse(version_text); parsed && !version_text.empty())
      spec.m_version = std::move(*parsed);
    spec.m_canonical = spec.m_version_text;
    spec.m_ranges = detail::full_range();
    return spec;
  }

  if (version_text.empty())
    return error(text, version_offset, 0, "expected a version after the operator");

  const bool may_wildcard = spec.m_op == Operator::equal || spec.m_op == Operator::not_equal;
  if (may_wildcard && version_text.ends_with(".*")) {
    const std::string_view prefix = version_text.substr(0, version_text.size() - 2);
    if (!is_wildcard_prefix(prefix))
      return error(text, version_offset, version_text.size(),
                   "a wildcard (.*) may only follow a release such as 1.2");
    spec.m_wildcard = true;
    spec.m_version = *Version::parse(prefix);
    spec.m_canonical = spec.m_version_text;
    spec.m_ranges = wildcard_ranges(spec.m_op, *spec.m_version);
    return spec;
  }

  auto parsed = Version::parse(version_text);
  if (!parsed) {
    const util::ParseError& inner = parsed.error();
    return error(text, version_offset + inner.offset, inner.length,
                 inner.message.substr(inner.message.find(':') + 2));
  }
  if (parsed->has_local() && !may_wildcard)
    return error(text, version_offset, version_text.size(),
                 "a local version label is only allowed with == and !=");
  if (spec.m_op == Operator::compatible && parsed->release().size() < 2)
    return error(text, version_offset, version_text.size(),
                 "~= needs at least two release numbers, such as ~=1.4");
  spec.m_version = std::move(*parsed);
  spec.m_canonical = canonicalize_version(*spec.m_version, spec.m_op != Operator::compatible);
  spec.m_ranges = standard_ranges(spec.m_op, *spec.m_version, spec.m_version->has_local());
  return spec;
}

std::string Specifier::to_string() const {
  return std::string(pep440::to_string(m_op)) + m_version_text;
}

std::optional<bool> Specifier::prereleases() const {
  if (m_prereleases)
    return m_prereleases;
  if (m_op == Operator::not_equal || (m_op == Operator::equal && m_wildcard))
    return false;
  if (!m_version)
    return std::nullopt;
  return m_version->is_prerelease();
}

std::optional<bool> Specifier::effective_prereleases(std::optional<bool> requested) const {
  if (requested)
    return requested;
  if (m_prereleases)
    return m_prereleases;
  if (prereleases() == true)
    return true;
  return std::nullopt;
}

std::size_t Specifier::hash() const {
  return std::hash<std::string>{}(m_canonical)*31 + static_cast<std::size_t>(m_op);
}

bool Specifier::contains(const Version& version, std::optional<bool> prereleases) const {
  if (m_op == Operator::arbitrary)
    return contains(MatchItem{{}, &version}, prereleases);
  if (effective_prereleases(prereleases) == false && version.is_prerelease())
    return false;
  return detail::contains(m_ranges, version);
}

bool Specifier::contains(std::string_view text, std::optional<bool> prereleases) const {
  return contains(MatchItem{text, nullptr}, prereleases);
}

bool Specifier::contains(const MatchItem& item, std::optional<bool> prereleases) const {
  const std::array<MatchItem, 1> items{item};
  return !filter(items, prereleases).empty();
}

std::vector<std::size_t> Specifier::filter(std::span<const MatchItem> items,
                                           std::optional<bool> prereleases) const {
  const std::optional<bool> policy = effective_prereleases(prereleases);
  detail::Candidates candidates(items);
  if (m_op == Operator::arbitrary) {
    for (std::size_t i = 0; i < items.size(); ++i)
      if (util::iequals_ascii(candidates.text(i), m_version_text))
        candidates.accept(i);
    return candidates.apply(policy);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Version* version = candidates.version(i);
    if (version != nullptr && detail::contains(m_ranges, *version))
      candidates.accept(i);
  }
  return candidates.apply(policy);
}

std::string canonicalize_version(std::string_view text, bool strip_trailing_zero) {
  const auto version = Version::parse(text);
  return version ? canonicalize_version(*version, strip_trailing_zero) : std::string(text);
}

std::string canonicalize_version(const Version& version, bool strip_trailing_zero) {
  if (!strip_trailing_zero)
    return version.to_string();
  Components parts = VersionCodec::decode(version);
  while (parts.release.size() > 1 && parts.release.back() == "0")
    parts.release.pop_back();
  return VersionCodec::encode(parts).to_string();
}

}  // namespace gator::pep440

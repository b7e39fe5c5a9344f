#include "metadata/wheel_file.hpp"

#include "metadata/field_helpers.hpp"
#include "util/strings.hpp"

namespace gator::metadata {
namespace {

using util::ParseError;

[[nodiscard]] ParseError field_error(std::string_view text, const HeaderField& field,
                                     std::string message) {
  const std::size_t length = field.end_offset - field.value_offset;
  return ParseError::at(text, field.value_offset, length == 0 ? 1 : length, std::move(message));
}

// A tag as WHEEL lists it: "interpreter-abi-platform", each part non-empty, no blanks.
[[nodiscard]] bool is_tag(std::string_view tag) {
  const std::vector<std::string_view> parts = util::split(tag, '-');
  if (parts.size() != 3)
    return false;
  for (const std::string_view part : parts) {
    if (part.empty())
      return false;
    for (const char c : part) {
      if (util::is_ascii_space(c) || static_cast<unsigned char>(c) < 0x20)
        return false;
    }
  }
  return true;
}

}  // namespace

std::expected<WheelVersion, ParseError> parse_wheel_version(std::string_view text) {
  const auto parts = detail::parse_major_minor(text);
  if (!parts) {
    return std::unexpected(ParseError::at(
        text, 0, text.size(),
        "invalid Wheel-Version `" + std::string(text) + "` (expected MAJOR.MINOR, e.g. 1.0)"));
  }
  const WheelVersion version{parts->first, parts->second};
  if (version.major != k_supported_wheel_version.major) {
    return std::unexpected(ParseError::at(
        text, 0, text.size(),
        "incompatible Wheel-Version " + std::string(text) + ": this installer supports " +
            std::to_string(k_supported_wheel_version.major) + ".x wheels only"));
  }
  return version;
}

std::expected<WheelFile, ParseError> parse_wheel_file(std::string_view text) {
  auto block = read_headers(text);
  if (!block)
    return std::unexpected(std::move(block.error()));
  WheelFile wheel;
  const HeaderField* version_field = nullptr;
  const HeaderField* seen_generator = nullptr;
  const HeaderField* seen_purelib = nullptr;
  const HeaderField* seen_build = nullptr;
  const auto once = [&](const HeaderField*& seen,
                        const HeaderField& field) -> std::expected<void, ParseError> {
    if (seen != nullptr) {
      return std::unexpected(ParseError::at(text, field.offset, field.name.size(),
                                            "field " + field.name + " given more than once"));
    }
    seen = &field;
    return {};
  };
  for (const HeaderField& field : block->fields) {
    const std::string value = unfold_field_value(field.value);
    const std::string key = util::ascii_lower(field.name);
    if (key == "wheel-version") {
      if (auto ok = once(version_field, field); !ok)
        return std::unexpected(ok.error());
      auto version = parse_wheel_version(value);
      if (!version) {
        return std::unexpected(
            detail::rebase_error(version.error(), text, field.value_offset, value.size(), "WHEEL"));
      }
      wheel.wheel_version = *version;
    } else if (key == "generator") {
      if (auto ok = once(seen_generator, field); !ok)
        return std::unexpected(ok.error());
      wheel.generator = value;
    } else if (key == "root-is-purelib") {
      if (auto ok = once(seen_purelib, field); !ok)
        return std::unexpected(ok.error());
      if (util::iequals_ascii(value, "true")) {
        wheel.root_is_purelib = true;
      } else if (util::iequals_ascii(value, "false")) {
        wheel.root_is_purelib = false;
      } else {
        return std::unexpected(field_error(
            text, field, "invalid Root-Is-Purelib `" + value + "` (expected true or false)"));
      }
    } else if (key == "tag") {
      if (!is_tag(value)) {
        return std::unexpected(field_error(
            text, field, "invalid Tag `" + value + "` (expected interpreter-abi-platform)"));
      }
      wheel.tags.push_back(value);
    } else if (key == "build") {
      if (auto ok = once(seen_build, field); !ok)
        return std::unexpected(ok.error());
      if (value.empty() || !util::is_ascii_digit(value.front())) {
        return std::unexpected(
            field_error(text, field, "invalid Build `" + value + "` (must start with a digit)"));
      }
      wheel.build = value;
    } else {
      wheel.other_fields.push_back(RawField{field.name, value});
    }
  }
  if (version_field == nullptr) {
    return std::unexpected(
        ParseError::at(text, 0, 0, "WHEEL has no Wheel-Version field (required)"));
  }
  return wheel;
}

std::string write_wheel_file(const WheelFile& wheel) {
  std::string out;
  detail::append_field(
      out, "Wheel-Version",
      std::to_string(wheel.wheel_version.major) + "." + std::to_string(wheel.wheel_version.minor));
  if (wheel.generator)
    detail::append_field(out, "Generator", *wheel.generator);
  if (wheel.root_is_purelib)
    detail::append_field(out, "Root-Is-Purelib", *wheel.root_is_purelib ? "true" : "false");
  for (const std::string& tag : wheel.tags)
    detail::append_field(out, "Tag", tag);
  if (wheel.build)
    detail::append_field(out, "Build", *wheel.build);
  for (const RawField& field : wheel.other_fields)
    detail::append_field(out, field.name, field.value);
  return out;
}

}  // namespace gator::metadata

#pragma once

#include <string_view>

// The ✓/⚠/✗ marks of `status` and `verify`, with a plain ASCII form for terminals that are not
// UTF-8 (and for logs read by tools that are not).
namespace gator::provision {

enum class Symbols { unicode, ascii };
enum class Mark { ok, warn, fail };

[[nodiscard]] constexpr std::string_view mark_text(Mark mark, Symbols symbols) {
  const bool unicode = symbols == Symbols::unicode;
  switch (mark) {
    case Mark::ok:
      return unicode ? "\u2713" : "ok";
    case Mark::warn:
      return unicode ? "\u26a0" : "warn";
    case Mark::fail:
      return unicode ? "\u2717" : "FAIL";
  }
  return "?";
}

[[nodiscard]] constexpr std::string_view to_string(Mark mark) {
  switch (mark) {
    case Mark::ok:
      return "ok";
    case Mark::warn:
      return "warn";
    case Mark::fail:
      return "fail";
  }
  return "?";
}

}  // namespace gator::provision

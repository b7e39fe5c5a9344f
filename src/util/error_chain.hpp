#pragma once

#include <string>

#include "util/error.hpp"

namespace gator {

// A new error of the same kind that says what was being done: `message` first, then the inner
// error's message and causes as "caused by" lines, and its hints.
[[nodiscard]] Error wrap(const Error& inner, std::string message);

}  // namespace gator

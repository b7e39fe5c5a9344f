#pragma once

#include <string>
#include <string_view>

// The INSTALLER file of an installed project's .dist-info (recording installed projects spec):
// one line naming the tool that installed it, informational only.
namespace gator::metadata {

// The first line, trimmed; "" for an empty file. Never fails: the value is only shown to users.
[[nodiscard]] std::string read_installer_file(std::string_view text);

// "<name>\n"; line breaks in `name` become spaces so the file stays one line.
[[nodiscard]] std::string write_installer_file(std::string_view name);

}  // namespace gator::metadata

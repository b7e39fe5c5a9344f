#include "wheel/scripts.hpp"

#include "util/strings.hpp"

namespace gator::wheel {
namespace {

constexpr std::string_view k_python_prefix = "#!python";
// Linux refuses longer shebang lines (BINPRM_BUF_SIZE was 128 until 5.1).
constexpr std::size_t k_max_shebang = 127;

[[nodiscard]] bool is_shell_safe(char c) {
  return util::is_ascii_alnum(c) || c == '@' || c == '%' || c == '+' || c == '=' || c == ':' ||
         c == ',' || c == '.' || c == '/' || c == '-' || c == '_';
}

}  // namespace

std::optional<LauncherKind> launcher_kind_from_name(std::string_view name) {
  if (name == "posix")
    return LauncherKind::posix;
  return std::nullopt;
}

std::optional<metadata::ScriptKind> script_kind_from_section(std::string_view name) {
  if (name == "console")
    return metadata::ScriptKind::console;
  if (name == "gui")
    return metadata::ScriptKind::gui;
  return std::nullopt;
}

std::string shell_quote(std::string_view text) {
  if (text.empty())
    return "''";
  bool safe = true;
  for (const char c : text)
    safe = safe && is_shell_safe(c);
  if (safe)
    return std::string(text);
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\"'\"'";
    else
      out += c;
  }
  out += '\'';
  return out;
}

std::string build_shebang(std::string_view python) {
  const bool simple =
      python.find(' ') == std::string_view::npos && python.size() + 3 <= k_max_shebang;
  if (simple)
    return "#!" + std::string(python);
  // sh runs the second line (''' is an empty string next to 'exec'); Python sees a string.
  return "#!/bin/sh\n'''exec' " + shell_quote(python) + " \"$0\" \"$@\"\n' '''";
}

std::optional<std::string> rewrite_shebang(std::string_view content, std::string_view python) {
  if (!content.starts_with(k_python_prefix))
    return std::nullopt;
  const std::size_t newline = content.find('\n');
  const std::string_view rest =
      newline == std::string_view::npos ? std::string_view() : content.substr(newline + 1);
  std::string out = build_shebang(python);
  out += '\n';
  out += rest;
  return out;
}

std::string script_text(const metadata::Script& script, std::string_view python) {
  const std::string_view attribute = script.attribute;
  const std::string_view import_name = attribute.substr(0, attribute.find('.'));
  std::string out = build_shebang(python);
  out += "\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom ";
  out += script.module;
  out += " import ";
  out += import_name;
  out +=
      "\nif __name__ == '__main__':\n"
      "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
      "    sys.exit(";
  out += attribute;
  out += "())\n";
  return out;
}

}  // namespace gator::wheel

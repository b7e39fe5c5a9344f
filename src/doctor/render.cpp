#include <nlohmann/json.hpp>

#include "doctor/doctor.hpp"

namespace gator::doctor {
namespace {

const char* symbol(Status status, Symbols symbols) {
  const bool unicode = symbols == Symbols::unicode;
  switch (status) {
    case Status::ok:
      return unicode ? "\u2713" : "[ok]  ";
    case Status::warn:
      return unicode ? "\u26a0" : "[warn]";
    case Status::fail:
      return unicode ? "\u2717" : "[FAIL]";
  }
  return "?";
}

const char* color_code(Status status) {
  switch (status) {
    case Status::ok:
      return "\x1b[32m";
    case Status::warn:
      return "\x1b[33m";
    case Status::fail:
      return "\x1b[31m";
  }
  return "";
}

}  // namespace

std::string render_text(const std::vector<Check>& checks, Symbols symbols, Color color) {
  std::string out;
  std::size_t counts[3] = {0, 0, 0};
  for (const Check& check : checks) {
    ++counts[static_cast<int>(check.status)];
    const bool colored = color == Color::yes;
    if (colored)
      out += color_code(check.status);
    out += symbol(check.status, symbols);
    if (colored)
      out += "\x1b[0m";
    out += " " + check.title + ": " + check.found + " (expected " + check.expected + ")\n";
    if (!check.remedy.empty())
      out += "    fix: " + check.remedy + "\n";
  }
  out += "doctor: " + std::to_string(counts[0]) + " passed, " + std::to_string(counts[1]) +
         (counts[1] == 1 ? " warning, " : " warnings, ") + std::to_string(counts[2]) + " failed\n";
  return out;
}

std::string render_json(const std::string& profile, const std::vector<Check>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const Check& check : checks) {
    list.push_back({{"id", check.id},
                    {"title", check.title},
                    {"status", to_string(check.status)},
                    {"expected", check.expected},
                    {"found", check.found},
                    {"remedy", check.remedy}});
  }
  return nlohmann::json{{"profile", profile}, {"passed", all_passed(checks)}, {"checks", list}}
             .dump(2) +
         "\n";
}

}  // namespace gator::doctor

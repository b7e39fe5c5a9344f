#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "provision/status.hpp"
#include "util/source_text.hpp"
#include "util/strings.hpp"

namespace gator::provision {
namespace {

constexpr std::size_t k_columns = 6;
using Cells = std::array<std::string, k_columns>;

std::string required_cell(const PackageStatus& row) {
  std::vector<std::string> specifiers;
  for (const Required& required : row.required) {
    if (required.applies)
      specifiers.push_back(required.specifier.empty() ? "any" : required.specifier);
  }
  return specifiers.empty() ? "-" : util::join(specifiers, "; ");
}

Cells cells_of(const PackageStatus& row, Symbols symbols) {
  return {std::string(mark_text(row.state, symbols)),
          row.name,
          required_cell(row),
          row.locked.value_or("-"),
          row.installed.empty() ? "-" : util::join(row.installed, ", "),
          row.note};
}

// Cells padded to their column's width in code points; no trailing blanks.
void append_line(std::string& out, const Cells& cells,
                 const std::array<std::size_t, k_columns>& widths) {
  std::string line;
  for (std::size_t column = 0; column < k_columns; ++column) {
    line += cells[column];
    if (column + 1 < k_columns)
      line += std::string(widths[column] - util::code_points(cells[column]) + 2, ' ');
  }
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
  out += line + "\n";
}

nlohmann::json text_or_null(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

}  // namespace

std::string render_status_text(const std::vector<PackageStatus>& rows, Symbols symbols) {
  std::vector<Cells> table;
  table.push_back({"", "package", "required", "locked", "installed", ""});
  std::array<std::size_t, 3> counts{0, 0, 0};
  for (const PackageStatus& row : rows) {
    table.push_back(cells_of(row, symbols));
    ++counts[static_cast<std::size_t>(row.state)];
  }
  std::array<std::size_t, k_columns> widths{};
  for (const Cells& cells : table) {
    for (std::size_t column = 0; column < k_columns; ++column)
      widths[column] = std::max(widths[column], util::code_points(cells[column]));
  }
  std::string out;
  for (const Cells& cells : table)
    append_line(out, cells, widths);
  out += "status: " + std::to_string(counts[0]) + " ok, " + std::to_string(counts[1]) +
         (counts[1] == 1 ? " warning, " : " warnings, ") + std::to_string(counts[2]) + " failed\n";
  return out;
}

std::string render_status_json(const std::string& profile, const std::vector<PackageStatus>& rows) {
  nlohmann::json packages = nlohmann::json::array();
  std::array<std::size_t, 3> counts{0, 0, 0};
  for (const PackageStatus& row : rows) {
    ++counts[static_cast<std::size_t>(row.state)];
    nlohmann::json required = nlohmann::json::array();
    for (const Required& item : row.required)
      required.push_back({{"requirement", item.requirement},
                          {"specifier", item.specifier},
                          {"origin", item.origin},
                          {"applies", item.applies}});
    packages.push_back(
        {{"name", row.name},
         {"state", std::string(to_string(row.state))},
         {"required", required},
         {"locked", text_or_null(row.locked)},
         {"installed", row.installed.empty() ? nlohmann::json(nullptr)
                                             : nlohmann::json(util::join(row.installed, ", "))},
         {"note", row.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.note)}});
  }
  const nlohmann::json document{
      {"profile", profile},
      {"ok", counts[2] == 0},
      {"counts", {{"ok", counts[0]}, {"warn", counts[1]}, {"fail", counts[2]}}},
      {"packages", packages}};
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace gator::provision

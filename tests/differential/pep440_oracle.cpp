// Reads one hex-encoded string per line on stdin and prints, for each, "V <normalized>" or "X"
// (not a version), then "ORDER" and the indices of the valid ones in ascending version order,
// joined by " < " or " = ". With --specifiers, each line is a specifier instead and the output
// is "S <str> <prereleases: T/F/N>" or "X". Driven by pep440_differential.py.
#include <algorithm>
#include <cstddef>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/specifier.hpp"
#include "pep440/version.hpp"

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

std::optional<std::string> decode_hex(const std::string& line) {
  if (line.size() % 2 != 0)
    return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < line.size(); i += 2) {
    const int high = hex_value(line[i]);
    const int low = hex_value(line[i + 1]);
    if (high < 0 || low < 0)
      return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

int specifiers() {
  std::string line;
  while (std::getline(std::cin, line)) {
    const auto text = decode_hex(line);
    if (!text)
      return 2;
    const auto spec = gator::pep440::Specifier::parse(*text);
    if (!spec) {
      std::cout << "X\n";
      continue;
    }
    const auto prereleases = spec->prereleases();
    std::cout << "S " << spec->to_string() << " "
              << (!prereleases   ? 'N'
                  : *prereleases ? 'T'
                                 : 'F')
              << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using gator::pep440::Version;
  if (argc > 1 && std::string_view(argv[1]) == "--specifiers")
    return specifiers();
  std::vector<std::pair<std::size_t, Version>> valid;
  std::string line;
  std::size_t index = 0;
  while (std::getline(std::cin, line)) {
    const auto text = decode_hex(line);
    if (!text) {
      std::cerr << "pep440_oracle: bad hex on line " << index + 1 << "\n";
      return 2;
    }
    const auto version = Version::parse(*text);
    if (version) {
      std::cout << "V " << version->to_string() << "\n";
      valid.emplace_back(index, *version);
    } else {
      std::cout << "X\n";
    }
    ++index;
  }
  std::stable_sort(valid.begin(), valid.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  std::cout << "ORDER\n";
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if (i > 0)
      std::cout << (valid[i - 1].second == valid[i].second ? " = " : " < ");
    std::cout << valid[i].first;
  }
  std::cout << "\n";
  return 0;
}

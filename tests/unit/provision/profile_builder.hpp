#pragma once

#include <string>
#include <vector>

#include "profile/load.hpp"

// Profile texts for the provision tests, with the line of each requirement known.
namespace gator::provision::testing {

struct ProfileSpec {
  std::string python = "3.11";
  // [target] lines; empty: no [target] table (the running machine).
  std::string target = "platform = \"linux\"\narch = \"x86_64\"\nglibc = \"2.31\"\n";
  std::string pytorch_url = "https://download.pytorch.org/whl/rocm5.7";
  std::string pypi_url = "https://pypi.org/simple";
  std::vector<std::string> packages = {"numpy"};
  std::string sources =
      "torch = \"pytorch\", torchvision = \"pytorch\", "
      "pytorch-triton-rocm = \"pytorch\"";
};

// The line of packages[i] in the text: one requirement per line after `packages = [`.
inline constexpr std::size_t k_first_package_line = 19;

[[nodiscard]] inline std::string profile_text(const ProfileSpec& spec) {
  std::string text =
      "schema-version = 1\n"  // 1
      "[profile]\n"           // 2
      "name = \"x\"\n"        // 3
      "[hardware]\n"          // 4
      "vendor = \"cpu\"\n"    // 5
      "[python]\n"            // 6
      "version = \"" +
      spec.python +
      "\"\n"                                  // 7
      "# [target] comes last, so that the\n"  // 8
      "# requirement lines stay put\n"        // 9
      "[[index]]\n"                           // 10
      "name = \"pytorch\"\n"                  // 11
      "url = \"" +
      spec.pytorch_url +
      "\"\n"               // 12
      "explicit = true\n"  // 13
      "[[index]]\n"        // 14
      "name = \"pypi\"\n"  // 15
      "url = \"" +
      spec.pypi_url +
      "\"\n"              // 16
      "[requirements]\n"  // 17
      "packages = [\n";   // 18
  for (const std::string& package : spec.packages)
    text += "  \"" + package + "\",\n";  // 19...
  text += "]\nsources = { " + spec.sources + " }\n";
  if (!spec.target.empty())
    text += "[target]\n" + spec.target;
  return text;
}

[[nodiscard]] inline profile::Profile make_profile(const ProfileSpec& spec) {
  return profile::parse_profile(profile_text(spec), "profiles/x.toml", profile::SearchPaths{});
}

}  // namespace gator::provision::testing

#include "profile/profile.hpp"

namespace gator::profile {

std::string Origin::to_string() const {
  return is_default() ? std::string("default") : file + ":" + std::to_string(line);
}

const char* to_string(Vendor vendor) {
  switch (vendor) {
    case Vendor::amd:
      return "amd";
    case Vendor::nvidia:
      return "nvidia";
    case Vendor::cpu:
      return "cpu";
  }
  return "cpu";
}

const char* to_string(TargetArch arch) {
  switch (arch) {
    case TargetArch::x86_64:
      return "x86_64";
    case TargetArch::aarch64:
      return "aarch64";
  }
  return "x86_64";
}

std::string GlibcVersion::to_string() const {
  return std::to_string(major) + "." + std::to_string(minor);
}

const Index* Profile::find_index(std::string_view index_name) const {
  for (const Index& index : indexes)
    if (index.name.value == index_name)
      return &index;
  return nullptr;
}

const Index* Profile::pinned_index(const pep508::PackageName& project) const {
  const auto found = requirements.sources.find(project);
  return found == requirements.sources.end() ? nullptr : find_index(found->second.value);
}

}  // namespace gator::profile

#include "hardware/kfd.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "util/strings.hpp"

namespace gator::hardware {
namespace {

// Sysfs attributes are one page; anything much larger is not a properties file.
constexpr std::size_t k_max_properties_bytes = 64 * 1024;
// No GPU generation has needed more than two decimal digits yet; more means a corrupt value.
constexpr std::uint32_t k_max_gfx_major = 99;

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || util::is_ascii_digit(c) || c == '_';
}

std::optional<std::uint64_t> parse_decimal(std::string_view text, bool& overflow) {
  overflow = false;
  if (text.empty()) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    if (!util::is_ascii_digit(c)) {
      return std::nullopt;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      overflow = true;
      return std::nullopt;
    }
    value = value * 10 + digit;
  }
  return value;
}

std::string key_text(std::string_view key) {
  return '"' + std::string(key) + '"';
}

DetectError file_error(const std::string& path, std::size_t line, std::string message) {
  return DetectError{path, line, std::move(message)};
}

// Looks up a key that every node must have.
std::expected<KfdProperties::Entry, DetectError> required(const KfdProperties& properties,
                                                          std::string_view key,
                                                          const std::string& path) {
  if (const KfdProperties::Entry* entry = properties.find(key)) {
    return *entry;
  }
  return std::unexpected(file_error(path, 0, "missing key " + key_text(key)));
}

std::expected<std::uint16_t, DetectError> pci_id(const KfdProperties& properties,
                                                 std::string_view key, const std::string& path) {
  auto entry = required(properties, key, path);
  if (!entry) {
    return std::unexpected(entry.error());
  }
  if (entry->value > 0xffff) {
    return std::unexpected(file_error(path, entry->line,
                                      "value " + std::to_string(entry->value) + " for key " +
                                          key_text(key) + " is not a 16-bit PCI id"));
  }
  return static_cast<std::uint16_t>(entry->value);
}

std::expected<std::optional<GpuAgent>, DetectError> read_node(const Sysroot& sysroot,
                                                              std::uint32_t node) {
  const std::string node_dir = std::string(k_kfd_nodes_dir) + '/' + std::to_string(node);
  const std::string path = sysroot.display(node_dir + "/properties");
  const auto text = sysroot.read(node_dir + "/properties", k_max_properties_bytes);
  if (!text) {
    if (is_absent(text.error())) {
      return std::unexpected(file_error(path, 0, "missing: every topology node has one"));
    }
    return std::unexpected(file_error(path, 0, "cannot read: " + text.error().message()));
  }
  const auto properties = parse_kfd_properties(*text);
  if (!properties) {
    return std::unexpected(file_error(path, properties.error().line, properties.error().message));
  }
  const auto simd_count = required(*properties, "simd_count", path);
  if (!simd_count) {
    return std::unexpected(simd_count.error());
  }
  if (simd_count->value == 0) {
    return std::optional<GpuAgent>();  // a CPU node
  }

  GpuAgent agent;
  agent.node = node;
  agent.properties = path;
  agent.simd_count = simd_count->value;
  const auto version = required(*properties, "gfx_target_version", path);
  if (!version) {
    return std::unexpected(version.error());
  }
  agent.gfx_target_version = version->value;
  if (version->value == 0) {
    return std::unexpected(file_error(path, version->line,
                                      "gfx_target_version is 0 on a GPU node (simd_count " +
                                          std::to_string(agent.simd_count) + ")"));
  }
  const auto target = decode_gfx_target_version(version->value);
  if (!target) {
    return std::unexpected(file_error(path, version->line,
                                      "gfx_target_version " + std::to_string(version->value) +
                                          " cannot be decoded: " + target.error()));
  }
  agent.target = *target;
  agent.arch = target->name();

  const auto vendor = pci_id(*properties, "vendor_id", path);
  if (!vendor) {
    return std::unexpected(vendor.error());
  }
  const auto device = pci_id(*properties, "device_id", path);
  if (!device) {
    return std::unexpected(device.error());
  }
  agent.vendor_id = *vendor;
  agent.device_id = *device;

  if (const KfdProperties::Entry* minor = properties->find("drm_render_minor")) {
    if (minor->value > std::numeric_limits<std::uint32_t>::max()) {
      return std::unexpected(file_error(path, minor->line,
                                        "value " + std::to_string(minor->value) +
                                            " for key \"drm_render_minor\" " + "is out of range"));
    }
    agent.drm_render_minor = static_cast<std::uint32_t>(minor->value);
  }

  // The name is informative only ("vega10"); an unreadable one is left empty.
  if (const auto name = sysroot.read(node_dir + "/name", k_max_properties_bytes)) {
    agent.name = std::string(util::trim_ascii(*name));
  }
  return std::optional<GpuAgent>(std::move(agent));
}

}  // namespace

std::string GfxTarget::name() const {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "gfx" + std::to_string(major);
  out += k_hex[minor & 0xf];
  out += k_hex[stepping & 0xf];
  return out;
}

std::expected<GfxTarget, std::string> decode_gfx_target_version(std::uint64_t value) {
  const std::uint64_t major = value / 10000;
  const std::uint64_t minor = (value / 100) % 100;
  const std::uint64_t stepping = value % 100;
  if (major == 0) {
    return std::unexpected("major version 0 is not a GPU generation");
  }
  if (major > k_max_gfx_major) {
    return std::unexpected("major version " + std::to_string(major) + " is out of range");
  }
  if (minor > 15) {
    return std::unexpected("minor version " + std::to_string(minor) +
                           " does not fit one hex digit");
  }
  if (stepping > 15) {
    return std::unexpected("stepping " + std::to_string(stepping) + " does not fit one hex digit");
  }
  return GfxTarget{static_cast<std::uint32_t>(major), static_cast<std::uint32_t>(minor),
                   static_cast<std::uint32_t>(stepping)};
}

const KfdProperties::Entry* KfdProperties::find(std::string_view key) const {
  const auto it = entries.find(key);
  return it == entries.end() ? nullptr : &it->second;
}

std::expected<KfdProperties, PropertiesError> parse_kfd_properties(std::string_view text) {
  KfdProperties out;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    ++line_number;

    const std::string_view line = util::trim_ascii(raw);
    if (line.empty()) {
      continue;
    }
    const auto space = std::find_if(line.begin(), line.end(), util::is_ascii_space);
    const std::string_view key = line.substr(0, static_cast<std::size_t>(space - line.begin()));
    const std::string_view value = util::trim_ascii(line.substr(key.size()));
    if (value.empty() || std::any_of(value.begin(), value.end(), util::is_ascii_space)) {
      return std::unexpected(PropertiesError{
          line_number, "malformed line " + quote(raw) + ": expected \"<key> <value>\""});
    }
    if (!std::all_of(key.begin(), key.end(), is_key_char)) {
      return std::unexpected(PropertiesError{
          line_number,
          "invalid key " + quote(key) + ": expected lower-case letters, digits and '_'"});
    }
    bool overflow = false;
    const std::optional<std::uint64_t> number = parse_decimal(value, overflow);
    if (!number) {
      return std::unexpected(PropertiesError{
          line_number,
          overflow ? "value " + quote(value) + " for key " + key_text(key) + " is out of range"
                   : "invalid value " + quote(value) + " for key " + key_text(key) +
                         ": expected a decimal number"});
    }
    const auto [it, inserted] =
        out.entries.try_emplace(std::string(key), KfdProperties::Entry{*number, line_number});
    if (!inserted) {
      return std::unexpected(
          PropertiesError{line_number, "duplicate key " + key_text(key) + " (first on line " +
                                           std::to_string(it->second.line) + ")"});
    }
  }
  return out;
}

std::expected<KfdTopology, DetectError> read_kfd_topology(const Sysroot& sysroot) {
  KfdTopology out;
  const auto entries = sysroot.list(k_kfd_nodes_dir);
  if (!entries) {
    if (is_absent(entries.error())) {
      return out;
    }
    return std::unexpected(file_error(sysroot.display(k_kfd_nodes_dir), 0,
                                      "cannot list: " + entries.error().message()));
  }
  out.present = true;
  std::vector<std::uint32_t> nodes;
  for (const std::string& entry : *entries) {
    bool overflow = false;
    const std::optional<std::uint64_t> node = parse_decimal(entry, overflow);
    if (!node || *node > std::numeric_limits<std::uint32_t>::max()) {
      return std::unexpected(
          file_error(sysroot.display(k_kfd_nodes_dir), 0,
                     "unexpected entry " + quote(entry) + ": expected a node number"));
    }
    nodes.push_back(static_cast<std::uint32_t>(*node));
  }
  std::sort(nodes.begin(), nodes.end());
  for (const std::uint32_t node : nodes) {
    auto agent = read_node(sysroot, node);
    if (!agent) {
      return std::unexpected(std::move(agent.error()));
    }
    if (*agent) {
      out.gpus.push_back(std::move(**agent));
    } else {
      ++out.cpu_nodes;
    }
  }
  return out;
}

}  // namespace gator::hardware

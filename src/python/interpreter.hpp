#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep508/environment.hpp"
#include "tags/target.hpp"

namespace gator::python {

// What one run of the query script learned about an interpreter.
struct InterpreterInfo {
  std::filesystem::path executable;  // sys.executable: the real interpreter behind shims/links
  pep508::InterpreterVersion version;
  pep508::MarkerEnvironment markers;  // every PEP 508 string variable
  std::filesystem::path prefix;
  std::filesystem::path base_prefix;
  std::map<std::string, std::string> paths;  // sysconfig.get_paths(): purelib, scripts, ...
  std::optional<std::string> glibc;          // "2.36"; absent on musl or non-Linux
  std::string soabi;                         // "cpython-311-x86_64-linux-gnu"
  std::string ext_suffix;                    // ".cpython-311-x86_64-linux-gnu.so"
  bool free_threaded = false;
  bool debug_build = false;
  // sys_tags() from a packaging the interpreter can import, for cross-checking our tags
  // module; empty when none is importable.
  std::vector<std::string> reported_tags;
  std::string reported_tags_source;  // "packaging 23.0", "pip._vendor.packaging 21.3"

  // A virtualenv's interpreter cannot be the base of a new venv.
  [[nodiscard]] bool is_virtualenv() const { return prefix != base_prefix; }
};

// The script run as `python -I -c SCRIPT`; it prints one JSON object.
[[nodiscard]] std::string_view query_script();

// Parses the script's output; the error says which field is missing or malformed.
[[nodiscard]] std::expected<InterpreterInfo, std::string> parse_query_output(std::string_view json);

// The JSON form parse_query_output reads, used for the on-disk cache.
[[nodiscard]] std::string to_json(const InterpreterInfo& info);

// The tags-module description of this interpreter and its machine.
[[nodiscard]] tags::Target tag_target(const InterpreterInfo& info);

}  // namespace gator::python

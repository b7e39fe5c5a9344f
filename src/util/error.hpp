#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gator {

// Each kind maps to one documented exit code (README.md, `gator-provision --help`).
enum class ErrorKind {
  usage,            // bad command line
  invalid_input,    // malformed profile, lockfile, requirement, ...
  check_failed,     // doctor found a problem, lock is stale, verify found drift
  resolution,       // the requirements cannot be satisfied
  network,          // an index or file could not be fetched
  integrity,        // a hash or size does not match the lock
  io,               // the local filesystem refused an operation
  not_implemented,  // a command this build does not provide yet
  interrupted,      // SIGINT/SIGTERM
  internal,         // a bug: an invariant did not hold
};

[[nodiscard]] int exit_code(ErrorKind kind);
[[nodiscard]] const char* to_string(ErrorKind kind);

// Where in a file the offending value is; `line_text` is shown with a caret under `column`.
struct SourceLocation {
  std::string file;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based
  std::string line_text;
  std::size_t span = 1;
};

// The one exception type thrown by I/O and orchestration code; only main() catches it.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message);

  Error& at(SourceLocation location);
  Error& caused_by(std::string detail);
  Error& hint(std::string text);

  [[nodiscard]] ErrorKind kind() const { return m_kind; }
  [[nodiscard]] const std::optional<SourceLocation>& location() const { return m_location; }
  [[nodiscard]] const std::vector<std::string>& causes() const { return m_causes; }
  [[nodiscard]] const std::vector<std::string>& hints() const { return m_hints; }

  // Compiler-style text: "file:line:col: error: message", the source line with a caret, the
  // "caused by" chain and hints; without a location it starts with "<program>: error: ".
  [[nodiscard]] std::string render(const std::string& program) const;

 private:
  ErrorKind m_kind;
  std::optional<SourceLocation> m_location;
  std::vector<std::string> m_causes;
  std::vector<std::string> m_hints;
};

}  // namespace gator

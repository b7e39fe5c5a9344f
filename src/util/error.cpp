#include "util/error.hpp"

#include <algorithm>
#include <string>

#include "util/error_chain.hpp"

namespace gator {

int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage:
      return 2;
    case ErrorKind::invalid_input:
      return 3;
    case ErrorKind::check_failed:
      return 4;
    case ErrorKind::resolution:
      return 5;
    case ErrorKind::network:
      return 6;
    case ErrorKind::integrity:
      return 7;
    case ErrorKind::io:
      return 8;
    case ErrorKind::not_implemented:
      return 9;
    case ErrorKind::interrupted:
      return 130;
    case ErrorKind::internal:
      return 70;
  }
  return 70;
}

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage:
      return "usage";
    case ErrorKind::invalid_input:
      return "invalid-input";
    case ErrorKind::check_failed:
      return "check-failed";
    case ErrorKind::resolution:
      return "resolution";
    case ErrorKind::network:
      return "network";
    case ErrorKind::integrity:
      return "integrity";
    case ErrorKind::io:
      return "io";
    case ErrorKind::not_implemented:
      return "not-implemented";
    case ErrorKind::interrupted:
      return "interrupted";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

Error::Error(ErrorKind kind, std::string message)
    : std::runtime_error(std::move(message)), m_kind(kind) {}

Error& Error::at(SourceLocation location) {
  m_location = std::move(location);
  return *this;
}

Error& Error::caused_by(std::string detail) {
  m_causes.push_back(std::move(detail));
  return *this;
}

Error& Error::hint(std::string text) {
  m_hints.push_back(std::move(text));
  return *this;
}

std::string Error::render(const std::string& program) const {
  std::string out;
  if (m_location) {
    const SourceLocation& loc = *m_location;
    out += loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) +
           ": error: " + what() + "\n";
    if (!loc.line_text.empty()) {
      const std::string number = std::to_string(loc.line);
      out += "  " + number + " | " + loc.line_text + "\n";
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "^" + std::string.
      out += "  ";
      out.append(number.size(), ' ');
      out += " | ";
      out.append(loc.column > 0 ? loc.column - 1 : 0, ' ');
      out += '^';
      out.append(std::max<std::size_t>(loc.span, 1) - 1, '~');
      out += '\n';
    }
  } else {
    out += program + ": error: " + what() + "\n";
  }
  for (const std::string& cause : m_causes)
    out += "  caused by: " + cause + "\n";
  for (const std::string& text : m_hints)
    out += "hint: " + text + "\n";
  return out;
}

Error wrap(const Error& inner, std::string message) {
  Error outer(inner.kind(), std::move(message));
  outer.caused_by(inner.what());
  for (const std::string& cause : inner.causes())
    outer.caused_by(cause);
  for (const std::string& text : inner.hints())
    outer.hint(text);
  return outer;
}

}  // namespace gator

#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gator::util {

struct ProcessRequest {
  std::filesystem::path executable;  // an absolute path: PATH is never searched here
  std::vector<std::string> args;
  // nullopt inherits this process's environment; otherwise exactly these variables.
  std::optional<std::map<std::string, std::string>> environment;
  std::filesystem::path working_directory;  // empty: inherit
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a program to completion, capturing stdout and stderr (both drained concurrently, so a
// chatty child cannot deadlock on a full pipe). Throws gator::Error(io) when the program cannot
// be started or exceeds its timeout (it is then killed).
[[nodiscard]] ProcessResult run_process(const ProcessRequest& request);

}  // namespace gator::util

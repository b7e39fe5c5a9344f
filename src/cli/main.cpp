#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <pwd.h>
#include <unistd.h>

#include "cli/app.hpp"

extern char** environ;

int main(int argc, char** argv) {
  gator::cli::Context context;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos)
      context.environment[text.substr(0, equals)] = text.substr(equals + 1);
  }
  std::error_code ignored;
  context.executable = std::filesystem::read_symlink("/proc/self/exe", ignored).string();
  context.uid = ::getuid();
  if (const passwd* entry = ::getpwuid(context.uid))
    context.user = entry->pw_name;
  context.stdout_is_tty = ::isatty(STDOUT_FILENO) == 1;
  context.stderr_is_tty = ::isatty(STDERR_FILENO) == 1;
  context.out = &std::cout;
  context.err = &std::cerr;
  const std::vector<std::string> args(argv, argv + argc);
  return gator::cli::run(args, context);
}

#include "http/files.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <unistd.h>

#include "util/error.hpp"

namespace gator::http::detail {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

std::filesystem::path temporary_sibling(const std::filesystem::path& path) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path temp = path;
  temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return temp;
}

std::string describe_errno(std::string_view what, const std::filesystem::path& path,
                           int error_number) {
  return std::string(what) + " " + path.string() + ": " + std::strerror(error_number);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  if (path.has_parent_path())
    std::filesystem::create_directories(path.parent_path(), ec);
  const std::filesystem::path temp = temporary_sibling(path);
  {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(temp.c_str(), "wb"));
    if (!file)
      throw Error(ErrorKind::io, describe_errno("cannot create", temp, errno));
    if (std::fwrite(content.data(), 1, content.size(), file.get()) != content.size() ||
        std::fflush(file.get()) != 0) {
      const int saved = errno;
      file.reset();
      std::filesystem::remove(temp, ec);
      throw Error(ErrorKind::io, describe_errno("cannot write", temp, saved));
    }
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw Error(ErrorKind::io,
                "cannot rename " + temp.string() + " to " + path.string() + ": " + ec.message());
  }
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file)
    return std::nullopt;
  std::string content;
  char buffer[1 << 16];
  while (true) {
    const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    content.append(buffer, got);
    if (got < sizeof buffer)
      break;
  }
  if (std::ferror(file.get()))
    return std::nullopt;
  return content;
}

}  // namespace gator::http::detail

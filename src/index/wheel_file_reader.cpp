#include "index/wheel_file_reader.hpp"

#include <fstream>
#include <system_error>

namespace gator::index {

std::expected<std::string, util::ParseError> read_wheel_metadata(const std::filesystem::path& wheel,
                                                                 std::string_view project,
                                                                 std::uint64_t tail_bytes) {
  const auto fail = [&wheel](const std::string& what) {
    return std::unexpected(util::ParseError{what + ": " + wheel.string(), {}, 0, 0});
  };
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(wheel, ec);
  if (ec)
    return fail("cannot read " + ec.message());
  std::ifstream in(wheel, std::ios::binary);
  if (!in)
    return fail("cannot open");
  WheelMetadataReader reader{std::string(project), std::uint64_t{size}, tail_bytes};
  while (!reader.done()) {
    const ByteRequest read = *reader.next();
    std::string bytes(static_cast<std::size_t>(read.length), '\0');
    in.seekg(static_cast<std::streamoff>(read.offset));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in)
      return fail("cannot read");
    reader.supply(read.offset, std::move(bytes));
  }
  return reader.result();
}

}  // namespace gator::index

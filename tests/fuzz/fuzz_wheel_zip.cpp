// Any byte string, served as a wheel, ends in METADATA text or an error after a bounded number
// of reads, each inside the file; the extracted text never exceeds the size limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "index/wheel_metadata_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view archive(reinterpret_cast<const char*>(data), size);
  // Small tails make the multi-read paths reachable with small inputs.
  for (const std::uint64_t tail : {std::uint64_t{1024}, std::uint64_t{64 * 1024}}) {
    gator::index::WheelMetadataReader reader("demo", std::nullopt, tail);
    unsigned reads = 0;
    while (!reader.done()) {
      if (++reads > 16)
        std::abort();  // the reader must give up by itself
      const gator::index::ByteRequest read = *reader.next();
      if (read.suffix) {
        const std::size_t length = std::min<std::size_t>(read.length, size);
        reader.supply(size - length, std::string(archive.substr(size - length)), size);
      } else {
        if (read.offset > size || read.length > size - read.offset)
          std::abort();
        reader.supply(read.offset, std::string(archive.substr(read.offset, read.length)));
      }
    }
    if (reader.result() && reader.result()->size() > gator::index::k_max_metadata_bytes)
      std::abort();
    if (!reader.result() && reader.result().error().message.empty())
      std::abort();
  }
  return 0;
}

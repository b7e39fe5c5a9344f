// Any byte string as RECORD: no crash, error spans inside the input, write(parse(x)) parses to
// the same entries and is a fixed point; the hash helpers never crash on a recorded hash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "metadata/record.hpp"
#include "metadata/text_lines.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto entries = gator::metadata::parse_record(input);
  if (!entries) {
    if (entries.error().offset + entries.error().length > input.size())
      std::abort();
    (void)gator::metadata::source_location(entries.error(), "RECORD");
    return 0;
  }
  const std::string written = gator::metadata::write_record(*entries);
  const auto again = gator::metadata::parse_record(written);
  if (!again || *again != *entries)
    std::abort();
  if (gator::metadata::write_record(*again) != written)
    std::abort();
  const gator::metadata::Sha256Digest zero{};
  for (const gator::metadata::RecordEntry& entry : *entries) {
    if (entry.path.empty() || entry.path.find('\\') != std::string::npos)
      std::abort();
    (void)gator::metadata::check_file(entry, zero, 0);
    const auto hash = gator::metadata::parse_record_hash(entry.hash);
    if (hash && hash->algorithm == gator::metadata::HashAlgorithm::sha256 &&
        hash->digest.size() != 32)
      std::abort();
    if (hash) {
      // Decoding is strict, so encoding gives back the same text, less any '=' padding.
      std::string expected = entry.hash;
      for (int pad = 0;
           pad < 2 && expected.size() > hash->algorithm_name.size() + 1 && expected.back() == '=';
           ++pad)
        expected.pop_back();
      if (gator::metadata::format_record_hash(hash->algorithm_name, hash->digest) != expected)
        std::abort();
    }
  }
  return 0;
}

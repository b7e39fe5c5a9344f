// Any byte string must give a tag set or a ParseError whose span lies inside the input; a parsed
// set must survive printing (each tag alone, and the compressed set) and never exceed the cap.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tags/tag.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  // The first byte chooses the options, the rest is the tag text.
  gator::tags::ParseTagOptions options;
  options.validate_order = (data[0] & 1) != 0;
  if ((data[0] & 2) != 0)
    options.limit = data[0] >> 2;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto tags = gator::tags::parse_tag(input, options);
  if (!tags) {
    if (tags.error().offset + tags.error().length > input.size())
      std::abort();
    return 0;
  }
  if (tags->empty() || tags->size() > gator::tags::k_max_expanded_tags)
    std::abort();
  if (options.limit && tags->size() > *options.limit)
    std::abort();
  // Each tag printed alone parses back to itself (a sample: sets may hold 4096 tags).
  for (std::size_t i = 0; i < tags->size(); i += 1 + tags->size() / 256) {
    const gator::tags::Tag& tag = (*tags)[i];
    const auto single = gator::tags::parse_tag(tag.to_string());
    if (!single || single->size() != 1 || single->front() != tag)
      std::abort();
  }
  gator::tags::ParseTagOptions sorted;
  sorted.validate_order = true;
  const auto again = gator::tags::parse_tag(gator::tags::compress_tag_set(*tags), sorted);
  if (!again || *again != *tags)
    std::abort();
  return 0;
}

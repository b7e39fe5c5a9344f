// Any byte string parses as a PEP 691 JSON page or gives an error inside the input; parsed
// against two page URLs, the same files come out with the same facts, each URL either the same
// absolute URL or resolved inside its own page's origin, always http(s), never with a fragment.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "index/project_page.hpp"

namespace {

const auto k_base_a = gator::http::RedactedUrl::from("https://a.example/simple/pkg/");
const auto k_base_b = gator::http::RedactedUrl::from("https://b.example/mirror/deep/simple/pkg/");

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto a = gator::index::parse_json_page(input, k_base_a);
  const auto b = gator::index::parse_json_page(input, k_base_b);
  if (a.has_value() != b.has_value())
    std::abort();
  if (!a) {
    if (a.error().offset + a.error().length > input.size() || a.error().message.empty() ||
        a.error().message != b.error().message)
      std::abort();
    return 0;
  }
  if (a->api_version.empty() || a->files.size() != b->files.size() || a->name != b->name ||
      a->versions != b->versions)
    std::abort();
  for (std::size_t i = 0; i < a->files.size(); ++i) {
    const auto& fa = a->files[i];
    const auto& fb = b->files[i];
    const std::string& ua = fa.url().raw_for_request();
    const std::string& ub = fb.url().raw_for_request();
    if (ua.find('#') != std::string::npos || ub.find('#') != std::string::npos)
      std::abort();
    if (!ua.starts_with("http://") && !ua.starts_with("https://"))
      std::abort();
    if (ua != ub && !(ua.starts_with("https://a.example/") && ub.starts_with("https://b.example/")))
      std::abort();
    if (fa.filename() != fb.filename() || fa.filename().empty() ||
        fa.filename().find('/') != std::string::npos)
      std::abort();
    if (fa.size != fb.size || fa.upload_time != fb.upload_time || fa.yanked != fb.yanked ||
        !(fa.hashes == fb.hashes) || fa.core_metadata.has_value() != fb.core_metadata.has_value())
      std::abort();
    if (fa.upload_time && !gator::index::is_valid_upload_time(*fa.upload_time))
      std::abort();
  }
  return 0;
}

// Any byte string parses as an HTML project page or gives an error inside the input, and the
// page does not depend on where it was served from except through its links' base: parsed
// against two page URLs, the same files come out, each link either the same absolute URL or
// resolved inside its own page's origin, always http(s), never with a fragment.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "index/project_page.hpp"

namespace {

using gator::index::ProjectPage;

const auto k_base_a = gator::http::RedactedUrl::from("https://a.example/simple/pkg/");
const auto k_base_b = gator::http::RedactedUrl::from("https://b.example/mirror/deep/simple/pkg/");

void check_page(const ProjectPage& page, std::string_view input) {
  for (const auto& warning : page.warnings) {
    if (warning.offset > input.size())
      std::abort();
  }
  for (const auto& file : page.files) {
    const std::string& url = file.url().raw_for_request();
    if (file.filename().empty() || file.filename().find('/') != std::string::npos)
      std::abort();
    if (url.find('#') != std::string::npos)
      std::abort();
    if (!url.starts_with("http://") && !url.starts_with("https://"))
      std::abort();
    if (file.hashes.sha256 && file.hashes.sha256->to_string().size() != 64)
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto a = gator::index::parse_html_page(input, k_base_a);
  const auto b = gator::index::parse_html_page(input, k_base_b);
  if (a.has_value() != b.has_value())
    std::abort();
  if (!a) {
    if (a.error().offset + a.error().length > input.size() || a.error().message.empty() ||
        a.error().message != b.error().message || a.error().offset != b.error().offset)
      std::abort();
    return 0;
  }
  check_page(*a, input);
  check_page(*b, input);
  if (a->files.size() != b->files.size() || a->warnings.size() != b->warnings.size())
    std::abort();
  for (std::size_t i = 0; i < a->files.size(); ++i) {
    const auto& fa = a->files[i];
    const auto& fb = b->files[i];
    const std::string& ua = fa.url().raw_for_request();
    const std::string& ub = fb.url().raw_for_request();
    const bool same = ua == ub;
    const bool own_origins =
        ua.starts_with("https://a.example/") && ub.starts_with("https://b.example/");
    if (!same && !own_origins)
      std::abort();
    if (fa.kind() != fb.kind() || fa.yanked != fb.yanked || !(fa.hashes == fb.hashes) ||
        fa.requires_python_text != fb.requires_python_text)
      std::abort();
    // Relative links keep the filename whatever the base (query strings aside).
    if (same || ua.find('?') == std::string::npos) {
      if (fa.filename() != fb.filename())
        std::abort();
    }
  }
  return 0;
}

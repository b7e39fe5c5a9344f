// PEP 691 JSON project pages (with PEP 700's size, upload-time and versions).
#include <nlohmann/json.hpp>

#include "index/page_links.hpp"
#include "index/project_page.hpp"
#include "index/url_reference.hpp"
#include "util/strings.hpp"

namespace gator::index {
namespace {

using nlohmann::json;

constexpr std::size_t k_max_depth = 64;

// The nesting depth of a JSON text, counted outside strings, so that a hostile page cannot make
// the recursive parts of nlohmann::json (comparison, destruction) overflow the stack.
[[nodiscard]] std::optional<std::size_t> too_deep_at(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > k_max_depth)
        return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

[[nodiscard]] const json* member(const json& object, const char* key) {
  if (!object.is_object())
    return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

[[nodiscard]] std::string describe(const json& value) {
  return value.type_name();
}

void read_hashes(const detail::LinkContext& context, const json& hashes, FileHashes& out,
                 const IndexFile& file) {
  for (const auto& [algorithm, digest] : hashes.items()) {
    if (digest.is_string())
      detail::add_hash_or_warn(context, out, algorithm, digest.get_ref<const std::string&>(), file,
                               0);
  }
}

void read_file_entry(const detail::LinkContext& context, const json& entry, std::size_t position,
                     ProjectPage& page) {
  const std::string where = "files[" + std::to_string(position) + "]";
  const json* filename = member(entry, "filename");
  const json* url = member(entry, "url");
  if (filename == nullptr || !filename->is_string() || url == nullptr || !url->is_string()) {
    page.warnings.push_back({0, "skipped " + where + ": it needs a filename and a url string"});
    return;
  }
  std::optional<IndexFile> file = detail::file_from_link(
      context, url->get_ref<const std::string&>(), filename->get_ref<const std::string&>(), 0);
  if (!file)
    return;
  if (const json* hashes = member(entry, "hashes"); hashes != nullptr && hashes->is_object())
    read_hashes(context, *hashes, file->hashes, *file);
  if (const json* requires_python = member(entry, "requires-python");
      requires_python != nullptr && requires_python->is_string()) {
    detail::set_requires_python(context, *file, requires_python->get<std::string>(), 0);
  }
  if (const json* yanked = member(entry, "yanked")) {
    if (yanked->is_string())
      file->yanked = yanked->get<std::string>();
    else if (yanked->is_boolean() && yanked->get<bool>())
      file->yanked = std::string();
  }
  const json* metadata = member(entry, "core-metadata");
  if (metadata == nullptr)
    metadata = member(entry, "dist-info-metadata");  // PEP 658's original key (PEP 714)
  if (metadata != nullptr) {
    if (metadata->is_object()) {
      CoreMetadataFile sidecar;
      read_hashes(context, *metadata, sidecar.hashes, *file);
      file->core_metadata = std::move(sidecar);
    } else if (metadata->is_boolean() && metadata->get<bool>()) {
      file->core_metadata = CoreMetadataFile{};
    }
  }
  if (const json* size = member(entry, "size")) {
    if (size->is_number_unsigned())
      file->size = size->get<std::uint64_t>();
    else if (!size->is_null())
      page.warnings.push_back({0, "ignored the invalid size of " + file->filename()});
  }
  if (const json* uploaded = member(entry, "upload-time"); uploaded != nullptr) {
    if (uploaded->is_string() && is_valid_upload_time(uploaded->get_ref<const std::string&>()))
      file->upload_time = uploaded->get<std::string>();
    else if (!uploaded->is_null())
      page.warnings.push_back({0, "ignored the invalid upload-time of " + file->filename()});
  }
  page.files.push_back(std::move(*file));
}

[[nodiscard]] util::ParseError structure_error(std::string_view text, std::string message) {
  return util::ParseError::at(text, 0, 0, std::move(message));
}

}  // namespace

std::expected<ProjectPage, util::ParseError> parse_json_page(std::string_view text,
                                                             const http::RedactedUrl& page_url) {
  if (const std::optional<std::size_t> deep = too_deep_at(text)) {
    return std::unexpected(util::ParseError::at(
        text, *deep, 1,
        "invalid simple API page: JSON nested deeper than " + std::to_string(k_max_depth)));
  }
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    const std::size_t at = error.byte > 0 ? error.byte - 1 : 0;
    std::string message = error.what();
    // nlohmann's text starts "[json.exception.parse_error.101] parse error at ...".
    if (const std::size_t bracket = message.find("] "); bracket != std::string::npos)
      message.erase(0, bracket + 2);
    return std::unexpected(
        util::ParseError::at(text, at, 1, "invalid simple API page: " + message));
  } catch (const json::exception& error) {
    // Other parser failures (a number out of range) carry no position.
    std::string message = error.what();
    if (const std::size_t bracket = message.find("] "); bracket != std::string::npos)
      message.erase(0, bracket + 2);
    return std::unexpected(structure_error(text, "invalid simple API page: " + message));
  }
  if (!document.is_object())
    return std::unexpected(structure_error(text, "invalid simple API page: expected an object"));
  const json* meta = member(document, "meta");
  const json* version = meta != nullptr ? member(*meta, "api-version") : nullptr;
  if (version == nullptr || !version->is_string()) {
    return std::unexpected(
        structure_error(text, "invalid simple API page: meta.api-version is missing"));
  }
  ProjectPage page;
  page.format = PageFormat::json;
  bool newer = false;
  const std::string problem = detail::check_api_version(version->get<std::string>(), newer);
  if (!problem.empty())
    return std::unexpected(structure_error(text, problem));
  page.api_version = std::string(util::trim_ascii(version->get<std::string>()));
  if (newer) {
    page.warnings.push_back({0, "the page uses simple API version " + page.api_version +
                                    ", newer than this build knows (1.4)"});
  }
  if (const json* name = member(document, "name"); name != nullptr && name->is_string())
    page.name = name->get<std::string>();
  const json* files = member(document, "files");
  if (files == nullptr || !files->is_array()) {
    return std::unexpected(
        structure_error(text, "invalid simple API page: expected a `files` array, found " +
                                  (files == nullptr ? std::string("nothing") : describe(*files))));
  }
  const std::optional<UrlParts> page_parts = split_url(page_url.raw_for_request());
  detail::LinkContext context;
  context.base = page_url.raw_for_request();
  context.allow_file_scheme = page_parts && util::iequals_ascii(page_parts->scheme, "file");
  context.warnings = &page.warnings;
  page.files.reserve(files->size());
  std::size_t position = 0;
  for (const json& entry : *files)
    read_file_entry(context, entry, position++, page);
  if (const json* versions = member(document, "versions"); versions != nullptr) {
    if (versions->is_array()) {
      for (const json& v : *versions) {
        if (v.is_string())
          page.versions.push_back(v.get<std::string>());
      }
    }
  }
  return page;
}

}  // namespace gator::index

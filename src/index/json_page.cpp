// PEP 691 JSON project pages (with PEP 700's size, upload-time and versions), read with
// nlohmann's SAX interface: no document tree, so that PyPI's large pages (tens of thousands of
// files) cost little more than reading them, and nothing deeper than the keys used is kept.
#include <nlohmann/json.hpp>

#include "index/page_links.hpp"
#include "index/project_page.hpp"
#include "index/url_reference.hpp"
#include "util/strings.hpp"

namespace gator::index {
namespace {

using nlohmann::json;

constexpr std::size_t k_max_depth = 64;

// The nesting depth of a JSON text, counted outside strings: a hostile page gets a clear error
// instead of a deep walk.
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

// One entry of `files` as read, before it becomes an IndexFile.
struct RawFile {
  enum class Metadata { absent, no, yes };
  std::optional<std::string> filename;
  std::optional<std::string> url;
  std::vector<std::pair<std::string, std::string>> hashes;
  std::optional<std::string> requires_python;
  std::optional<std::string> yanked;
  // core-metadata wins over dist-info-metadata (PEP 714), whatever their order.
  Metadata core = Metadata::absent;
  Metadata dist_info = Metadata::absent;
  std::vector<std::pair<std::string, std::string>> core_hashes;
  std::vector<std::pair<std::string, std::string>> dist_info_hashes;
  std::optional<std::uint64_t> size;
  bool bad_size = false;
  std::optional<std::string> upload_time;
  bool bad_upload_time = false;
};

// Where a value is, for the values this reader keeps.
enum class Where {
  root,
  meta,
  files,
  file,
  hashes,
  core_hashes,
  dist_info_hashes,
  versions,
  ignored,
};

class PageReader {
 public:
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  explicit PageReader(ProjectPage& page) : m_page(page) {}

  std::optional<std::string> api_version;
  std::string root_type;       // "" until the first value
  std::string files_type;      // the type of `files` ("" when absent)
  std::vector<RawFile> files;  // in order
  std::optional<std::size_t> error_position;
  std::string error_message;

  bool null() { return scalar("null"); }
  bool boolean(bool value) {
    if (top() == Where::file) {
      RawFile& file = files.back();
      if (m_key == "yanked") {
        file.yanked = value ? std::optional<std::string>("") : std::nullopt;
      } else if (m_key == "core-metadata") {
        file.core = value ? RawFile::Metadata::yes : RawFile::Metadata::no;
        file.core_hashes.clear();
      } else if (m_key == "dist-info-metadata") {
        file.dist_info = value ? RawFile::Metadata::yes : RawFile::Metadata::no;
        file.dist_info_hashes.clear();
      }
    }
    return scalar("boolean");
  }
  bool number_integer(json::number_integer_t /*value*/) { return scalar("number"); }
  bool number_unsigned(json::number_unsigned_t value) {
    if (in_file_key("size")) {
      files.back().size = value;
      files.back().bad_size = false;
      return after_value();
    }
    return scalar("number");
  }
  bool number_float(json::number_float_t /*value*/, const string_t& /*text*/) {
    return scalar("number");
  }
  bool binary(binary_t& /*value*/) { return scalar("binary"); }

  bool string(string_t& value) {
    if (root_type.empty())
      root_type = "string";
    switch (top()) {
      case Where::root:
        if (m_key == "name")
          m_page.name = std::move(value);
        break;
      case Where::meta:
        if (m_key == "api-version")
          api_version = std::move(value);
        break;
      case Where::file: {
        RawFile& file = files.back();
        if (m_key == "filename")
          file.filename = std::move(value);
        else if (m_key == "url")
          file.url = std::move(value);
        else if (m_key == "requires-python")
          file.requires_python = std::move(value);
        else if (m_key == "yanked")
          file.yanked = std::move(value);
        else if (m_key == "upload-time")
          file.upload_time = std::move(value), file.bad_upload_time = false;
        else if (m_key == "size")
          file.size.reset(), file.bad_size = true;
        break;
      }
      case Where::hashes:
        files.back().hashes.emplace_back(m_key, std::move(value));
        break;
      case Where::core_hashes:
        files.back().core_hashes.emplace_back(m_key, std::move(value));
        break;
      case Where::dist_info_hashes:
        files.back().dist_info_hashes.emplace_back(m_key, std::move(value));
        break;
      case Where::versions:
        m_page.versions.push_back(std::move(value));
        break;
      case Where::files:
        files.emplace_back();  // not an object: skipped with a warning
        break;
      case Where::ignored:
        break;
    }
    return after_value();
  }

  bool start_object(std::size_t /*elements*/) {
    if (root_type.empty()) {
      root_type = "object";
      m_stack.push_back(Where::root);
      return true;
    }
    Where next = Where::ignored;
    switch (top()) {
      case Where::root:
        if (m_key == "meta")
          next = Where::meta;
        else if (m_key == "files")
          files_type = "object";
        break;
      case Where::files:
        files.emplace_back();
        next = Where::file;
        break;
      case Where::file:
        if (m_key == "hashes") {
          next = Where::hashes;
        } else if (m_key == "core-metadata") {
          next = Where::core_hashes;
          files.back().core = RawFile::Metadata::yes;
          files.back().core_hashes.clear();
        } else if (m_key == "dist-info-metadata") {
          next = Where::dist_info_hashes;
          files.back().dist_info = RawFile::Metadata::yes;
          files.back().dist_info_hashes.clear();
        } else {
          mark_file_value_invalid();
        }
        break;
      default:
        break;
    }
    m_stack.push_back(next);
    return true;
  }

  bool start_array(std::size_t /*elements*/) {
    if (root_type.empty()) {
      root_type = "array";
      m_stack.push_back(Where::ignored);
      return true;
    }
    Where next = Where::ignored;
    if (top() == Where::root && m_key == "files") {
      files_type = "array";
      next = Where::files;
    } else if (top() == Where::root && m_key == "versions") {
      next = Where::versions;
    } else if (top() == Where::files) {
      files.emplace_back();  // not an object: skipped with a warning
    } else if (top() == Where::file) {
      mark_file_value_invalid();
    }
    m_stack.push_back(next);
    return true;
  }

  bool key(string_t& value) {
    m_key = std::move(value);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const json::exception& error) {
    error_position = position;
    error_message = error.what();
    // nlohmann's text starts "[json.exception.parse_error.101] parse error at ...".
    if (const std::size_t bracket = error_message.find("] "); bracket != std::string::npos)
      error_message.erase(0, bracket + 2);
    return false;
  }

 private:
  [[nodiscard]] Where top() const { return m_stack.empty() ? Where::ignored : m_stack.back(); }
  [[nodiscard]] bool in_file_key(std::string_view key) const {
    return top() == Where::file && m_key == key;
  }
  void mark_file_value_invalid() {
    if (m_key == "size")
      files.back().size.reset(), files.back().bad_size = true;
    else if (m_key == "upload-time")
      files.back().upload_time.reset(), files.back().bad_upload_time = true;
  }
  // A value this reader has no use for, except that its type can matter.
  bool scalar(const char* type) {
    if (root_type.empty())
      root_type = type;
    if (top() == Where::root && m_key == "files") {
      files_type = type;
    } else if (top() == Where::files) {
      files.emplace_back();  // not an object: skipped with a warning
    } else if (top() == Where::file) {
      if (std::string_view(type) != "null")
        mark_file_value_invalid();
      else if (m_key == "size")
        files.back().size.reset();
      else if (m_key == "upload-time")
        files.back().upload_time.reset();
      else if (m_key == "requires-python")
        files.back().requires_python.reset();
    }
    return after_value();
  }
  bool after_value() { return true; }
  bool close() {
    if (!m_stack.empty())
      m_stack.pop_back();
    return true;
  }

  ProjectPage& m_page;
  std::vector<Where> m_stack;
  std::string m_key;
};

void add_hashes(const detail::LinkContext& context,
                const std::vector<std::pair<std::string, std::string>>& raw, FileHashes& out,
                const IndexFile& file) {
  for (const auto& [algorithm, digest] : raw)
    detail::add_hash_or_warn(context, out, algorithm, digest, file, 0);
}

void add_file(const detail::LinkContext& context, RawFile& raw, std::size_t position,
              ProjectPage& page) {
  if (!raw.filename || !raw.url) {
    page.warnings.push_back({0, "skipped files[" + std::to_string(position) +
                                    "]: it needs a filename and a url string"});
    return;
  }
  std::optional<IndexFile> file = detail::file_from_link(context, *raw.url, *raw.filename, 0);
  if (!file)
    return;
  add_hashes(context, raw.hashes, file->hashes, *file);
  if (raw.requires_python)
    detail::set_requires_python(context, *file, std::move(*raw.requires_python), 0);
  file->yanked = std::move(raw.yanked);
  const bool use_core = raw.core != RawFile::Metadata::absent;
  const RawFile::Metadata metadata = use_core ? raw.core : raw.dist_info;
  if (metadata == RawFile::Metadata::yes) {
    CoreMetadataFile sidecar;
    add_hashes(context, use_core ? raw.core_hashes : raw.dist_info_hashes, sidecar.hashes, *file);
    file->core_metadata = std::move(sidecar);
  }
  if (raw.size)
    file->size = raw.size;
  else if (raw.bad_size)
    page.warnings.push_back({0, "ignored the invalid size of " + file->filename()});
  if (raw.upload_time && is_valid_upload_time(*raw.upload_time))
    file->upload_time = std::move(raw.upload_time);
  else if (raw.upload_time || raw.bad_upload_time)
    page.warnings.push_back({0, "ignored the invalid upload-time of " + file->filename()});
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
  ProjectPage page;
  page.format = PageFormat::json;
  PageReader reader(page);
  bool parsed = false;
  try {
    parsed = json::sax_parse(text.begin(), text.end(), &reader);
  } catch (const json::exception& error) {
    reader.error_message = error.what();
    reader.error_position = 0;
  }
  if (!parsed) {
    const std::size_t at = reader.error_position.value_or(1);
    return std::unexpected(util::ParseError::at(
        text, at > 0 ? at - 1 : 0, 1, "invalid simple API page: " + reader.error_message));
  }
  if (reader.root_type != "object")
    return std::unexpected(structure_error(text, "invalid simple API page: expected an object"));
  if (!reader.api_version) {
    return std::unexpected(
        structure_error(text, "invalid simple API page: meta.api-version is missing"));
  }
  bool newer = false;
  const std::string problem = detail::check_api_version(*reader.api_version, newer);
  if (!problem.empty())
    return std::unexpected(structure_error(text, problem));
  page.api_version = std::string(util::trim_ascii(*reader.api_version));
  if (newer) {
    page.warnings.push_back({0, "the page uses simple API version " + page.api_version +
                                    ", newer than this build knows (1.4)"});
  }
  if (reader.files_type != "array") {
    return std::unexpected(structure_error(
        text, "invalid simple API page: expected a `files` array, found " +
                  (reader.files_type.empty() ? std::string("nothing") : reader.files_type)));
  }
  const std::optional<UrlParts> page_parts = split_url(page_url.raw_for_request());
  detail::LinkContext context;
  context.base = page_url.raw_for_request();
  context.base_parts = split_url(context.base);
  context.allow_file_scheme = page_parts && util::iequals_ascii(page_parts->scheme, "file");
  context.warnings = &page.warnings;
  std::unordered_map<std::string, std::optional<pep440::SpecifierSet>> specifiers;
  context.specifiers = &specifiers;
  page.files.reserve(reader.files.size());
  for (std::size_t i = 0; i < reader.files.size(); ++i)
    add_file(context, reader.files[i], i, page);
  return page;
}

}  // namespace gator::index

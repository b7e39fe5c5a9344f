#include "dist/sdist_filename.hpp"

namespace gator::dist {
namespace {

util::ParseError error_at(std::string_view filename, std::size_t offset, std::size_t length,
                          const std::string& what) {
  return util::ParseError::at(filename, offset, length,
                              "invalid sdist filename '" + std::string(filename) + "': " + what);
}

}  // namespace

const char* extension(SdistFormat format) {
  return format == SdistFormat::zip ? ".zip" : ".tar.gz";
}

std::expected<SdistFilename, util::ParseError> SdistFilename::parse(std::string_view filename) {
  SdistFormat format = SdistFormat::tar_gz;
  if (filename.ends_with(".tar.gz"))
    format = SdistFormat::tar_gz;
  else if (filename.ends_with(".zip"))
    format = SdistFormat::zip;
  else
    return std::unexpected(
        error_at(filename, filename.size(), 0, "the extension must be '.tar.gz' or '.zip'"));
  const std::string_view stem =
      filename.substr(0, filename.size() - std::string_view(extension(format)).size());

  // A PEP 440 version has no '-', so the version is what follows the last one.
  const std::size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos)
    return std::unexpected(
        error_at(filename, 0, stem.size(), "expected name-version separated by '-'"));
  const std::string_view name = stem.substr(0, dash);
  if (name.empty())
    return std::unexpected(error_at(filename, 0, 0, "empty project name"));
  const std::string_view version_text = stem.substr(dash + 1);
  auto version = pep440::Version::parse(version_text);
  if (!version) {
    const util::ParseError& inner = version.error();
    return std::unexpected(
        error_at(filename, dash + 1 + inner.offset, inner.length,
                 "invalid version '" + std::string(version_text) + "': " + inner.message));
  }
  return SdistFilename(std::string(filename), ProjectSpelling(name), std::move(*version), format);
}

std::string SdistFilename::to_string() const {
  return m_name.escaped() + "-" + m_version.to_string() + extension(m_format);
}

bool operator==(const SdistFilename& a, const SdistFilename& b) {
  return a.m_name.canonical() == b.m_name.canonical() && a.m_version == b.m_version &&
         a.m_format == b.m_format;
}

}  // namespace gator::dist

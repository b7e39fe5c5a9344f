#include "provision/indexes.hpp"

#include <map>
#include <utility>

#include "util/error.hpp"

namespace gator::provision {

std::expected<IndexOverride, std::string> parse_index_override(std::string_view text) {
  const auto equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0 || equals + 1 == text.size())
    return std::unexpected("expected NAME=URL, got \"" + std::string(text) + "\"");
  IndexOverride result{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
  if (const auto url = http::RedactedUrl::parse(result.url); !url)
    return std::unexpected("the URL for index \"" + result.name +
                           "\" is malformed: " + url.error().message);
  return result;
}

std::string lock_url(const http::RedactedUrl& url) {
  return url.without_credentials().display();
}

index::IndexPolicy make_index_policy(const profile::Profile& profile,
                                     std::span<const IndexOverride> overrides) {
  std::map<std::string, const IndexOverride*> by_name;
  for (const IndexOverride& override_ : overrides) {
    if (profile.find_index(override_.name) == nullptr) {
      std::string known;
      for (const profile::Index& index : profile.indexes)
        known += (known.empty() ? "" : ", ") + index.name.value;
      throw Error(ErrorKind::usage, "--index " + override_.name +
                                        "=...: the profile has no index called \"" +
                                        override_.name + "\"")
          .hint("the profile's indexes are: " + (known.empty() ? "(none)" : known));
    }
    by_name[override_.name] = &override_;  // the last override of a name wins
  }

  std::vector<index::IndexSpec> specs;
  for (const profile::Index& index : profile.indexes) {
    const auto override_ = by_name.find(index.name.value);
    const std::string& text = override_ != by_name.end() ? override_->second->url : index.url.value;
    auto url = http::RedactedUrl::parse(text);
    if (!url) {
      Error error(override_ != by_name.end() ? ErrorKind::usage : ErrorKind::invalid_input,
                  "the URL of index \"" + index.name.value + "\" is malformed");
      error.caused_by(url.error().message);
      throw error;
    }
    specs.push_back(index::IndexSpec{index.name.value, std::move(*url), index.explicit_only.value,
                                     index::SourceKind::simple});
  }
  std::map<pep508::PackageName, index::Pin> pins;
  for (const auto& [project, source] : profile.requirements.sources)
    pins.emplace(project, index::Pin{source.value, source.origin.to_string()});
  auto policy = index::IndexPolicy::create(std::move(specs), std::move(pins));
  if (!policy)
    throw std::move(policy.error());
  return std::move(*policy);
}

std::vector<lock::IndexFact> index_facts(const index::IndexPolicy& policy) {
  std::vector<lock::IndexFact> facts;
  for (const index::IndexSpec& spec : policy.indexes())
    facts.push_back(lock::IndexFact{spec.name, lock_url(spec.url), spec.explicit_only});
  return facts;
}

}  // namespace gator::provision

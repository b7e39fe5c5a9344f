#pragma once

#include <cstddef>
#include <expected>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "http/url.hpp"
#include "pep508/name.hpp"
#include "util/error.hpp"

// The index policy of ../shared/DESIGN.md, as a small pure class: a project pinned to an index
// is looked up only there; an unpinned project comes from the first non-explicit index that has
// it, in declaration order, and is never merged with (or replaced by a better version from) a
// later index: that is how dependency confusion happens.
namespace gator::index {

enum class SourceKind {
  simple,      // a PEP 503/691 simple index: <url>/<project>/ (http, https or file://)
  find_links,  // a flat list of files: a local directory, or one HTML page listing them
};

struct IndexSpec {
  std::string name;
  http::RedactedUrl url;
  bool explicit_only = false;  // used only by projects pinned to it
  SourceKind kind = SourceKind::simple;
};

// `sources = { torch = "pytorch-rocm5.7" }` in a profile.
struct Pin {
  std::string index;   // the index's name
  std::string origin;  // where the pin was written: "profiles/mi25.toml:14"
};

// Which index a project's files come from.
struct Selection {
  std::optional<std::size_t> index;   // into IndexPolicy::indexes(); none: no index has it
  const Pin* pin = nullptr;           // the pin that decided, if any
  std::vector<std::size_t> searched;  // the indexes asked, in order
};

class IndexPolicy {
 public:
  // Refuses duplicate index names, an empty list, and pins naming an unknown index (the error
  // names the pin's origin and the known indexes).
  [[nodiscard]] static std::expected<IndexPolicy, Error> create(
      std::vector<IndexSpec> indexes, std::map<pep508::PackageName, Pin> pins = {});

  [[nodiscard]] const std::vector<IndexSpec>& indexes() const { return m_indexes; }
  [[nodiscard]] const std::map<pep508::PackageName, Pin>& pins() const { return m_pins; }
  [[nodiscard]] const Pin* pin(const pep508::PackageName& project) const;
  [[nodiscard]] std::optional<std::size_t> find_index(std::string_view name) const;

  // The indexes to ask for `project`, in the order to ask them: its pin's index alone, or every
  // non-explicit index in declaration order. Ask in order and stop at the first that has it.
  [[nodiscard]] std::vector<std::size_t> lookup_order(const pep508::PackageName& project) const;

  // Decides from the answers to lookup_order (found[i] answers lookup_order()[i]; the list may
  // stop after the first true): the first index that has the project. A pinned project missing
  // from its index is an Error(resolution) naming the index and the pin's origin.
  [[nodiscard]] std::expected<Selection, Error> select(const pep508::PackageName& project,
                                                       std::span<const bool> found) const;

  // The error for an unpinned project that no index has: names the indexes searched.
  [[nodiscard]] Error not_found_error(const pep508::PackageName& project) const;

 private:
  IndexPolicy() = default;

  std::vector<IndexSpec> m_indexes;
  std::map<pep508::PackageName, Pin> m_pins;
};

}  // namespace gator::index

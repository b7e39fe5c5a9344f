#include "index/policy.hpp"

#include <set>

namespace gator::index {
namespace {

[[nodiscard]] std::string quoted_names(const std::vector<IndexSpec>& indexes,
                                       const std::vector<std::size_t>& which) {
  std::string out;
  for (std::size_t i : which) {
    if (!out.empty())
      out += ", ";
    out += "\"" + indexes[i].name + "\" (" + indexes[i].url.display() + ")";
  }
  return out;
}

}  // namespace

std::expected<IndexPolicy, Error> IndexPolicy::create(std::vector<IndexSpec> indexes,
                                                      std::map<pep508::PackageName, Pin> pins) {
  if (indexes.empty())
    return std::unexpected(Error(ErrorKind::invalid_input, "no package index is configured"));
  std::set<std::string> names;
  for (const IndexSpec& spec : indexes) {
    if (!names.insert(spec.name).second) {
      return std::unexpected(
          Error(ErrorKind::invalid_input, "two package indexes are named \"" + spec.name + "\""));
    }
  }
  IndexPolicy policy;
  policy.m_indexes = std::move(indexes);
  for (const auto& [project, pin] : pins) {
    if (!policy.find_index(pin.index)) {
      std::string known;
      for (const IndexSpec& spec : policy.m_indexes)
        known += (known.empty() ? "\"" : ", \"") + spec.name + "\"";
      Error error(ErrorKind::invalid_input,
                  project.str() + " is pinned to the unknown index \"" + pin.index + "\"");
      error.caused_by("pinned at " + pin.origin);
      error.hint("the indexes are " + known);
      return std::unexpected(std::move(error));
    }
  }
  // Every index explicit is allowed: then only pinned projects resolve.
  policy.m_pins = std::move(pins);
  return policy;
}

const Pin* IndexPolicy::pin(const pep508::PackageName& project) const {
  const auto it = m_pins.find(project);
  return it == m_pins.end() ? nullptr : &it->second;
}

std::optional<std::size_t> IndexPolicy::find_index(std::string_view name) const {
  for (std::size_t i = 0; i < m_indexes.size(); ++i) {
    if (m_indexes[i].name == name)
      return i;
  }
  return std::nullopt;
}

std::vector<std::size_t> IndexPolicy::lookup_order(const pep508::PackageName& project) const {
  if (const Pin* p = pin(project))
    return {*find_index(p->index)};
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < m_indexes.size(); ++i) {
    if (!m_indexes[i].explicit_only)
      order.push_back(i);
  }
  return order;
}

std::expected<Selection, Error> IndexPolicy::select(const pep508::PackageName& project,
                                                    std::span<const bool> found) const {
  const std::vector<std::size_t> order = lookup_order(project);
  Selection selection;
  selection.pin = pin(project);
  for (std::size_t i = 0; i < order.size() && i < found.size(); ++i) {
    selection.searched.push_back(order[i]);
    if (found[i]) {
      selection.index = order[i];
      return selection;
    }
  }
  if (selection.pin != nullptr) {
    const IndexSpec& spec = m_indexes[order.front()];
    Error error(ErrorKind::resolution,
                project.str() + " is not on the index \"" + spec.name + "\" it is pinned to");
    error.caused_by(spec.url.display() + " has no project " + project.str());
    error.caused_by("pinned at " + selection.pin->origin);
    error.hint(
        "check the project name and the index URL, or remove the pin to use the default "
        "indexes");
    return std::unexpected(std::move(error));
  }
  return selection;
}

Error IndexPolicy::not_found_error(const pep508::PackageName& project) const {
  const std::vector<std::size_t> order = lookup_order(project);
  Error error(ErrorKind::resolution, "no index has a project named " + project.str());
  if (order.empty()) {
    error.caused_by("every index is explicit, and " + project.str() + " is pinned to none");
    error.hint("pin it in the profile's `sources` to one of the indexes");
  } else {
    error.caused_by("searched " + quoted_names(m_indexes, order));
    error.hint("check the spelling, or pin the project to the index that has it in `sources`");
  }
  return error;
}

}  // namespace gator::index

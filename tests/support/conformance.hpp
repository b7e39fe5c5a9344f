#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

// Table tests over tests/data/conformance/*.json: every record of a section runs (with its id
// in the failure trace) unless tests/data/conformance/exclusions.txt lists it with a reason.
namespace gator::test {

[[nodiscard]] std::string data_path(std::string_view relative);
[[nodiscard]] const nlohmann::json& conformance_file(const std::string& file);

// Runs `check` for every record of `file` / `section` and prints
// "[conformance] versions.json valid: 273 ran, 0 excluded"; fails if nothing ran.
// `section` may be a JSON pointer ("/ordering/ascending") for nested arrays.
void for_each_record(const std::string& file, const std::string& section,
                     const std::function<void(const nlohmann::json& record)>& check);

// The reason a record is excluded, or "" when it is not.
[[nodiscard]] std::string exclusion_reason(const std::string& file, const std::string& id);

}  // namespace gator::test

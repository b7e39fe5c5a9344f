#pragma once

#include <vector>

#include "doctor/doctor.hpp"

// The check groups run_checks() assembles; each appends its lines in display order.
namespace gator::doctor::detail {

void check_platform(const Inputs& inputs, std::vector<Check>& out);
void check_amd(const Inputs& inputs, std::vector<Check>& out);
void check_nvidia(const Inputs& inputs, std::vector<Check>& out);
void check_python(const Inputs& inputs, std::vector<Check>& out);

[[nodiscard]] Check fail(std::string id, std::string title, std::string expected, std::string found,
                         std::string remedy);
[[nodiscard]] Check ok(std::string id, std::string title, std::string expected, std::string found);

}  // namespace gator::doctor::detail

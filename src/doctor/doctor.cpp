#include "doctor/doctor.hpp"

#include <algorithm>

#include "doctor/checks.hpp"

namespace gator::doctor {

const char* to_string(Status status) {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::warn:
      return "warn";
    case Status::fail:
      return "fail";
  }
  return "fail";
}

namespace detail {

Check fail(std::string id, std::string title, std::string expected, std::string found,
           std::string remedy) {
  return Check{std::move(id),       std::move(title), Status::fail,
               std::move(expected), std::move(found), std::move(remedy)};
}

Check ok(std::string id, std::string title, std::string expected, std::string found) {
  return Check{std::move(id),       std::move(title), Status::ok,
               std::move(expected), std::move(found), ""};
}

}  // namespace detail

std::vector<Check> run_checks(const Inputs& inputs) {
  std::vector<Check> checks;
  detail::check_platform(inputs, checks);
  switch (inputs.profile.hardware.vendor.value) {
    case profile::Vendor::amd:
      detail::check_amd(inputs, checks);
      break;
    case profile::Vendor::nvidia:
      detail::check_nvidia(inputs, checks);
      break;
    case profile::Vendor::cpu:
      checks.push_back(detail::ok("gpu", "GPU", "none (vendor cpu)", "not checked"));
      break;
  }
  if (inputs.python != nullptr)
    detail::check_python(inputs, checks);
  return checks;
}

bool all_passed(const std::vector<Check>& checks) {
  return std::none_of(checks.begin(), checks.end(),
                      [](const Check& check) { return check.status == Status::fail; });
}

}  // namespace gator::doctor

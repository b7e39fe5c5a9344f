// Any byte string must give a marker or a ParseError whose span lies inside the input. A marker
// prints to text that parses back to an equal marker with the same text, and evaluates the same
// before and after the round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pep508/marker.hpp"

namespace {

using gator::pep508::EvaluationContext;
using gator::pep508::Marker;
using gator::pep508::MarkerEnvironment;

const MarkerEnvironment& environment() {
  static const MarkerEnvironment env = [] {
    gator::pep508::TargetInterpreter target;
    target.python = {3, 12, 4, "final", 0};
    target.platform_release = "6.1.0-18-amd64";
    MarkerEnvironment e = gator::pep508::default_environment(target);
    e.extra = "Test_Extra";
    e.extras = std::vector<std::string>{"cuda", "Rocm_6"};
    return e;
  }();
  return env;
}

void check_same_evaluation(const Marker& a, const Marker& b) {
  for (const auto context : {EvaluationContext::metadata, EvaluationContext::requirement,
                             EvaluationContext::lock_file}) {
    if (a.evaluate(environment(), context) != b.evaluate(environment(), context))
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto marker = Marker::parse(input);
  if (!marker) {
    if (marker.error().offset + marker.error().length > input.size() ||
        marker.error().message.empty())
      std::abort();
    return 0;
  }
  const std::string text = marker->to_string();
  const auto reparsed = Marker::parse(text);
  if (!reparsed || !(*reparsed == *marker) || reparsed->to_string() != text)
    std::abort();
  check_same_evaluation(*marker, *reparsed);

  // Combination keeps both operands as groups and survives printing too.
  const Marker both = *marker & *reparsed;
  const auto both_reparsed = Marker::parse(both.to_string());
  if (!both_reparsed || !(*both_reparsed == both))
    std::abort();
  check_same_evaluation(both, *both_reparsed);
  return 0;
}

// markers.json (pypa/packaging's tests/test_markers.py): every section, every record.
#include <gtest/gtest.h>

#include "conformance.hpp"
#include "pep508/marker.hpp"

namespace gator::pep508 {
namespace {

using nlohmann::json;

Marker parse_ok(const std::string& text) {
  auto marker = Marker::parse(text);
  EXPECT_TRUE(marker) << text << "\n" << (marker ? "" : marker.error().render());
  return marker ? *marker : *Marker::parse("os_name == 'unparsable test input'");
}

// The tests merge the record's keys over the running interpreter's environment; this is the
// interpreter they stand in for (only keys a record lists decide its result).
MarkerEnvironment environment_for(const json& record) {
  TargetInterpreter target;
  target.python = InterpreterVersion{3, 12, 4, "final", 0};
  target.platform_release = "6.1.0-18-amd64";
  target.platform_version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)";
  MarkerEnvironment env = default_environment(target);
  const json& overrides = record.at("environment");
  for (auto it = overrides.begin(); it != overrides.end(); ++it) {
    const std::string& key = it.key();
    if (key == "extras" || key == "dependency_groups") {
      auto& field = key == "extras" ? env.extras : env.dependency_groups;
      field = it.value().get<std::vector<std::string>>();
      continue;
    }
    std::optional<std::string>* field = nullptr;
    for (int v = 0; v <= static_cast<int>(MarkerVariable::extra); ++v) {
      const auto variable = static_cast<MarkerVariable>(v);
      if (to_string(variable) == key)
        field = env.string_field(variable);
    }
    if (field == nullptr)
      continue;  // e.g. "a" in evaluate-0063..0067: not a marker variable
    // `extra: null` (evaluate-0073): Python's None for "not set".
    if (it.value().is_null())
      field->reset();
    else
      *field = it.value().get<std::string>();
  }
  return env;
}

EvaluationContext context_for(const json& record) {
  const std::string context = record.value("context", "metadata");
  if (context == "requirement")
    return EvaluationContext::requirement;
  if (context == "lock_file")
    return EvaluationContext::lock_file;
  EXPECT_EQ(context, "metadata");
  return EvaluationContext::metadata;
}

TEST(MarkerConformance, Valid) {
  test::for_each_record("markers.json", "valid", [](const json& record) {
    const std::string text = record["marker"];
    const auto marker = Marker::parse(text);
    ASSERT_TRUE(marker) << marker.error().render();
    // Printing is canonical and reads back to the same marker.
    const auto reparsed = Marker::parse(marker->to_string());
    ASSERT_TRUE(reparsed) << marker->to_string();
    EXPECT_EQ(*reparsed, *marker);
    EXPECT_EQ(reparsed->to_string(), marker->to_string());
  });
}

TEST(MarkerConformance, Invalid) {
  test::for_each_record("markers.json", "invalid", [](const json& record) {
    const std::string text = record["marker"];
    const auto marker = Marker::parse(text);
    ASSERT_FALSE(marker) << marker->to_string();
    EXPECT_LE(marker.error().offset + marker.error().length, text.size());
    EXPECT_FALSE(marker.error().message.empty());
  });
}

TEST(MarkerConformance, Evaluate) {
  test::for_each_record("markers.json", "evaluate", [](const json& record) {
    const Marker marker = parse_ok(record["marker"]);
    const auto result = marker.evaluate(environment_for(record), context_for(record));
    if (record.contains("expected_error")) {
      ASSERT_FALSE(result) << "evaluated to " << *result;
      const std::string expected = record["expected_error"];
      const MarkerErrorKind kind = expected.starts_with("UndefinedComparison")
                                       ? MarkerErrorKind::undefined_comparison
                                       : MarkerErrorKind::undefined_environment_name;
      EXPECT_TRUE(expected.starts_with("UndefinedComparison") ||
                  expected.starts_with("UndefinedEnvironmentName"))
          << expected;
      EXPECT_EQ(result.error().kind, kind) << result.error().message;
      return;
    }
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(*result, record["expected"].get<bool>());
    // The canonical text evaluates the same.
    EXPECT_EQ(parse_ok(marker.to_string()).evaluate(environment_for(record), context_for(record)),
              result);
  });
}

TEST(MarkerConformance, Str) {
  test::for_each_record("markers.json", "str", [](const json& record) {
    const Marker marker = parse_ok(record["marker"]);
    if (record.contains("expected_str")) {
      EXPECT_EQ(marker.to_string(), record["expected_str"].get<std::string>());
      EXPECT_EQ(marker, parse_ok(record["expected_str"]));
    }
    if (record.contains("equal_to")) {
      EXPECT_EQ(marker, parse_ok(record["equal_to"]));
    }
    EXPECT_EQ(marker, parse_ok(record["marker"]));
  });
}

TEST(MarkerConformance, Equality) {
  test::for_each_record("markers.json", "equality", [](const json& record) {
    const Marker left = parse_ok(record["left"]);
    const Marker right = parse_ok(record["right"]);
    EXPECT_EQ(left == right, record["equal"].get<bool>());
    EXPECT_EQ(left.to_string() == right.to_string(), record["equal"].get<bool>());
  });
}

TEST(MarkerConformance, Combine) {
  test::for_each_record("markers.json", "combine", [](const json& record) {
    const auto& operands = record["operands"];
    const std::string op = record["operator"];
    ASSERT_TRUE(op == "and" || op == "or") << op;
    Marker combined = parse_ok(operands[0]);
    for (std::size_t i = 1; i < operands.size(); ++i) {
      const Marker next = parse_ok(operands[i]);
      combined = op == "and" ? (combined & next) : (combined | next);
    }
    const Marker expected = parse_ok(record["expected_equal_to"]);
    EXPECT_EQ(combined, expected);
    EXPECT_EQ(combined.to_string(), expected.to_string());
  });
}

TEST(MarkerConformance, Quoting) {
  test::for_each_record("markers.json", "quoting", [](const json& record) {
    const std::string value = record["value"];
    const auto quoted = quote_marker_value(value);
    if (record.contains("expected_error")) {
      ASSERT_FALSE(quoted) << *quoted;
      EXPECT_LE(quoted.error().offset + quoted.error().length, value.size());
      return;
    }
    ASSERT_TRUE(quoted) << quoted.error().render();
    EXPECT_EQ(*quoted, record["expected_serialized"].get<std::string>());
  });
}

TEST(MarkerConformance, EnvironmentDerivation) {
  test::for_each_record("markers.json", "environment_derivation", [](const json& record) {
    if (record.contains("sys_implementation_version")) {
      const json& v = record["sys_implementation_version"];
      const InterpreterVersion version{v[0].get<unsigned>(), v[1].get<unsigned>(),
                                       v[2].get<unsigned>(), v[3].get<std::string>(),
                                       v[4].get<unsigned>()};
      EXPECT_EQ(format_full_version(version),
                record["expected_implementation_version"].get<std::string>());
      // The same number reaches the environment as implementation_version.
      TargetInterpreter target;
      target.implementation = version;
      EXPECT_EQ(default_environment(target).implementation_version,
                record["expected_implementation_version"].get<std::string>());
    }
    if (record.contains("python_version_tuple")) {
      const json& t = record["python_version_tuple"];
      const std::string text =
          t[0].get<std::string>() + "." + t[1].get<std::string>() + "." + t[2].get<std::string>();
      const auto version = InterpreterVersion::parse(text);
      ASSERT_TRUE(version) << version.error().render();
      TargetInterpreter target;
      target.python = *version;
      const MarkerEnvironment env = default_environment(target);
      EXPECT_EQ(env.python_version, record["expected_python_version"].get<std::string>());
      EXPECT_EQ(env.python_full_version, text);
    }
  });
}

}  // namespace
}  // namespace gator::pep508

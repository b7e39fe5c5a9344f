// Marker evaluation with packaging's rules (markers.py: _evaluate_markers, _eval_op).
#include <algorithm>
#include <string>
#include <utility>

#include "pep440/specifier.hpp"
#include "pep508/marker.hpp"
#include "pep508/name.hpp"
#include "util/strings.hpp"

namespace gator::pep508 {
namespace {

using Names = std::vector<std::string>;

std::unexpected<MarkerError> undefined_comparison(std::string message) {
  return std::unexpected(MarkerError{MarkerErrorKind::undefined_comparison, std::move(message)});
}

std::unexpected<MarkerError> undefined_name(MarkerVariable variable) {
  return std::unexpected(
      MarkerError{MarkerErrorKind::undefined_environment_name,
                  "the environment does not define '" + std::string(to_string(variable)) + "'"});
}

std::string describe(std::string_view lhs, MarkerOperator op, std::string_view rhs) {
  return "'" + std::string(lhs) + "' " + std::string(to_string(op)) + " '" + std::string(rhs) + "'";
}

class Evaluator {
 public:
  Evaluator(const MarkerEnvironment& environment, EvaluationContext context)
      : m_env(environment), m_context(context) {}

  std::expected<bool, MarkerError> compare(const MarkerComparison& comparison) const {
    const auto* lhs_variable = std::get_if<MarkerVariable>(&comparison.lhs);
    const auto* rhs_variable = std::get_if<MarkerVariable>(&comparison.rhs);
    if (lhs_variable && is_set_variable(*lhs_variable)) {
      // Only `"x" in extras` is defined; the set itself cannot be compared.
      if (auto set = lookup_set(*lhs_variable); !set)
        return std::unexpected(std::move(set.error()));
      return undefined_comparison("'" + std::string(to_string(*lhs_variable)) +
                                  "' can only appear on the right of 'in' / 'not in'");
    }
    auto lhs = operand_text(comparison.lhs);
    if (!lhs)
      return std::unexpected(std::move(lhs.error()));
    if (rhs_variable && is_set_variable(*rhs_variable)) {
      auto set = lookup_set(*rhs_variable);
      if (!set)
        return std::unexpected(std::move(set.error()));
      return compare_with_set(canonicalize_name(*lhs), comparison.op, *set);
    }
    auto rhs = operand_text(comparison.rhs);
    if (!rhs)
      return std::unexpected(std::move(rhs.error()));
    // The variable whose rules apply: packaging uses the left one when both sides are.
    const MarkerVariable* key = lhs_variable ? lhs_variable : rhs_variable;
    if (key && *key == MarkerVariable::extra) {
      // Extras compare as names (PEP 685), never as versions.
      return compare_strings(canonicalize_name(*lhs), comparison.op, canonicalize_name(*rhs));
    }
    if (key && is_version_variable(*key)) {
      if (auto result = compare_versions(*lhs, comparison.op, *rhs))
        return *result;
    }
    return compare_strings(*lhs, comparison.op, *rhs);
  }

 private:
  std::expected<std::string, MarkerError> operand_text(const MarkerOperand& operand) const {
    if (const auto* literal = std::get_if<std::string>(&operand))
      return *literal;
    const MarkerVariable variable = std::get<MarkerVariable>(operand);
    const std::optional<std::string>& value = *m_env.string_field(variable);
    if (variable == MarkerVariable::extra) {
      if (!value)
        return m_context == EvaluationContext::metadata
                   ? std::expected<std::string, MarkerError>("")
                   : undefined_name(variable);
      return value->empty() ? std::string() : canonicalize_name(*value);
    }
    if (!value)
      return undefined_name(variable);
    // An untagged CPython build reports "3.11.1+", which is not a version; packaging repairs it.
    if (variable == MarkerVariable::python_full_version && value->ends_with('+'))
      return *value + "local";
    return *value;
  }

  std::expected<Names, MarkerError> lookup_set(MarkerVariable variable) const {
    const auto& value = *m_env.set_field(variable);
    if (!value) {
      if (m_context == EvaluationContext::lock_file)
        return Names{};
      return undefined_name(variable);
    }
    Names names;
    names.reserve(value->size());
    for (const std::string& name : *value)
      names.push_back(canonicalize_name(name));
    return names;
  }

  // A string against a set (`"x" in extras`); the other operators mean what Python's `str OP
  // set` gives, as in packaging.
  static std::expected<bool, MarkerError> compare_with_set(const std::string& lhs,
                                                           MarkerOperator op, const Names& set) {
    const bool member = std::find(set.begin(), set.end(), lhs) != set.end();
    switch (op) {
      case MarkerOperator::in:
        return member;
      case MarkerOperator::not_in:
        return !member;
      case MarkerOperator::not_equal:
        return true;
      case MarkerOperator::equal:
      case MarkerOperator::less_equal:
      case MarkerOperator::greater_equal:
      case MarkerOperator::less:
      case MarkerOperator::greater:
        return false;
      case MarkerOperator::compatible:
      case MarkerOperator::arbitrary_equal:
        break;
    }
    return undefined_comparison("undefined " + std::string(to_string(op)) +
                                " between a string and a set of names");
  }

  // PEP 440 rules when `op rhs` is a valid specifier: Specifier(op + rhs).contains(lhs,
  // prereleases=True). nullopt when it is not, so that string rules apply.
  static std::optional<bool> compare_versions(const std::string& lhs, MarkerOperator op,
                                              const std::string& rhs) {
    if (op == MarkerOperator::in || op == MarkerOperator::not_in)
      return std::nullopt;
    const auto specifier = pep440::Specifier::parse(std::string(to_string(op)) + rhs);
    if (!specifier)
      return std::nullopt;
    return specifier->contains(std::string_view(lhs), true);
  }

  // packaging 26 string rules: no lexicographic ordering, `<=`/`>=` are equality, and `~=` /
  // `===` are undefined outside version comparisons.
  static std::expected<bool, MarkerError> compare_strings(const std::string& lhs, MarkerOperator op,
                                                          const std::string& rhs) {
    switch (op) {
      case MarkerOperator::less:
      case MarkerOperator::greater:
        return false;
      case MarkerOperator::less_equal:
      case MarkerOperator::equal:
      case MarkerOperator::greater_equal:
        return lhs == rhs;
      case MarkerOperator::not_equal:
        return lhs != rhs;
      case MarkerOperator::in:
        return rhs.find(lhs) != std::string::npos;
      case MarkerOperator::not_in:
        return rhs.find(lhs) == std::string::npos;
      case MarkerOperator::compatible:
      case MarkerOperator::arbitrary_equal:
        break;
    }
    return undefined_comparison("undefined comparison " + describe(lhs, op, rhs) +
                                ": both sides must be versions and the variable a version one");
  }

  const MarkerEnvironment& m_env;
  EvaluationContext m_context;
};

}  // namespace

std::expected<bool, MarkerError> Marker::evaluate(const MarkerEnvironment& environment,
                                                  EvaluationContext context) const {
  const Evaluator evaluator(environment, context);
  // Nodes are in post-order, so one forward pass sees every child before its group and the
  // comparisons in the order they are written (the first error is the leftmost one).
  std::vector<char> values(m_nodes.size(), 0);
  for (std::size_t i = 0; i < m_nodes.size(); ++i) {
    const MarkerNode& node = m_nodes[i];
    if (node.comparison) {
      const auto value = evaluator.compare(*node.comparison);
      if (!value)
        return std::unexpected(value.error());
      values[i] = *value ? 1 : 0;
      continue;
    }
    // `and` binds tighter than `or`: any of the and-chains is all true.
    bool any = false;
    bool chain = values[node.children.front()] != 0;
    for (std::size_t k = 1; k < node.children.size(); ++k) {
      if (node.joins[k - 1] == MarkerJoin::or_) {
        any = any || chain;
        chain = true;
      }
      chain = chain && values[node.children[k]] != 0;
    }
    values[i] = (any || chain) ? 1 : 0;
  }
  return values.back() != 0;
}

}  // namespace gator::pep508

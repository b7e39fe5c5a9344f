#include "resolver/report.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gator::resolver::detail {
namespace {

// Deeper derivations are summarized rather than followed (no unbounded recursion).
constexpr std::size_t k_max_depth = 1000;

class Writer {
 public:
  explicit Writer(const Universe& universe) : m_universe(universe) {}

  // The graph as it is told: a step that only adds "there is no version of a in S" for an S
  // holding no release is skipped (it changes nothing about the releases that exist).
  [[nodiscard]] IncompatId presented(IncompatId id) const {
    for (;;) {
      if (!is_derived(id))
        return id;
      const Incompatibility& incompatibility = get(id);
      IncompatId other = incompatibility.cause1;
      if (is_vacuous(incompatibility.cause1))
        other = incompatibility.cause2;
      else if (!is_vacuous(incompatibility.cause2))
        return id;
      if (!equivalent(id, other))
        return id;
      id = other;
    }
  }

  void count_references(IncompatId root) {
    root = presented(root);
    std::vector<IncompatId> stack{root};
    std::set<IncompatId> seen{root};
    while (!stack.empty()) {
      const IncompatId id = stack.back();
      stack.pop_back();
      if (!is_derived(id)) {
        m_externals.push_back(id);
        continue;
      }
      for (IncompatId cause : {get(id).cause1, get(id).cause2}) {
        cause = presented(cause);
        ++m_references[cause];
        if (seen.insert(cause).second)
          stack.push_back(cause);
      }
    }
  }

  void visit(IncompatId id, std::size_t depth) {
    id = presented(id);
    const Incompatibility& incompatibility = get(id);
    if (!is_derived(id)) {
      write(id, fact(m_universe, incompatibility) + ".");
      return;
    }
    const std::string proves = conclusion(m_universe, incompatibility);
    if (depth > k_max_depth) {
      write(id, proves + " (the derivation is too long to show).");
      return;
    }
    const IncompatId first = presented(incompatibility.cause1);
    const IncompatId second = presented(incompatibility.cause2);
    if (is_derived(first) && is_derived(second))
      both_derived(id, first, second, proves, depth);
    else if (is_derived(first) || is_derived(second))
      one_derived(id, is_derived(first) ? first : second, is_derived(first) ? second : first,
                  proves, depth);
    else
      write(id, text(first) + ", and " + text(second) + ", so " + proves + ".");
  }

  [[nodiscard]] std::string render() const {
    std::string out;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
      if (i > 0)
        out += "\n";
      if (m_lines[i].number != 0)
        out += "(" + std::to_string(m_lines[i].number) + ") ";
      out += m_lines[i].text;
    }
    return out;
  }

  [[nodiscard]] const std::vector<IncompatId>& externals() const { return m_externals; }

 private:
  struct Line {
    std::string text;
    std::size_t number = 0;
  };

  [[nodiscard]] const Incompatibility& get(IncompatId id) const {
    return m_universe.incompatibilities[id];
  }
  [[nodiscard]] bool is_derived(IncompatId id) const { return get(id).kind == CauseKind::derived; }
  [[nodiscard]] bool is_numbered(IncompatId id) const { return m_numbers.contains(id); }
  [[nodiscard]] bool is_shared(IncompatId id) const {
    const auto it = m_references.find(id);
    return it != m_references.end() && it->second > 1;
  }
  // Both causes are external: one line says it all.
  [[nodiscard]] bool is_simple(IncompatId id) const {
    return is_derived(id) && !is_derived(presented(get(id).cause1)) &&
           !is_derived(presented(get(id).cause2));
  }

  // "There is no version of a in S" where S holds no release of a.
  [[nodiscard]] bool is_vacuous(IncompatId id) const {
    const Incompatibility& incompatibility = get(id);
    if (incompatibility.kind != CauseKind::no_versions || incompatibility.not_found ||
        !incompatibility.unusable.empty())
      return false;
    const TermEntry& entry = incompatibility.terms.front();
    const Package& package = m_universe.packages[entry.package];
    return package.kind != PackageKind::root &&
           !m_universe.projects[package.project].releases.empty() &&
           releases_in(m_universe, entry.package, entry.term.set).empty();
  }

  // The same statement about every release that exists.
  [[nodiscard]] bool equivalent(IncompatId a, IncompatId b) const {
    const auto& left = get(a).terms;
    const auto& right = get(b).terms;
    if (left.size() != right.size())
      return false;
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (left[i].package != right[i].package || left[i].term.positive != right[i].term.positive)
        return false;
      if (left[i].package != k_root_package &&
          releases_in(m_universe, left[i].package, left[i].term.set) !=
              releases_in(m_universe, right[i].package, right[i].term.set))
        return false;
    }
    return true;
  }

  // A fact, or what an earlier line proved with its number.
  [[nodiscard]] std::string text(IncompatId id) const {
    id = presented(id);
    if (!is_derived(id))
      return fact(m_universe, get(id));
    std::string out = conclusion(m_universe, get(id));
    if (const auto it = m_numbers.find(id); it != m_numbers.end())
      out += " (" + std::to_string(it->second) + ")";
    return out;
  }

  void write(IncompatId id, std::string line) {
    m_lines.push_back(Line{std::move(line), 0});
    if (is_shared(id))
      number_last_line(id);
  }

  void number_last_line(IncompatId id) {
    if (m_lines.back().number == 0)
      m_lines.back().number = m_next_number++;
    m_numbers[id] = m_lines.back().number;
  }

  void both_derived(IncompatId id, IncompatId first, IncompatId second, const std::string& proves,
                    std::size_t depth) {
    if (is_numbered(first) && is_numbered(second)) {
      write(id, text(first) + ", and " + text(second) + ", so " + proves + ".");
      return;
    }
    if (is_numbered(first) || is_numbered(second)) {
      const IncompatId numbered = is_numbered(first) ? first : second;
      visit(numbered == first ? second : first, depth + 1);
      write(id, "And " + text(numbered) + ", so " + proves + ".");
      return;
    }
    if (is_simple(first) || is_simple(second)) {
      const IncompatId simple = is_simple(second) ? second : first;
      const IncompatId complex = simple == first ? second : first;
      visit(complex, depth + 1);
      visit(simple, depth + 1);
      write(id, "So " + proves + ".");
      return;
    }
    visit(first, depth + 1);
    number_last_line(first);
    m_lines.push_back(Line{});
    visit(second, depth + 1);
    number_last_line(second);
    write(id, text(first) + ", and " + text(second) + ", so " + proves + ".");
  }

  void one_derived(IncompatId id, IncompatId derived, IncompatId external,
                   const std::string& proves, std::size_t depth) {
    if (is_numbered(derived)) {
      write(id, text(external) + ", and " + text(derived) + ", so " + proves + ".");
      return;
    }
    const IncompatId inner_first = presented(get(derived).cause1);
    const IncompatId inner_second = presented(get(derived).cause2);
    if (!is_shared(derived)) {
      // Skip the intermediate conclusion: "X, and Y, and Z, so ...".
      if (is_simple(derived)) {
        write(id, text(inner_first) + ", and " + text(inner_second) + ", and " + text(external) +
                      ", so " + proves + ".");
        return;
      }
      const bool first_derived = is_derived(inner_first);
      if (first_derived != is_derived(inner_second)) {
        const IncompatId prior = first_derived ? inner_first : inner_second;
        const IncompatId prior_external = first_derived ? inner_second : inner_first;
        if (!is_numbered(prior)) {
          visit(prior, depth + 1);
          write(id,
                "And " + text(prior_external) + ", and " + text(external) + ", so " + proves + ".");
          return;
        }
      }
    }
    visit(derived, depth + 1);
    write(id, "And " + text(external) + ", so " + proves + ".");
  }

  const Universe& m_universe;
  std::map<IncompatId, std::size_t> m_references;
  std::map<IncompatId, std::size_t> m_numbers;
  std::vector<Line> m_lines;
  std::vector<IncompatId> m_externals;
  std::size_t m_next_number = 1;
};

void add_hint(std::vector<std::string>& hints, std::string hint) {
  if (std::find(hints.begin(), hints.end(), hint) == hints.end())
    hints.push_back(std::move(hint));
}

// What the user can do about releases that were skipped on purpose.
[[nodiscard]] std::vector<std::string> hints_for(const Universe& universe,
                                                 const std::vector<IncompatId>& externals) {
  std::vector<std::string> hints;
  for (const IncompatId id : externals) {
    const Incompatibility& incompatibility = universe.incompatibilities[id];
    if (incompatibility.kind != CauseKind::no_versions)
      continue;
    const std::string& name =
        universe.projects[universe.packages[incompatibility.terms.front().package].project]
            .name.str();
    for (const UnusableRelease& release : incompatibility.unusable) {
      // The newest release stands for the others of the same kind.
      const std::string version = release.version.to_string();
      const auto mentioned = [&](const std::string& prefix) {
        return std::any_of(hints.begin(), hints.end(),
                           [&](const std::string& hint) { return hint.starts_with(prefix); });
      };
      switch (release.why) {
        case Unusable::prerelease:
          if (!mentioned("pre-releases of " + name + " "))
            add_hint(hints, "pre-releases of " + name + " are used only when a requirement of " +
                                universe.root_name + " names one (e.g. " + name + ">=" + version +
                                ")");
          break;
        case Unusable::yanked:
          if (!mentioned("a yanked release of " + name + " "))
            add_hint(hints, "a yanked release of " + name + " is used only when " +
                                universe.root_name + " pins it with == (e.g. " + name +
                                "==" + version + ")");
          break;
        case Unusable::no_wheel:
          add_hint(hints,
                   "only wheels are installed: source distributions are never built, so a "
                   "release needs a wheel for the target's Python, platform and architecture");
          break;
        case Unusable::requires_python:
        case Unusable::none:
          break;
      }
    }
  }
  return hints;
}

}  // namespace

Explanation explain(const Universe& universe, IncompatId root_cause) {
  Writer writer(universe);
  writer.count_references(root_cause);
  writer.visit(root_cause, 0);
  Explanation out;
  out.text = writer.render();
  out.hints = hints_for(universe, writer.externals());
  return out;
}

}  // namespace gator::resolver::detail

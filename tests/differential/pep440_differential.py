#!/usr/bin/python3
"""Differential test of gator's PEP 440 versions against pypa/packaging.

Generates random version strings (valid and near-valid), runs them through the pep440_oracle
executable and through packaging.version.Version, and fails on any disagreement in validity,
normalized text or ordering (including which versions compare equal). A second pass does the
same for single specifiers (validity, str() and the prereleases property).

Run it with Debian's /usr/bin/python3, whose python3-packaging (23.0) is the reference here.
GATOR_DIFF_SEED (default 440) and GATOR_DIFF_COUNT (default 5000) select the inputs.
Exit status: 0 agree, 1 disagreement, 77 packaging not importable (CTest skip).
"""

import argparse
import os
import random
import subprocess
import sys

try:
    from packaging.specifiers import InvalidSpecifier, Specifier
    from packaging.version import InvalidVersion, Version
    import packaging
except ImportError:
    print("pep440_differential: packaging is not importable by", sys.executable)
    sys.exit(77)

PRE_SPELLINGS = ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"]
POST_SPELLINGS = ["post", "rev", "r"]
SEPARATORS = ["", ".", "-", "_"]
# str.strip()/\s whitespace, ASCII and not.
WHITESPACE = [" ", "\t", "\n", "\r", "\f", "\v", "\x1c", "\x1f", "\x85", "\xa0", "\u2003",
              "\u2028", "\u202f", "\u3000"]
# Letters that Python's re.IGNORECASE folds onto ASCII letters of the version pattern.
LOOKALIKES = ["\u0130", "\u0131", "\u017f", "\u212a"]
NOISE = [".", "-", "_", "+", "!", " ", "*", "a", "z", "0", "9", "v", "V", "\x00", "\xe9",
         "\u0663", "=", "/", "~"] + LOOKALIKES


def random_case(rng, text):
    mode = rng.random()
    if mode < 0.7:
        return text
    if mode < 0.85:
        return text.upper()
    return "".join(c.upper() if rng.random() < 0.5 else c for c in text)


def number(rng):
    kind = rng.random()
    if kind < 0.6:
        return str(rng.randint(0, 20))
    if kind < 0.75:
        return "0" * rng.randint(1, 3) + str(rng.randint(0, 999))
    if kind < 0.9:
        return str(rng.randint(0, 10**6))
    # Beyond 64 bits (Python ints are unbounded; CPython refuses > 4300 digits).
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789")
                                            for _ in range(rng.randint(18, 60)))


def local_label(rng):
    parts = []
    for _ in range(rng.randint(1, 4)):
        alphabet = rng.choice(["0123456789", "abcxyz", "abc0123456789", "rocm57ubuntu"])
        parts.append(random_case(rng, "".join(rng.choice(alphabet)
                                              for _ in range(rng.randint(1, 6)))))
    out = parts[0]
    for part in parts[1:]:
        out += rng.choice([".", "-", "_"]) + part
    return out


def well_formed(rng):
    text = ""
    if rng.random() < 0.1:
        text += rng.choice(["v", "V"])
    if rng.random() < 0.2:
        text += number(rng) + "!"
    text += ".".join(number(rng) for _ in range(rng.randint(1, 5)))
    if rng.random() < 0.4:
        text += rng.choice(SEPARATORS) + random_case(rng, rng.choice(PRE_SPELLINGS))
        if rng.random() < 0.8:
            text += rng.choice(SEPARATORS) + number(rng)
    if rng.random() < 0.3:
        if rng.random() < 0.3:
            text += "-" + number(rng)
        else:
            text += rng.choice(SEPARATORS) + random_case(rng, rng.choice(POST_SPELLINGS))
            if rng.random() < 0.8:
                text += rng.choice(SEPARATORS) + number(rng)
    if rng.random() < 0.3:
        text += rng.choice(SEPARATORS) + random_case(rng, "dev")
        if rng.random() < 0.8:
            text += rng.choice(SEPARATORS) + number(rng)
    if rng.random() < 0.25:
        text += "+" + local_label(rng)
    if rng.random() < 0.15:
        text = "".join(rng.choice(WHITESPACE) for _ in range(rng.randint(1, 3))) + text
    if rng.random() < 0.15:
        text += "".join(rng.choice(WHITESPACE) for _ in range(rng.randint(1, 3)))
    return text


def mutate(rng, text):
    for _ in range(rng.randint(1, 2)):
        position = rng.randint(0, len(text))
        action = rng.random()
        if action < 0.4:
            text = text[:position] + rng.choice(NOISE) + text[position:]
        elif action < 0.6 and text:
            text = text[:position] + text[position + 1:]
        elif action < 0.8 and position < len(text):
            text = text[:position] + text[position] + text[position:]
        else:
            text = text[:position]
    return text


def generate(rng, count):
    out = []
    while len(out) < count:
        roll = rng.random()
        if roll < 0.05:
            text = "".join(rng.choice(NOISE) for _ in range(rng.randint(0, 8)))
        elif roll < 0.65:
            text = well_formed(rng)
        else:
            text = mutate(rng, well_formed(rng))
        out.append(text)
    return out


def reference(text):
    """packaging's verdict: a Version, None (invalid), or "skip" (CPython's int-digit limit)."""
    try:
        return Version(text)
    except InvalidVersion:
        return None
    except ValueError:
        return "skip"


OPERATORS = ["~=", "==", "!=", "<=", ">=", "<", ">", "===", "=", "=>", ""]


def generate_specifiers(rng, count):
    out = []
    for _ in range(count):
        version = well_formed(rng)
        if rng.random() < 0.2:
            version += ".*"
        if rng.random() < 0.3:
            version = mutate(rng, version)
        out.append(rng.choice(WHITESPACE + [""] * 10) + rng.choice(OPERATORS)
                   + rng.choice(["", "", " ", "\t", "\u3000"]) + version)
    return out


def reference_specifier(text):
    try:
        spec = Specifier(text)
    except InvalidSpecifier:
        return "X"
    except ValueError:  # CPython's int-digit limit
        return None
    try:
        prereleases = spec.prereleases
    except InvalidVersion:
        # packaging 23.0 raises for "===" text that is not a version; HEAD answers None.
        prereleases = None
    flag = "N" if prereleases is None else ("T" if prereleases else "F")
    if spec.operator in ("<", ">"):
        # packaging 23.0 never lets < or > imply pre-releases; since 24.2 they do when the
        # version is one (<1.0.dev1). Follow HEAD: the spec's version decides.
        flag = "T" if Version(spec.version).is_prerelease else "F"
    if any(c in text for c in LOOKALIKES):
        # HEAD rejects non-ASCII look-alike letters (see the version pass): the clause is
        # invalid, or for "===" (any text) its text is not a version, so prereleases is None.
        if spec.operator != "===":
            return "X"
        flag = "N"
    return f"S {spec} {flag}"


def compare_specifiers(oracle, rng, count):
    inputs = []
    expected = []
    for text in generate_specifiers(rng, count):
        verdict = reference_specifier(text)
        if verdict is not None:
            inputs.append(text)
            expected.append(verdict)
    payload = "".join(text.encode("utf-8").hex() + "\n" for text in inputs)
    result = subprocess.run([oracle, "--specifiers"], input=payload.encode("ascii"),
                            capture_output=True, check=False)
    if result.returncode != 0:
        return len(inputs), ["oracle failed: " + result.stderr.decode(errors="replace")]
    lines = result.stdout.decode("utf-8").split("\n")
    failures = [f"{text!r}: packaging {theirs!r}, gator {ours!r}"
                for text, theirs, ours in zip(inputs, expected, lines) if theirs != ours]
    return len(inputs), failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", required=True)
    args = parser.parse_args()
    seed = int(os.environ.get("GATOR_DIFF_SEED", "440"))
    count = int(os.environ.get("GATOR_DIFF_COUNT", "5000"))
    rng = random.Random(seed)

    inputs = []
    expected = []
    known_differences = 0
    for text in generate(rng, count):
        verdict = reference(text)
        if verdict == "skip":
            continue
        # packaging 23.0 matches with re.IGNORECASE over Unicode, so a few non-ASCII letters
        # fold onto the pattern's ASCII letters ("1.0+\u0130" parses as "1.0+i\u0307").
        # packaging HEAD (26.1+) rejects them, and so do we: expect an invalid version.
        if verdict is not None and any(c in text for c in LOOKALIKES):
            known_differences += 1
            verdict = None
        inputs.append(text)
        expected.append(verdict)

    payload = "".join(text.encode("utf-8").hex() + "\n" for text in inputs)
    result = subprocess.run([args.oracle], input=payload.encode("ascii"), capture_output=True,
                            check=False)
    if result.returncode != 0:
        print("pep440_differential: oracle failed:", result.stderr.decode(errors="replace"))
        return 1
    lines = result.stdout.decode("utf-8").split("\n")

    failures = []
    for index, (text, verdict) in enumerate(zip(inputs, expected)):
        ours = lines[index]
        theirs = "X" if verdict is None else "V " + str(verdict)
        if ours != theirs:
            failures.append(f"{text!r}: packaging {theirs!r}, gator {ours!r}")

    if lines[len(inputs)] != "ORDER":
        print("pep440_differential: malformed oracle output")
        return 1
    valid = [(index, verdict) for index, verdict in enumerate(expected) if verdict is not None]
    valid.sort(key=lambda pair: pair[1])
    order = ""
    for position, (index, verdict) in enumerate(valid):
        if position > 0:
            order += " = " if valid[position - 1][1] == verdict else " < "
        order += str(index)
    if lines[len(inputs) + 1] != order and not failures:
        ours = lines[len(inputs) + 1].split(" ")
        theirs = order.split(" ")
        for position, (a, b) in enumerate(zip(ours, theirs)):
            if a != b:
                window = slice(max(0, position - 4), position + 5)
                shown = [repr(inputs[int(t)]) if t.isdigit() else t for t in theirs[window]]
                failures.append("ordering differs near: " + " ".join(shown))
                break

    print(f"pep440_differential: seed {seed}, compared {len(inputs)} version strings "
          f"({len(valid)} valid) with packaging {packaging.__version__}; "
          f"{known_differences} known 23.0-vs-HEAD differences handled, "
          f"{len(failures)} disagreements")
    for failure in failures[:50]:
        print("  " + failure)

    spec_count, spec_failures = compare_specifiers(args.oracle, rng, count)
    print(f"pep440_differential: compared {spec_count} specifier strings, "
          f"{len(spec_failures)} disagreements")
    for failure in spec_failures[:50]:
        print("  " + failure)
    return 1 if failures or spec_failures else 0


if __name__ == "__main__":
    sys.exit(main())

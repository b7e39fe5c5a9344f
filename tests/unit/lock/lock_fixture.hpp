#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lock/lockfile.hpp"

// Shared by the lock tests: sample locks built in memory (made-up hashes and sizes) and helpers
// that return whole rendered messages.
namespace gator::lock::test {

// 64 hex digits derived from `seed`, the same on every run.
[[nodiscard]] std::string fake_sha256(std::string_view seed);

struct WheelSpec {
  std::string name;
  std::string url;
  std::uint64_t size = 0;
  std::string upload_time;  // RFC 3339, "" for none
};
[[nodiscard]] Wheel make_wheel(const WheelSpec& spec);

[[nodiscard]] Package make_package(std::string_view name, std::string_view version,
                                   std::string_view index, std::vector<Wheel> wheels,
                                   std::vector<std::string> dependencies = {});

// A PyPI-hosted pure wheel, e.g. pypi_package("idna", "3.7", {}) with one py3-none-any wheel.
[[nodiscard]] Package pypi_package(std::string_view name, std::string_view version,
                                   std::vector<std::string> dependencies = {});

// An mi25-like lock: torch 2.3.1+rocm5.7, torchvision and pytorch-triton-rocm from the PyTorch
// ROCm 5.7 index, numpy, pillow, transformers, ... from PyPI (16 packages, several with two
// wheels), with [tool.gator-provision].
[[nodiscard]] Lockfile mi25_lock();

// The lock's text (write_lockfile must succeed).
[[nodiscard]] std::string written(const Lockfile& lockfile);

// The rendered error of parse_lockfile(text, "pylock.test.toml"), or "" when it succeeds.
[[nodiscard]] std::string read_error(std::string_view text);

// The golden file's content; with GATOR_UPDATE_GOLDEN=1 in the environment it is rewritten
// with `actual` first.
[[nodiscard]] std::string golden(const std::string& name, const std::string& actual);

}  // namespace gator::lock::test

namespace gator::lock::test {

// A small valid lock file: one package (idna 3.7) with one wheel, as the tests edit it.
inline constexpr std::string_view k_small_lock =
    "lock-version = \"1.0\"\n"
    "created-by = \"gator-provision\"\n"
    "\n"
    "[[packages]]\n"
    "name = \"idna\"\n"
    "version = \"3.7\"\n"
    "index = \"https://pypi.org/simple\"\n"
    "\n"
    "    [[packages.wheels]]\n"
    "    name = \"idna-3.7-py3-none-any.whl\"\n"
    "    url = \"https://files.example.org/idna-3.7-py3-none-any.whl\"\n"
    "    size = 66836\n"
    "    hashes = { sha256 = "
    "\"82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0\" }\n";

// `text` with the first occurrence of `from` replaced by `to` (the test fails when `from` is
// not there).
[[nodiscard]] std::string edited(std::string_view text, std::string_view from, std::string_view to);

}  // namespace gator::lock::test
